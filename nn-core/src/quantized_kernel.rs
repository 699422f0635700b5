//! The int8 sums of the quantised layers: each output's bias plus the products of the int8
//! input and its weights; the kernel rows of depthwise convolutions ([`Taps`]); the high-word
//! multiplications of the rescalings. On Arm cores with the DSP extension (`nn_arm_dsp`, set by
//! `build.rs`), four bytes at a time, widened in pairs to 16 bits (`SXTB16`; the input once,
//! for every output) and multiplied and summed two at once (`SMLAD`), as CMSIS-NN's kernels do:
//! a dense layer three or four outputs a pass, a convolution four places a pass, their inner loops
//! written out (`asm!`, where LLVM spilled or split what they keep in registers; each says what
//! it measured). On x86-64 with `std`, a dot product per output in the widest integer vectors
//! the CPU has, chosen at run time: AVX-512 VNNI's `vpdpbusd` where it has it, else loops
//! compiled for AVX2 (`multiversion`); elsewhere plain loops. All give the same sums: integers
//! add exactly.

// multiversion calls the `#[target_feature]` clones through `unsafe` once it has checked the CPU.
#![cfg_attr(all(feature = "std", target_arch = "x86_64"), allow(unsafe_code))]

/// An output's weights, as one row of int8 values: a dense layer's row, a convolution's filter.
pub trait Row {
    /// The weights, in the order of the input values they multiply.
    fn values(&self) -> &[i8];
}

impl<const I: usize> Row for [i8; I] {
    #[inline]
    fn values(&self) -> &[i8] {
        self
    }
}

impl<const C: usize, const KH: usize, const KW: usize> Row for [[[i8; KW]; KH]; C] {
    #[inline]
    fn values(&self) -> &[i8] {
        self.as_flattened().as_flattened()
    }
}

/// Each output's sum: its bias plus the products of `x` and its row of `weights`, wrapping on
/// overflow as TensorFlow Lite's int8 kernels do. Each row is as long as `x`.
#[inline]
#[must_use]
pub fn sums<R: Row, const O: usize>(x: &[i8], weights: &[R; O], bias: &[i32; O]) -> [i32; O] {
    #[cfg(nn_arm_dsp)]
    {
        packed::sums(x, weights, bias)
    }
    #[cfg(all(not(nn_arm_dsp), feature = "std", target_arch = "x86_64"))]
    {
        if std::is_x86_feature_detected!("avx512vnni") && std::is_x86_feature_detected!("avx512bw")
        {
            // SAFETY: the CPU has AVX-512 with VNNI and BW, checked just above.
            unsafe { vnni::dot_sums(x, weights, bias) }
        } else {
            dot_sums(x, weights, bias)
        }
    }
    #[cfg(not(any(nn_arm_dsp, all(feature = "std", target_arch = "x86_64"))))]
    {
        plain_sums(x, weights, bias)
    }
}

/// [`sums`] for four inputs at once, each as long as a row: each output's four sums, handed to
/// `each` with the output's index as soon as they are done (so that they can be rescaled while
/// the output's values are at hand). Without the DSP extension; with it, a convolution widens
/// its patches itself ([`widen_window`], [`widen_slot`]) and sums them with
/// [`filters_groups`] or [`sums_of_widened`], each weight loaded and widened once for several
/// places, as CMSIS-NN's convolutions share each weight between places.
#[cfg(not(nn_arm_dsp))]
#[inline]
pub fn sums_of_four<R: Row, const O: usize>(
    x: [&[i8]; 4],
    weights: &[R; O],
    bias: &[i32; O],
    mut each: impl FnMut(usize, [i32; 4]),
) {
    // Written in place: `x.map` of the sums copied the four arrays (on the Cortex-M0 the
    // digits CNN's int8 inference took 845,032 instructions that way, 753,672 this way).
    let mut four = [[0; O]; 4];
    for (sums_of_one, x) in four.iter_mut().zip(x) {
        *sums_of_one = sums(x, weights, bias);
    }
    let [first, second, third, fourth] = &four;
    for (o, &sum) in first.iter().enumerate() {
        each(o, [sum, second[o], third[o], fourth[o]]);
    }
}

#[cfg(nn_arm_dsp)]
pub use packed::{FourPlaces, filters_groups, sums_of_widened, widen_slot, widen_window};

/// The high word of `x · y`, rounded to the nearest (halves upwards): `(x·y + 2³¹) >> 32`. One
/// instruction on Arm cores with the DSP extension (`SMMULR`), which LLVM does not form from
/// the 64-bit product (it multiplies in four).
#[inline]
#[must_use]
pub fn high_word_rounded(x: i32, y: i32) -> i32 {
    #[cfg(nn_arm_dsp)]
    {
        packed::smmulr(x, y)
    }
    #[cfg(not(nn_arm_dsp))]
    {
        let product = i64::from(x) * i64::from(y) + (1 << 31);
        #[allow(clippy::cast_possible_truncation)] // the high word, which fits
        let high = (product >> 32) as i32;
        high
    }
}

/// Four values clamped to `[low, high]`, as int8: `quant::clamp` of each. On Arm cores with the
/// DSP extension in one block of 11 instructions (each value saturated to 8 bits, `SSAT`; the
/// four bytes into one word, `BFI`; each clamp on the four bytes at once, `SSUB8` and `SEL`),
/// where one at a time took 7 a value and a store each, and 17 for four with the clamps on
/// pairs of halves.
#[inline]
#[must_use]
pub fn clamp_four(values: [i32; 4], low: i8, high: i8) -> [i8; 4] {
    #[cfg(nn_arm_dsp)]
    {
        packed::clamp_four(values, low, high)
    }
    #[cfg(not(nn_arm_dsp))]
    {
        values.map(|value| crate::quant::clamp(value, low, high))
    }
}

/// `acc` plus the high word of `x · y`, rounded to the nearest (halves upwards), wrapping:
/// `acc + (x·y + 2³¹) >> 32`. One instruction on Arm cores with the DSP extension (`SMMLAR`).
#[inline]
#[must_use]
pub fn high_word_rounded_plus(x: i32, y: i32, acc: i32) -> i32 {
    #[cfg(nn_arm_dsp)]
    {
        packed::smmlar(x, y, acc)
    }
    #[cfg(not(nn_arm_dsp))]
    {
        acc.wrapping_add(high_word_rounded(x, y))
    }
}

/// `acc` plus the high word of `x · y`, rounded down: `acc + (x·y >> 32)`. One instruction on
/// Arm cores with the DSP extension (`SMMLA`).
#[inline]
#[must_use]
pub fn high_word_plus(x: i32, y: i32, acc: i32) -> i32 {
    #[cfg(nn_arm_dsp)]
    {
        packed::smmla(x, y, acc)
    }
    #[cfg(not(nn_arm_dsp))]
    {
        #[allow(clippy::cast_possible_truncation)] // the high word, which fits
        let high = ((i64::from(x) * i64::from(y)) >> 32) as i32;
        acc.wrapping_add(high)
    }
}

/// A kernel row's weights, ready to multiply a row of the input: a row of three on Arm cores
/// with the DSP extension as the pair of its outer weights and its middle one, so that one word
/// of the input, widened into its even and odd bytes (`SXTB16`), gives all three products in
/// two instructions (`SMLAD`, `SMLABB`).
#[derive(Clone, Copy, Debug)]
pub struct Taps<const K: usize> {
    /// The weights, widened.
    weights: [i32; K],
    /// For a row of three: its outer weights in the halves of one word.
    #[cfg_attr(not(nn_arm_dsp), allow(dead_code))]
    outer: u32,
}

impl<const K: usize> Taps<K> {
    /// The row `weights`.
    #[inline]
    pub fn new(weights: &[i8; K]) -> Self {
        let half = |w: i8| u32::from(i16::from(w).cast_unsigned());
        let outer = match weights.as_slice() {
            &[first, _, last] => half(first) | half(last) << 16,
            _ => 0,
        };
        Self {
            weights: weights.map(i32::from),
            outer,
        }
    }

    /// `sum` plus the products of the weights and `x`, whose first `K` values they multiply;
    /// `x` holds one value more, read with them as a word for a row of three.
    #[inline]
    pub fn dot(&self, x: &[i8], sum: i32) -> i32 {
        #[cfg(nn_arm_dsp)]
        if K == 3
            && let Some(x) = x.first_chunk::<4>()
        {
            return packed::dot_three(x, self.outer, self.weights[1], sum);
        }
        let products = x.iter().zip(&self.weights);
        products.fold(sum, |sum, (&x, &w)| sum.wrapping_add(i32::from(x) * w))
    }

    /// [`Taps::dot`] at two neighbouring places: `sums[0]` plus the products with `x`'s first
    /// `K` values, `sums[1]` with the `K` after its first; `x` holds `K + 1` values. A row of
    /// three shares one word's widening between the two (`SMLATB` takes the middle product of
    /// the second from the first's halves).
    #[inline]
    pub fn dot_two(&self, x: &[i8], sums: [i32; 2]) -> [i32; 2] {
        #[cfg(nn_arm_dsp)]
        if K == 3
            && let Some(x) = x.first_chunk::<4>()
        {
            return packed::dot_three_twice(x, self.outer, self.weights[1], sums);
        }
        [
            self.dot(x, sums[0]),
            self.dot(x.get(1..).unwrap_or_default(), sums[1]),
        ]
    }
}

/// A 3 x 3 kernel ready to add its products into a row of sums at once
/// ([`KernelThree::add_row`]): on Arm cores with the DSP extension each row's outer weights in
/// the halves of a word, the middle ones in the halves of two.
#[derive(Clone, Copy, Debug)]
pub struct KernelThree {
    /// Each row's outer weights, as [`Taps`] holds them.
    #[cfg_attr(not(nn_arm_dsp), allow(dead_code))]
    outer: [u32; 3],
    /// The middle weights of the first two rows in the halves of a word, of the third in the
    /// low half of another.
    #[cfg_attr(not(nn_arm_dsp), allow(dead_code))]
    middle: [u32; 2],
}

impl KernelThree {
    /// `kernel`, if it is 3 x 3 and the build has the loops of [`KernelThree::add_row`].
    #[inline]
    #[must_use]
    pub fn new<const KH: usize, const KW: usize>(kernel: &[[i8; KW]; KH]) -> Option<Self> {
        if KW != 3 || cfg!(not(nn_arm_dsp)) {
            return None;
        }
        let flat = <&[i8; 9]>::try_from(kernel.as_flattened()).ok()?;
        let kernel: [[i8; 3]; 3] =
            core::array::from_fn(|r| [flat[3 * r], flat[3 * r + 1], flat[3 * r + 2]]);
        let taps = kernel.map(|row| Taps::new(&row));
        let half = |row: [i8; 3]| u32::from(i16::from(row[1]).cast_unsigned());
        Some(Self {
            outer: taps.map(|taps| taps.outer),
            middle: [half(kernel[0]) | half(kernel[1]) << 16, half(kernel[2])],
        })
    }

    /// Adds the kernel's products into the sums of one output row, place by place (each sum
    /// holds the bias): place `k`'s kernel on `plane` from `start + k · step`, its rows `2 · W`
    /// apart (a plane twice as wide as an input of `W` values), each row read as a word (its
    /// fourth byte not multiplied). On Arm cores with the DSP extension for steps of 1 and 2,
    /// in written-out loops; `false`, nothing done, where it does not apply (another step, the
    /// plane too short or too wide, no DSP extension).
    #[inline]
    #[must_use]
    pub fn add_row<const W: usize>(
        &self,
        plane: &[i8],
        start: usize,
        step: usize,
        sums: &mut [i32],
    ) -> bool {
        #[cfg(nn_arm_dsp)]
        {
            let Some(last) = sums.len().checked_sub(1) else {
                return true;
            };
            // The last place's third row, its word included, on the plane; the rows'
            // distances within an instruction's offset.
            let end = start + last * step + 4 * W + 4;
            if end > plane.len() || 4 * W > 4095 {
                return false;
            }
            let plane = &plane[start..end];
            let (outer, middle) = (self.outer, self.middle);
            match step {
                1 => {
                    let pairs = sums.len() / 2;
                    packed::kernel_row_pairs::<W>(plane, outer, middle, &mut sums[..2 * pairs]);
                    let rest = &mut sums[2 * pairs..];
                    packed::kernel_row_singles::<W, 1>(&plane[2 * pairs..], outer, middle, rest);
                }
                2 => packed::kernel_row_singles::<W, 2>(plane, outer, middle, sums),
                _ => return false,
            }
            true
        }
        #[cfg(not(nn_arm_dsp))]
        {
            let _ = (self, plane, start, step, sums);
            false
        }
    }
}

/// A dot product per output, in AVX2's or the portable build's vectors: LLVM widens the bytes to
/// 16 bits and sums pairs of products into 32 (`vpmaddwd`). Measured in `cargo bench --bench
/// workloads` (`nn_int8`); where the CPU has AVX-512 VNNI, [`vnni::dot_sums`] is faster.
#[cfg(all(feature = "std", target_arch = "x86_64"))]
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn dot_sums<R: Row, const O: usize>(x: &[i8], weights: &[R; O], bias: &[i32; O]) -> [i32; O] {
    let mut sums = *bias;
    for (sum, row) in sums.iter_mut().zip(weights) {
        // A product of two int8 values fits 16 bits: summed in pairs into 32, as `vpmaddwd`.
        let products = x.iter().zip(row.values());
        let dot = products.fold(0_i32, |dot, (&x, &w)| {
            dot.wrapping_add(i32::from(i16::from(x) * i16::from(w)))
        });
        *sum = sum.wrapping_add(dot);
    }
    sums
}

/// The dot products with AVX-512 VNNI's `vpdpbusd`: 64 products of an unsigned and a signed
/// byte summed into 16 `i32`s in one instruction. LLVM does not form it from the loops of
/// [`dot_sums`] (it emits `vpmaddwd` and adds), hence intrinsics. The weights are made unsigned
/// by adding 128 (flipping their top bit), which adds 128 times the sum of the input to every
/// dot product: taken off once per output. Integers wrap as the other kernels', so the sums are
/// theirs, bit for bit.
#[cfg(all(feature = "std", target_arch = "x86_64"))]
mod vnni {
    use core::arch::x86_64::{
        __m512i, _mm512_dpbusd_epi32, _mm512_loadu_si512, _mm512_maskz_loadu_epi8,
        _mm512_reduce_add_epi32, _mm512_set1_epi8, _mm512_setzero_si512, _mm512_xor_si512,
    };

    use super::Row;

    /// The bytes of one vector.
    const LANES: usize = 64;

    /// Each output's sum: its bias plus the dot product of `x` and its row.
    ///
    /// # Safety
    ///
    /// The CPU must have AVX-512F, AVX-512BW and AVX-512 VNNI.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn dot_sums<R: Row, const O: usize>(
        x: &[i8],
        weights: &[R; O],
        bias: &[i32; O],
    ) -> [i32; O] {
        let offset = 128_i32.wrapping_mul(x.iter().map(|&v| i32::from(v)).sum::<i32>());
        let flip = _mm512_set1_epi8(i8::MIN);
        let mut sums = *bias;
        for (sum, row) in sums.iter_mut().zip(weights) {
            let mut dot = _mm512_setzero_si512();
            for (x, w) in x.chunks(LANES).zip(row.values().chunks(LANES)) {
                let (x, w) = (load(x), load(w));
                dot = _mm512_dpbusd_epi32(dot, _mm512_xor_si512(w, flip), x);
            }
            let dot = _mm512_reduce_add_epi32(dot).wrapping_sub(offset);
            *sum = sum.wrapping_add(dot);
        }
        sums
    }

    /// Up to 64 bytes as one vector, the lanes past `bytes` zero.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw")]
    fn load(bytes: &[i8]) -> __m512i {
        if let Ok(full) = <&[i8; LANES]>::try_from(bytes) {
            // SAFETY: 64 bytes are readable at `full`; the load needs no alignment.
            return unsafe { _mm512_loadu_si512(full.as_ptr().cast()) };
        }
        let mask = u64::MAX >> (LANES - bytes.len().min(LANES));
        // SAFETY: the mask covers the `bytes.len()` bytes readable at the pointer and no more;
        // masked-off lanes are not read (and are zero).
        unsafe { _mm512_maskz_loadu_epi8(mask, bytes.as_ptr()) }
    }
}

/// Input by input, each added into every output's sum. On the Cortex-M0 this took 21,446
/// instructions for the digits network's int8 inference, a dot product per output 24,863 (LLVM
/// unrolled it completely and spilled every offset to the stack).
#[cfg_attr(
    any(nn_arm_dsp, all(feature = "std", target_arch = "x86_64")),
    allow(dead_code)
)]
fn plain_sums<R: Row, const O: usize>(x: &[i8], weights: &[R; O], bias: &[i32; O]) -> [i32; O] {
    let mut sums = *bias;
    for (i, &xi) in x.iter().enumerate() {
        let xi = i32::from(xi);
        for (sum, row) in sums.iter_mut().zip(weights) {
            *sum = sum.wrapping_add(xi * i32::from(row.values()[i]));
        }
    }
    sums
}

/// Four products at a time in pairs of 16-bit halves: the DSP instructions on Arm, their
/// definitions in plain Rust in tests.
#[cfg(any(test, nn_arm_dsp))]
// Each is one instruction, in the inner loop: a call would cost more than the work.
#[allow(clippy::inline_always)]
mod packed {
    use super::Row;

    /// The bytes as one little-endian word.
    #[inline(always)]
    fn word(bytes: &[i8; 4]) -> u32 {
        u32::from_le_bytes(bytes.map(i8::cast_unsigned))
    }

    /// The words of the input at once: how many the input is widened in before its products,
    /// on the stack. Measured on the Cortex-M4 (anomaly detection's int8 inference, the sine
    /// firmware's stack): 455,080 instructions and 572 bytes with 16; 441,560 and 700 with 32;
    /// 437,280 and 956 with 64.
    const CHUNK: usize = 32;

    /// The words of `chunk` widened into pairs of 16-bit halves: bytes 0 and 2, bytes 1 and 3.
    #[inline(always)]
    fn widen(chunk: &[[i8; 4]], widened: &mut [[u32; 2]; CHUNK]) {
        for (pair, x) in widened.iter_mut().zip(chunk) {
            let x = word(x);
            *pair = [sxtb16(x), sxtb16_ror8(x)];
        }
    }

    /// Adds the products of the input's last bytes, past its whole words (from `done`), into
    /// each output's sum.
    #[inline(always)]
    fn add_rest<R: Row, const O: usize>(
        rest: &[i8],
        done: usize,
        weights: &[R; O],
        sums: &mut [i32; O],
    ) {
        if rest.is_empty() {
            return;
        }
        for (row, sum) in weights.iter().zip(sums) {
            for (&x, &w) in rest.iter().zip(&row.values()[done..]) {
                *sum = sum.wrapping_add(i32::from(x) * i32::from(w));
            }
        }
    }

    /// Each output's sums for four inputs, to `each`: each input widened into its slot
    /// ([`widen_slot`]), then [`sums_of_widened`], as a convolution sums its four patches.
    #[cfg(test)]
    pub fn sums_of_four<R: Row, const O: usize>(
        inputs: [&[i8]; 4],
        widened: &mut [[u32; 8]],
        weights: &[R; O],
        bias: &[i32; O],
        each: impl FnMut(usize, [i32; 4]),
    ) {
        let mut rest = [0; 8];
        for (slot, x) in inputs.iter().enumerate() {
            widen_slot(x, slot, widened, &mut rest);
        }
        let (length, has_rest) = (inputs[0].len() / 4, !inputs[0].len().is_multiple_of(4));
        let widened = &widened[..length];
        sums_of_widened(widened, has_rest.then_some(&rest), weights, bias, each);
    }

    /// Up to four bytes as a word's, zeros after them.
    #[inline(always)]
    fn padded(bytes: &[i8]) -> [i8; 4] {
        let mut word = [0; 4];
        for (value, &byte) in word.iter_mut().zip(bytes) {
            *value = byte;
        }
        word
    }

    /// Each output's sums for the four inputs widened in `widened` (as many words as a row
    /// has), to `each`: each row's word loaded and widened once for the four, one row a pass.
    /// Where the rows end in part of a word, `rest` holds the inputs' last bytes widened as a
    /// word padded with zeros, and the row's last bytes are padded so too: on the Cortex-M4,
    /// 51 instructions fewer a filter and four places than their products one by one (the
    /// first convolution of ResNet-8, three bytes past its filters' words).
    #[inline]
    pub fn sums_of_widened<R: Row, const O: usize>(
        widened: &[[u32; 8]],
        rest: Option<&[u32; 8]>,
        weights: &[R; O],
        bias: &[i32; O],
        mut each: impl FnMut(usize, [i32; 4]),
    ) {
        for (o, (row, &bias)) in weights.iter().zip(bias).enumerate() {
            let (row_words, row_rest) = row.values().as_chunks::<4>();
            let mut sums = dot_four(row_words, widened, [bias; 4]);
            if let Some(rest) = rest {
                let w = word(&padded(row_rest));
                let (w02, w13) = (sxtb16(w), sxtb16_ror8(w));
                for (sum, x) in sums.iter_mut().zip(rest.as_chunks::<2>().0) {
                    *sum = smlad(x[1], w13, smlad(x[0], w02, *sum));
                }
            }
            each(o, sums);
        }
    }

    /// Four places' patches of `C` channels of `KH x KW` values, widened for their products:
    /// for each whole word of a patch, an entry of eight `u32`s, each place's two (bytes 0
    /// and 2, bytes 1 and 3, as `SXTB16` makes them; [`widen_slot`]), in `words`' first
    /// entries; the values past the last whole word, as a word padded with zeros, in `rest`.
    /// `#[repr(C)]`, so that [`filters_groups`] walks groups of them one after another.
    #[repr(C)]
    pub struct FourPlaces<const C: usize, const KH: usize, const KW: usize> {
        words: [[[[u32; 2]; KW]; KH]; C],
        rest: [u32; 8],
    }

    impl<const C: usize, const KH: usize, const KW: usize> FourPlaces<C, KH, KW> {
        /// Places of zeros.
        pub const ZERO: Self = Self {
            words: [[[[0; 2]; KW]; KH]; C],
            rest: [0; 8],
        };

        /// The entries of the whole words, and the rest, to widen places into.
        #[inline(always)]
        pub fn parts_mut(&mut self) -> (&mut [[u32; 8]], &mut [u32; 8]) {
            let words = self.words.as_flattened_mut().as_flattened_mut();
            (
                words.as_flattened_mut().as_chunks_mut::<8>().0,
                &mut self.rest,
            )
        }

        /// The entries of the whole words, and the rest.
        #[inline(always)]
        pub fn parts(&self) -> (&[[u32; 8]], &[u32; 8]) {
            let words = self.words.as_flattened().as_flattened();
            (words.as_flattened().as_chunks::<8>().0, &self.rest)
        }
    }

    /// `input`'s words widened into input `slot` (0 to 3) of `widened`, each word's bytes 0
    /// and 2 and its bytes 1 and 3 into the slot's two `u32`s; its last bytes past them, if
    /// any, into the slot of `rest`, as a word padded with zeros.
    #[inline]
    pub fn widen_slot(input: &[i8], slot: usize, widened: &mut [[u32; 8]], rest: &mut [u32; 8]) {
        let (words, last) = input.as_chunks::<4>();
        for (pairs, bytes) in widened.iter_mut().zip(words) {
            let x = word(bytes);
            pairs[2 * slot] = sxtb16(x);
            pairs[2 * slot + 1] = sxtb16_ror8(x);
        }
        if !last.is_empty() {
            let x = word(&padded(last));
            rest[2 * slot] = sxtb16(x);
            rest[2 * slot + 1] = sxtb16_ror8(x);
        }
    }

    /// The window of `x` from row `y` and column `left`, `KH` rows of `KW` values in each
    /// channel, widened into input `slot` of `widened` (and of `rest`, where the window's
    /// values end in part of a word) as [`widen_slot`] widens the same values gathered
    /// channel by channel and row by row, but straight from `x`: each pair of halves from two
    /// loads of a byte at an offset known when it is compiled, four channels at a time (their
    /// values a whole number of words), then the channels past the last four. For a
    /// convolution's patches this saves copying the values before widening them. Where the
    /// window does not lie on `x`, nothing is written and it returns `false`.
    #[inline]
    pub fn widen_window<
        const C: usize,
        const KH: usize,
        const KW: usize,
        const H: usize,
        const W: usize,
    >(
        x: &[[[i8; W]; H]; C],
        [y, left]: [usize; 2],
        slot: usize,
        widened: &mut [[u32; 8]],
        rest: &mut [u32; 8],
    ) -> bool {
        let area = KH * KW;
        if y + KH > H || left + KW > W || area == 0 {
            return false;
        }
        let (groups, tail) = x.as_chunks::<4>();
        for (channels, words) in groups.iter().zip(widened.chunks_exact_mut(area)) {
            for (i, pairs) in words.iter_mut().enumerate() {
                // Value `j` of the four channels' windows, one after another.
                let value = |n: usize| {
                    let (c, k) = ((4 * i + n) / area, (4 * i + n) % area);
                    i32::from(channels[c][y + k / KW][left + k % KW])
                };
                pairs[2 * slot] = halves(value(0), value(2));
                pairs[2 * slot + 1] = halves(value(1), value(3));
            }
        }
        // The last channels' values one after another, zeros past them.
        let values = tail.len() * area;
        let value = |n: usize| {
            let (c, k) = (n / area, n % area);
            tail.get(c)
                .map_or(0, |channel| i32::from(channel[y + k / KW][left + k % KW]))
        };
        let words = widened.iter_mut().skip(groups.len() * area);
        for (i, pairs) in words.take(values / 4).enumerate() {
            pairs[2 * slot] = halves(value(4 * i), value(4 * i + 2));
            pairs[2 * slot + 1] = halves(value(4 * i + 1), value(4 * i + 3));
        }
        if !values.is_multiple_of(4) {
            let n = values - values % 4;
            rest[2 * slot] = halves(value(n), value(n + 2));
            rest[2 * slot + 1] = halves(value(n + 1), value(n + 3));
        }
        true
    }

    /// `low` and `high` (each an int8) as the 16-bit halves of a word, as `SXTB16` makes them
    /// (`PKHBT`).
    #[inline(always)]
    fn halves(low: i32, high: i32) -> u32 {
        (low.cast_unsigned() & 0xFFFF) | (high.cast_unsigned() << 16)
    }

    /// `sums` plus the products of one row's words and the four widened inputs, word by word.
    #[cfg(not(nn_arm_dsp))]
    #[inline(always)]
    fn dot_four(row: &[[i8; 4]], widened: &[[u32; 8]], sums: [i32; 4]) -> [i32; 4] {
        let mut s = sums;
        for (w, x) in row.iter().zip(widened) {
            let w = word(w);
            let (w02, w13) = (sxtb16(w), sxtb16_ror8(w));
            for (k, sum) in s.iter_mut().enumerate() {
                *sum = smlad(x[2 * k + 1], w13, smlad(x[2 * k], w02, *sum));
            }
        }
        s
    }

    /// `sum` plus the products of `x`'s first three bytes and a row of three weights: its outer
    /// ones in the halves of `outer`, its middle one `middle`. The word's even bytes are the
    /// first and third values, its odd ones the second (and a fourth, not multiplied).
    #[cfg(nn_arm_dsp)]
    #[inline(always)]
    pub fn dot_three(x: &[i8; 4], outer: u32, middle: i32, sum: i32) -> i32 {
        arm::dot_three(x, outer, middle, sum)
    }

    /// [`dot_three`] of `x`'s first three bytes into `sums[0]` and of its last three into
    /// `sums[1]`: the odd bytes times the outer weights and the third byte (the even half's
    /// top) times the middle one.
    #[cfg(nn_arm_dsp)]
    #[inline(always)]
    pub fn dot_three_twice(x: &[i8; 4], outer: u32, middle: i32, sums: [i32; 2]) -> [i32; 2] {
        arm::dot_three_twice(x, outer, middle, sums)
    }

    /// `sums` plus the products of each row's words and the widened input, word by word, a
    /// row at a time: what the written-out loops compute.
    #[inline(always)]
    fn add_rows<const N: usize>(
        rows: [&[[i8; 4]]; N],
        widened: &[[u32; 2]],
        sums: [i32; N],
    ) -> [i32; N] {
        let mut s = sums;
        for (sum, row) in s.iter_mut().zip(rows) {
            for (&[x02, x13], w) in widened.iter().zip(row) {
                let w = word(w);
                *sum = smlad(x13, sxtb16_ror8(w), smlad(x02, sxtb16(w), *sum));
            }
        }
        s
    }

    /// Whether rows `R` go three at a time ([`dot_rows_three`]): whole words each, and near
    /// enough that the words of the rows before and after the middle one are in reach of an
    /// offset (`LDRD`'s, up to 1,020 bytes).
    const fn in_threes<R>() -> bool {
        let stride = core::mem::size_of::<R>();
        stride.is_multiple_of(4) && stride <= 1020
    }

    /// `sums` plus the products of three rows' words and the widened input, word by word.
    #[inline(always)]
    // The rows' type gives the written-out loop their distance apart.
    #[cfg_attr(not(nn_arm_dsp), allow(clippy::extra_unused_type_parameters))]
    fn dot_rows_three<R>(rows: [&[[i8; 4]]; 3], widened: &[[u32; 2]], sums: [i32; 3]) -> [i32; 3] {
        #[cfg(nn_arm_dsp)]
        if let Some(sums) = arm::dot_rows_three::<R>(rows, widened, sums) {
            return sums;
        }
        add_rows(rows, widened, sums)
    }

    /// `sums` plus the products of four rows' words and the widened input, word by word: each
    /// input word's halves loaded once for the four rows.
    #[inline(always)]
    // The rows' type gives the written-out loop their distance apart.
    #[cfg_attr(not(nn_arm_dsp), allow(clippy::extra_unused_type_parameters))]
    fn dot_rows_four<R>(rows: [&[[i8; 4]]; 4], widened: &[[u32; 2]], sums: [i32; 4]) -> [i32; 4] {
        #[cfg(nn_arm_dsp)]
        if let Some(sums) = arm::dot_rows_four::<R>(rows, widened, sums) {
            return sums;
        }
        add_rows(rows, widened, sums)
    }

    /// Each output's sum, three or four outputs a pass: the input widened once a chunk into
    /// pairs of 16-bit halves, each pair multiplied with the rows' (CMSIS-NN's
    /// `arm_nn_vec_mat_mult_t_s8` does so with two); three rows a pass where their words are
    /// in reach ([`in_threes`]), else four; the last rows two and one at a time, the last bytes
    /// one by one.
    #[inline]
    pub fn sums<R: Row, const O: usize>(x: &[i8], weights: &[R; O], bias: &[i32; O]) -> [i32; O] {
        let mut sums = *bias;
        let (x_words, x_rest) = x.as_chunks::<4>();
        let mut widened = [[0_u32; 2]; CHUNK];
        for (c, chunk) in x_words.chunks(CHUNK).enumerate() {
            widen(chunk, &mut widened);
            let (widened, base) = (&widened[..chunk.len()], c * CHUNK);
            let mut start = 0;
            if in_threes::<R>() {
                let triple_sums = sums.chunks_exact_mut(3);
                for (rows, sum) in weights.chunks_exact(3).zip(triple_sums) {
                    let words = [0, 1, 2].map(|k| &rows[k].values().as_chunks::<4>().0[base..]);
                    if let Ok(sum) = <&mut [i32; 3]>::try_from(sum) {
                        *sum = dot_rows_three::<R>(words, widened, *sum);
                    }
                }
                start = O - O % 3;
            }
            let mut quads = weights[start..].chunks_exact(4);
            let mut quad_sums = sums[start..].chunks_exact_mut(4);
            for (rows, sum) in (&mut quads).zip(&mut quad_sums) {
                let words = [0, 1, 2, 3].map(|k| &rows[k].values().as_chunks::<4>().0[base..]);
                if let Ok(sum) = <&mut [i32; 4]>::try_from(sum) {
                    *sum = dot_rows_four::<R>(words, widened, *sum);
                }
            }
            let mut rows = quads.remainder().chunks_exact(2);
            let mut outputs = quad_sums.into_remainder().chunks_exact_mut(2);
            for (pair, sum) in (&mut rows).zip(&mut outputs) {
                let first = &pair[0].values().as_chunks::<4>().0[base..];
                let second = &pair[1].values().as_chunks::<4>().0[base..];
                let (mut a, mut b) = (sum[0], sum[1]);
                for ((&[x02, x13], first), second) in widened.iter().zip(first).zip(second) {
                    let (first, second) = (word(first), word(second));
                    a = smlad(x02, sxtb16(first), a);
                    a = smlad(x13, sxtb16_ror8(first), a);
                    b = smlad(x02, sxtb16(second), b);
                    b = smlad(x13, sxtb16_ror8(second), b);
                }
                sum[0] = a;
                sum[1] = b;
            }
            for (row, sum) in rows.remainder().iter().zip(outputs.into_remainder()) {
                let row = &row.values().as_chunks::<4>().0[base..];
                [*sum] = add_rows([row], widened, [*sum]);
            }
        }
        add_rest(x_rest, x.len() - x_rest.len(), weights, &mut sums);
        sums
    }

    #[cfg(nn_arm_dsp)]
    pub use arm::{
        clamp_four, filters_groups, kernel_row_pairs, kernel_row_singles, smmla, smmlar, smmulr,
    };
    #[cfg(nn_arm_dsp)]
    use arm::{dot_four, smlad, sxtb16, sxtb16_ror8};
    #[cfg(not(nn_arm_dsp))]
    use portable::{smlad, sxtb16, sxtb16_ror8};

    /// The instructions. `core::arch::arm`'s intrinsics for them are unstable, hence `asm!`;
    /// LLVM does not form them from plain loops (measured: the digits network's int8 inference
    /// took 10,971 instructions on the Cortex-M4 with a load and a multiply-accumulate a weight;
    /// 9,007 with these, a dot product per output; 6,812 with the input widened once and two
    /// outputs a pass).
    #[cfg(nn_arm_dsp)]
    #[allow(unsafe_code)]
    mod arm {
        use core::arch::asm;

        use super::FourPlaces;
        use crate::quant::ShortRescale;

        /// One word of a row times the four places' widened words, in `dot_four`'s registers
        /// (the row in r10, the places in r11, the sums in r4, r5, r8 and r9): the body of its
        /// loop, written four times there. `LDM` loads two places' four halves in one
        /// instruction; its registers must ascend, hence named ones.
        macro_rules! four_places_word {
            () => {
                concat!(
                    "ldr r12, [r10], #4\n",
                    "sxtb16 lr, r12\n",
                    "sxtb16 r12, r12, ror #8\n",
                    "ldm r11!, {{r0-r3}}\n",
                    "smlad r4, r0, lr, r4\n",
                    "smlad r4, r1, r12, r4\n",
                    "smlad r5, r2, lr, r5\n",
                    "smlad r5, r3, r12, r5\n",
                    "ldm r11!, {{r0-r3}}\n",
                    "smlad r8, r0, lr, r8\n",
                    "smlad r8, r1, r12, r8\n",
                    "smlad r9, r2, lr, r9\n",
                    "smlad r9, r3, r12, r9\n"
                )
            };
        }

        /// One word of a filter widened ahead ([`filters_groups`]'s, at r10) times the four
        /// places' widened words (at r11), into the sums in r4, r5, r8 and r9: `LDRD` loads
        /// the word's two halves, `LDM` two places' four.
        macro_rules! four_places_widened_word {
            () => {
                concat!(
                    "ldrd r12, lr, [r10], #8\n",
                    "ldm r11!, {{r0-r3}}\n",
                    "smlad r4, r0, r12, r4\n",
                    "smlad r4, r1, lr, r4\n",
                    "smlad r5, r2, r12, r5\n",
                    "smlad r5, r3, lr, r5\n",
                    "ldm r11!, {{r0-r3}}\n",
                    "smlad r8, r0, r12, r8\n",
                    "smlad r8, r1, lr, r8\n",
                    "smlad r9, r2, r12, r9\n",
                    "smlad r9, r3, lr, r9\n"
                )
            };
        }

        /// The next two words of a row (at r10) widened into four registers, bytes 0 and 2 then
        /// bytes 1 and 3 of each word: [`filters_groups`]'s widening of a filter's row.
        macro_rules! two_words_widened {
            ($a:literal, $b:literal, $c:literal, $d:literal) => {
                concat!(
                    "ldr r12, [r10], #4\n",
                    "ldr lr, [r10], #4\n",
                    "sxtb16 ",
                    $a,
                    ", r12\n",
                    "sxtb16 ",
                    $b,
                    ", r12, ror #8\n",
                    "sxtb16 ",
                    $c,
                    ", lr\n",
                    "sxtb16 ",
                    $d,
                    ", lr, ror #8\n"
                )
            };
        }

        /// One widened word of the input times the four rows' words, in `dot_rows_four`'s
        /// registers: the body of its loop, written four times there.
        macro_rules! four_rows_word {
            () => {
                concat!(
                    "ldrd {a}, {b}, [{x}], #8\n",
                    "ldr {w}, [{row}, #{s1_offset}]\n",
                    "sxtb16 {t}, {w}\n",
                    "sxtb16 {w}, {w}, ror #8\n",
                    "smlad {s1}, {a}, {t}, {s1}\n",
                    "smlad {s1}, {b}, {w}, {s1}\n",
                    "ldr {w}, [{row}, #{s2_offset}]\n",
                    "sxtb16 {t}, {w}\n",
                    "sxtb16 {w}, {w}, ror #8\n",
                    "smlad {s2}, {a}, {t}, {s2}\n",
                    "smlad {s2}, {b}, {w}, {s2}\n",
                    "ldr {w}, [{row}, #{s3_offset}]\n",
                    "sxtb16 {t}, {w}\n",
                    "sxtb16 {w}, {w}, ror #8\n",
                    "smlad {s3}, {a}, {t}, {s3}\n",
                    "smlad {s3}, {b}, {w}, {s3}\n",
                    "ldr {w}, [{row}], #4\n",
                    "sxtb16 {t}, {w}\n",
                    "sxtb16 {w}, {w}, ror #8\n",
                    "smlad {s0}, {a}, {t}, {s0}\n",
                    "smlad {s0}, {b}, {w}, {s0}\n"
                )
            };
        }

        /// Two widened words of the input times the three rows' two words, in
        /// `dot_rows_three`'s registers (the input in r11, the middle row in lr, the sums in
        /// r4, r5 and r8): the body of its loop, written four times there. `LDM` loads the
        /// input's four halves and `LDRD` a row's two words, one instruction each.
        macro_rules! three_rows_two_words {
            () => {
                concat!(
                    "ldm r11!, {{r0-r3}}\n",
                    "ldrd r9, r10, [lr, #-{stride}]\n",
                    "sxtb16 r12, r9\n",
                    "sxtb16 r9, r9, ror #8\n",
                    "smlad r4, r0, r12, r4\n",
                    "smlad r4, r1, r9, r4\n",
                    "sxtb16 r12, r10\n",
                    "sxtb16 r10, r10, ror #8\n",
                    "smlad r4, r2, r12, r4\n",
                    "smlad r4, r3, r10, r4\n",
                    "ldrd r9, r10, [lr, #{stride}]\n",
                    "sxtb16 r12, r9\n",
                    "sxtb16 r9, r9, ror #8\n",
                    "smlad r8, r0, r12, r8\n",
                    "smlad r8, r1, r9, r8\n",
                    "sxtb16 r12, r10\n",
                    "sxtb16 r10, r10, ror #8\n",
                    "smlad r8, r2, r12, r8\n",
                    "smlad r8, r3, r10, r8\n",
                    "ldrd r9, r10, [lr], #8\n",
                    "sxtb16 r12, r9\n",
                    "sxtb16 r9, r9, ror #8\n",
                    "smlad r5, r0, r12, r5\n",
                    "smlad r5, r1, r9, r5\n",
                    "sxtb16 r12, r10\n",
                    "sxtb16 r10, r10, ror #8\n",
                    "smlad r5, r2, r12, r5\n",
                    "smlad r5, r3, r10, r5\n"
                )
            };
        }

        /// `SXTB16`: bytes 0 and 2 of `x`, sign-extended into the low and high halves.
        #[inline(always)]
        pub fn sxtb16(x: u32) -> u32 {
            let result;
            // SAFETY: one register-to-register instruction of Armv7E-M, which this build
            // targets (`nn_arm_dsp`); no memory, no stack, no flags.
            unsafe {
                asm!("sxtb16 {0}, {1}", out(reg) result, in(reg) x, options(pure, nomem, nostack, preserves_flags));
            }
            result
        }

        /// `SXTB16` of `x` rotated right by 8: bytes 1 and 3, sign-extended.
        #[inline(always)]
        pub fn sxtb16_ror8(x: u32) -> u32 {
            let result;
            // SAFETY: as `sxtb16`.
            unsafe {
                asm!("sxtb16 {0}, {1}, ror #8", out(reg) result, in(reg) x, options(pure, nomem, nostack, preserves_flags));
            }
            result
        }

        /// `sums` plus the products of one row's words and the four widened inputs, word by
        /// word: 107 instructions for 128 products (eight words a pass; 55 for 64 four words a
        /// pass; the loop's end is kept on the stack, as the loop needs every other register). Written out because LLVM,
        /// given the same loop in Rust, kept all eight halves of the inputs live and spilled
        /// them to the stack (the 1 x 1 convolution of 64 channels took 3.2 instructions a
        /// product, against 3.0 with two places a pass, 2.1 with this loop two words a pass
        /// and two loads a place, and 1.4 with this one).
        #[inline(always)]
        pub fn dot_four(row: &[[i8; 4]], widened: &[[u32; 8]], sums: [i32; 4]) -> [i32; 4] {
            let words = row.len().min(widened.len());
            let [mut s0, mut s1, mut s2, mut s3] = sums;
            if words == 0 {
                return sums;
            }
            // SAFETY: Armv7E-M instructions (`nn_arm_dsp`). The loop reads `words` (at least
            // one) words from `row` and as many groups of eight `u32`s from `widened`, both
            // within their slices, and writes no memory but the word it pushes and pops; the
            // sums are its outputs, every other register it names scratch. SMLAD sets only
            // the Q flag.
            unsafe {
                let end = widened.as_ptr().add(words);
                asm!(
                    "push {{r0}}",
                    // Eight words a pass, entered at the word that leaves a multiple of
                    // eight (word `20 + k` of the pass for a count of `8 - k` more): bit 2
                    // of the count picks a half, then bit 1 into C, bit 0 into N.
                    "tst r1, #4",
                    "beq 30f",
                    "lsls r1, r1, #31",
                    "bcs 31f",
                    "bpl 24f",
                    "b 23f",
                    "31:",
                    "bmi 21f",
                    "b 22f",
                    "30:",
                    "lsls r1, r1, #31",
                    "bcs 32f",
                    "bpl 20f",
                    "b 27f",
                    "32:",
                    "bmi 25f",
                    "b 26f",
                    "20:",
                    four_places_word!(),
                    "21:",
                    four_places_word!(),
                    "22:",
                    four_places_word!(),
                    "23:",
                    four_places_word!(),
                    "24:",
                    four_places_word!(),
                    "25:",
                    four_places_word!(),
                    "26:",
                    four_places_word!(),
                    "27:",
                    four_places_word!(),
                    "ldr r0, [sp]",
                    "cmp r11, r0",
                    "bne 20b",
                    "add sp, sp, #4",
                    inout("r0") end => _,
                    inout("r1") words => _,
                    out("r2") _,
                    out("r3") _,
                    inout("r4") s0,
                    inout("r5") s1,
                    inout("r8") s2,
                    inout("r9") s3,
                    inout("r10") row.as_ptr() => _,
                    inout("r11") widened.as_ptr() => _,
                    out("r12") _,
                    out("lr") _,
                    options(readonly),
                );
            }
            [s0, s1, s2, s3]
        }

        /// [`super::dot_rows_four`] for rows `R` apart in memory, in a written-out loop of 86
        /// instructions for 64 products (four words a pass; 44 for 32 two words a pass): the
        /// rows' words at offsets known when it is compiled, so that one pointer walks the
        /// four. `None` where the rows are not so, or so far apart that an offset does not fit
        /// an instruction (more than 1,365 bytes a row).
        #[inline(always)]
        pub fn dot_rows_four<R>(
            rows: [&[[i8; 4]]; 4],
            widened: &[[u32; 2]],
            sums: [i32; 4],
        ) -> Option<[i32; 4]> {
            let stride = core::mem::size_of::<R>();
            let words = widened.len();
            let first = rows[0].as_ptr();
            let apart = rows.iter().enumerate().all(|(k, row)| {
                row.as_ptr() == first.wrapping_byte_add(k * stride) && row.len() >= words
            });
            if !apart || 3 * stride > 4095 || words == 0 {
                return None;
            }
            let [mut s0, mut s1, mut s2, mut s3] = sums;
            let (mut row, mut x) = (first, widened.as_ptr());
            // SAFETY: Armv7E-M instructions (`nn_arm_dsp`). The loop reads `words` (at least
            // one) pairs from `widened` and as many words from each row, the rows `stride`
            // bytes apart as checked above, all within their slices; it writes no memory. The
            // offsets fit the instructions (checked above; `const` gives 0 where they would
            // not, never run). SMLAD sets only the Q flag.
            unsafe {
                let end = x.add(words);
                asm!(
                    // Four words a pass, entered at the word that leaves a multiple of
                    // four: bit 1 of the count into C, bit 0 into N.
                    "lsls {w}, {w}, #31",
                    "bcs 1f",
                    "bpl 2f",
                    "b 5f",
                    "1:",
                    "bmi 3f",
                    "b 4f",
                    "2:",
                    four_rows_word!(),
                    "3:",
                    four_rows_word!(),
                    "4:",
                    four_rows_word!(),
                    "5:",
                    four_rows_word!(),
                    "cmp {x}, {end}",
                    "bne 2b",
                    s1_offset = const if 3 * size_of::<R>() <= 4095 { size_of::<R>() } else { 0 },
                    s2_offset = const if 3 * size_of::<R>() <= 4095 { 2 * size_of::<R>() } else { 0 },
                    s3_offset = const if 3 * size_of::<R>() <= 4095 { 3 * size_of::<R>() } else { 0 },
                    row = inout(reg) row,
                    x = inout(reg) x,
                    end = in(reg) end,
                    s0 = inout(reg) s0,
                    s1 = inout(reg) s1,
                    s2 = inout(reg) s2,
                    s3 = inout(reg) s3,
                    w = inout(reg) words => _,
                    t = out(reg) _,
                    a = out(reg) _,
                    b = out(reg) _,
                    options(readonly, nostack),
                );
            }
            let _ = (row, x);
            Some([s0, s1, s2, s3])
        }

        /// Every filter's four sums at each group of four places in `places`, as
        /// [`super::sums_of_widened`] makes them from a group's widened places, rescaled in
        /// the short form (`shorts`, as [`ShortRescale::requantized`]), clamped to `[low,
        /// high]` (as [`clamp_four`]) and stored, filter `f`'s at `out[f * stride..]`: four
        /// bytes a group, one group after another; with `POOLED`, only the largest of a
        /// group's four sums rescaled and stored, a byte a group (the short form keeps the
        /// sums' order, so it is the largest of the four outputs). Without `CLAMPED`, for a
        /// clamp of an int8's whole range, which the rescaling's saturation already gives (a
        /// `relu` whose zero point is -128), the clamp is left out (the digits CNN's int8
        /// inference took about 1,900 instructions fewer). The whole loop over the
        /// filters is written out (around a written-out inner loop LLVM kept its own state on
        /// the stack anyway), its state on the stack. Each filter's row is widened once into
        /// `row`, its words then loaded two halves at once (`LDRD`) for every group: 11
        /// instructions a word and group, against 13 with the row widened again for each
        /// group, and the filter's bias and rescaling read once for its groups. Measured on
        /// the Cortex-M4: ResNet-8's int8 inference took 12,573,640 instructions this way,
        /// 13,550,200 a group at a time; the digits CNN's 113,204 and 118,720. A single value
        /// past the words is multiplied with the places' first halves alone (`SMLABB`), and
        /// rows of at most sixteen words skip the loop's test. `false`, and nothing written,
        /// where the rows are shorter than a word, there are no filters or no places, `row` or
        /// `out` is too short, or the clamp is narrower than an int8's range without
        /// `CLAMPED`.
        #[inline(always)]
        // One `asm!` block, an instruction a line.
        #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
        pub fn filters_groups<
            const O: usize,
            const POOLED: bool,
            const CLAMPED: bool,
            const C: usize,
            const KH: usize,
            const KW: usize,
        >(
            weights: &[[[[i8; KW]; KH]; C]; O],
            places: &[FourPlaces<C, KH, KW>],
            row: &mut [[u32; 2]],
            bias: &[i32; O],
            shorts: &[ShortRescale; O],
            [low, high]: [i8; 2],
            out: &mut [i8],
            stride: usize,
        ) -> bool {
            let values = C * KH * KW;
            let words = values / 4;
            let width = if POOLED { 1 } else { 4 };
            let groups = places.len();
            let fits = O > 0 && groups > 0 && out.len() >= (O - 1) * stride + groups * width;
            let whole_range = [low, high] == [i8::MIN, i8::MAX];
            if words == 0 || !fits || row.len() < values.div_ceil(4) || !(CLAMPED || whole_range) {
                return false;
            }
            let bytes = |value: i8| u32::from(value.cast_unsigned()) * 0x0101_0101;
            // SAFETY: Armv7E-M instructions (`nn_arm_dsp`). For each of the `O` filters (at
            // least one) the loop reads its `values` bytes from `weights` (the rows one after
            // another, at least a word each, checked above: in `words` words and the bytes
            // left; the words' loads need not be aligned, as Armv7E-M's `LDR` and `LDRH` allow),
            // writes them widened into the first `values.div_ceil(4)` pairs of `row` (that
            // many, checked above) and reads them back, reads its bias and its `ShortRescale`
            // (`#[repr(C)]`: `doubled`, `offset`, `right`), and for each of the groups (at
            // least one) reads the group's `FourPlaces` (`#[repr(C)]`: `words`, of which the
            // first `words` groups of eight `u32`s, then `rest`; one group after another) and
            // writes `width` bytes at `out` plus `f * stride` plus `width` times the group's
            // index, within `out` (checked above). It moves the stack pointer down by 68
            // bytes and back. Every register it names is scratch. SMLAD and SSAT set only the
            // Q flag; SSUB8 sets the GE flags, which SEL reads.
            unsafe {
                let end = places.as_ptr().add(groups);
                let row_end = row.as_mut_ptr().add(words);
                asm!(
                    // The loop's state: [sp] the filter's rescaling (three words), +12 its
                    // bias, +16 where the next group's output goes, +20 the next filter's
                    // row; +24 the places' end, +28 the next bias, +32 the next rescaling,
                    // +36 the next filter's output, +40 the filters left, +44 the low clamp
                    // in each byte, +48 the high one, +52 the outputs' stride, +56 the
                    // places, +60 the widened row, +64 its whole words' end.
                    "push {{r0-r5, r8, r9, r11, r12, lr}}",
                    "sub sp, sp, #24",
                    "30:",
                    // The filter's row widened, four words at a time, then two, then the
                    // last word and the bytes past the words as one more word, padded with
                    // zeros.
                    "ldr r11, [sp, #60]",
                    ".rept {word_quads}",
                    two_words_widened!("r0", "r1", "r2", "r3"),
                    two_words_widened!("r4", "r5", "r8", "r9"),
                    "stm r11!, {{r0-r5, r8, r9}}",
                    ".endr",
                    ".if {word_pair}",
                    two_words_widened!("r0", "r1", "r2", "r3"),
                    "stm r11!, {{r0-r3}}",
                    ".endif",
                    ".if {odd_word}",
                    "ldr r12, [r10], #4",
                    "sxtb16 r0, r12",
                    "sxtb16 r1, r12, ror #8",
                    "stm r11!, {{r0, r1}}",
                    ".endif",
                    ".if {rest} == 1",
                    "ldrb r12, [r10], #1",
                    ".elseif {rest} == 2",
                    "ldrh r12, [r10], #2",
                    ".elseif {rest} == 3",
                    "ldrh r12, [r10], #2",
                    "ldrb lr, [r10], #1",
                    "orr r12, r12, lr, lsl #16",
                    ".endif",
                    ".if {rest}",
                    "sxtb16 r0, r12",
                    "sxtb16 r1, r12, ror #8",
                    "stm r11, {{r0, r1}}",
                    ".endif",
                    "str r10, [sp, #20]",
                    // Its bias, its rescaling (r1 the doubled multiplier, r2 the offset, r3
                    // the shift) and its output, for its groups.
                    "ldr r0, [sp, #28]",
                    "ldr r1, [r0], #4",
                    "str r0, [sp, #28]",
                    "str r1, [sp, #12]",
                    "ldr r0, [sp, #32]",
                    "ldm r0!, {{r1-r3}}",
                    "str r0, [sp, #32]",
                    "stm sp, {{r1-r3}}",
                    "ldr r0, [sp, #36]",
                    "str r0, [sp, #16]",
                    "ldr r11, [sp, #56]",
                    // Each group: its four sums from the bias.
                    "35:",
                    "ldr r4, [sp, #12]",
                    "mov r5, r4",
                    "mov r8, r4",
                    "mov r9, r4",
                    "ldr r10, [sp, #60]",
                    // Sixteen words a pass, entered at the word that leaves a multiple of
                    // sixteen.
                    "b {entry}f",
                    "40:",
                    four_places_widened_word!(),
                    "41:",
                    four_places_widened_word!(),
                    "42:",
                    four_places_widened_word!(),
                    "43:",
                    four_places_widened_word!(),
                    "44:",
                    four_places_widened_word!(),
                    "45:",
                    four_places_widened_word!(),
                    "46:",
                    four_places_widened_word!(),
                    "47:",
                    four_places_widened_word!(),
                    "48:",
                    four_places_widened_word!(),
                    "49:",
                    four_places_widened_word!(),
                    "50:",
                    four_places_widened_word!(),
                    "51:",
                    four_places_widened_word!(),
                    "52:",
                    four_places_widened_word!(),
                    "53:",
                    four_places_widened_word!(),
                    "54:",
                    four_places_widened_word!(),
                    "55:",
                    four_places_widened_word!(),
                    // Another pass where the rows have more than sixteen words.
                    ".if {passes} > 1",
                    "ldr r0, [sp, #64]",
                    "cmp r10, r0",
                    "bne 40b",
                    ".endif",
                    // The places' last values past their words, after the words' unused
                    // part (one value: its products with the first halves alone); then the
                    // next group.
                    ".if {rest} == 1",
                    "add r11, r11, #{gap}",
                    "ldr r12, [r10]",
                    "ldm r11!, {{r0-r3}}",
                    "smlabb r4, r0, r12, r4",
                    "smlabb r5, r2, r12, r5",
                    "ldm r11!, {{r0-r3}}",
                    "smlabb r8, r0, r12, r8",
                    "smlabb r9, r2, r12, r9",
                    ".elseif {rest}",
                    "add r11, r11, #{gap}",
                    four_places_widened_word!(),
                    ".else",
                    "add r11, r11, #32",
                    ".endif",
                    "ldm sp, {{r1-r3}}",
                    ".if {pooled}",
                    // The largest of the four sums, rescaled alone.
                    "cmp r4, r5",
                    "it lt",
                    "movlt r4, r5",
                    "cmp r8, r9",
                    "it lt",
                    "movlt r8, r9",
                    "cmp r4, r8",
                    "it lt",
                    "movlt r4, r8",
                    "smmlar r12, r4, r1, r4",
                    "add r12, r12, r12, asr #31",
                    "qadd r12, r12, r2",
                    "asr r4, r12, r3",
                    "ssat r4, #8, r4",
                    ".else",
                    "smmlar r12, r4, r1, r4",
                    "add r12, r12, r12, asr #31",
                    "qadd r12, r12, r2",
                    "asr r4, r12, r3",
                    "smmlar r12, r5, r1, r5",
                    "add r12, r12, r12, asr #31",
                    "qadd r12, r12, r2",
                    "asr r5, r12, r3",
                    "smmlar r12, r8, r1, r8",
                    "add r12, r12, r12, asr #31",
                    "qadd r12, r12, r2",
                    "asr r8, r12, r3",
                    "smmlar r12, r9, r1, r9",
                    "add r12, r12, r12, asr #31",
                    "qadd r12, r12, r2",
                    "asr r9, r12, r3",
                    // Saturated to int8s, packed.
                    "ssat r4, #8, r4",
                    "ssat r5, #8, r5",
                    "ssat r8, #8, r8",
                    "ssat r9, #8, r9",
                    "bfi r4, r5, #8, #8",
                    "bfi r4, r8, #16, #8",
                    "bfi r4, r9, #24, #8",
                    ".endif",
                    // Clamped, the four bytes at once (where the clamp is narrower than an
                    // int8's range), and stored.
                    ".if {clamped}",
                    "ldrd r0, r1, [sp, #44]",
                    "ssub8 r12, r4, r0",
                    "sel r4, r4, r0",
                    "ssub8 r12, r1, r4",
                    "sel r4, r4, r1",
                    ".endif",
                    "ldr r0, [sp, #16]",
                    ".if {pooled}",
                    "strb r4, [r0], #1",
                    ".else",
                    "str r4, [r0], #4",
                    ".endif",
                    "str r0, [sp, #16]",
                    "ldr r0, [sp, #24]",
                    "cmp r11, r0",
                    "bne 35b",
                    // The next filter's row and output, and the filters left.
                    "ldr r10, [sp, #20]",
                    "ldrd r0, r1, [sp, #36]",
                    "ldr r2, [sp, #52]",
                    "add r0, r0, r2",
                    "subs r1, r1, #1",
                    "strd r0, r1, [sp, #36]",
                    "bne 30b",
                    "add sp, sp, #68",
                    word_quads = const C * KH * KW / 16,
                    word_pair = const C * KH * KW / 8 % 2,
                    odd_word = const C * KH * KW / 4 % 2,
                    rest = const C * KH * KW % 4,
                    gap = const 8 * (C * KH * KW % 4),
                    entry = const 40 + (16 - C * KH * KW / 4 % 16) % 16,
                    passes = const (C * KH * KW / 4).div_ceil(16),
                    pooled = const if POOLED { 1 } else { 0 },
                    clamped = const if CLAMPED { 1 } else { 0 },
                    inout("r0") end => _,
                    inout("r1") bias.as_ptr() => _,
                    inout("r2") shorts.as_ptr() => _,
                    inout("r3") out.as_mut_ptr() => _,
                    inout("r4") O => _,
                    inout("r5") bytes(low) => _,
                    inout("r8") bytes(high) => _,
                    inout("r9") stride => _,
                    inout("r10") weights.as_ptr() => _,
                    inout("r11") places.as_ptr() => _,
                    inout("r12") row.as_mut_ptr() => _,
                    inout("lr") row_end => _,
                );
            }
            true
        }

        /// [`super::dot_rows_three`] for rows `R` apart in memory, in a written-out loop of
        /// 115 instructions for 96 products (eight words a pass; [`dot_rows_four`] takes 86
        /// for 64): each row's words loaded two at once, at offsets known when it is compiled
        /// either side of the middle row, so that one pointer walks the three, and the input's
        /// two words in one instruction. Four rows would need a register more than there are.
        /// `None` where the rows are not so, or not at word boundaries (`LDRD` needs them), or
        /// the input is shorter than two words.
        #[inline(always)]
        pub fn dot_rows_three<R>(
            rows: [&[[i8; 4]]; 3],
            widened: &[[u32; 2]],
            sums: [i32; 3],
        ) -> Option<[i32; 3]> {
            let stride = core::mem::size_of::<R>();
            let words = widened.len();
            let first = rows[0].as_ptr();
            let apart = rows.iter().enumerate().all(|(k, row)| {
                row.as_ptr() == first.wrapping_byte_add(k * stride) && row.len() >= words
            });
            let aligned = first.addr().is_multiple_of(4);
            if !super::in_threes::<R>() || !apart || !aligned || words < 2 {
                return None;
            }
            let [mut s0, mut s1, mut s2] = sums;
            let pairs = words / 2;
            // SAFETY: Armv7E-M instructions (`nn_arm_dsp`). The loop reads `pairs` (at least
            // one) groups of four `u32`s from `widened` and as many pairs of words from each
            // row, the rows `stride` bytes apart and at word boundaries as checked above, all
            // within their slices; it writes no memory but the word it pushes and pops. The
            // offset fits the instructions (checked above; `const` gives 0 where it would not,
            // never run). The sums are its outputs, every other register it names scratch.
            // SMLAD sets only the Q flag.
            unsafe {
                let end = widened.as_ptr().add(2 * pairs);
                asm!(
                    "push {{r9}}",
                    // Four pairs of words a pass, entered at the pair that leaves a multiple
                    // of four: bit 1 of the count into C, bit 0 into N.
                    "lsls r10, r10, #31",
                    "bcs 1f",
                    "bpl 2f",
                    "b 5f",
                    "1:",
                    "bmi 3f",
                    "b 4f",
                    "2:",
                    three_rows_two_words!(),
                    "3:",
                    three_rows_two_words!(),
                    "4:",
                    three_rows_two_words!(),
                    "5:",
                    three_rows_two_words!(),
                    "ldr r9, [sp]",
                    "cmp r11, r9",
                    "bne 2b",
                    "add sp, sp, #4",
                    stride = const if super::in_threes::<R>() { size_of::<R>() } else { 0 },
                    out("r0") _,
                    out("r1") _,
                    out("r2") _,
                    out("r3") _,
                    inout("r4") s0,
                    inout("r5") s1,
                    inout("r8") s2,
                    inout("r9") end => _,
                    inout("r10") pairs => _,
                    inout("r11") widened.as_ptr() => _,
                    out("r12") _,
                    inout("lr") rows[1].as_ptr() => _,
                    options(readonly),
                );
            }
            // The last word of an odd number.
            let last = words - words % 2;
            let rows = rows.map(|row| &row[last..]);
            Some(super::add_rows(rows, &widened[last..], [s0, s1, s2]))
        }

        /// [`super::dot_three`] in one block of five instructions (a 3 x 3 depthwise
        /// convolution of stride 2 took 6.6 instructions a product with them apart).
        #[inline(always)]
        pub fn dot_three(x: &[i8; 4], outer: u32, middle: i32, sum: i32) -> i32 {
            let mut sum = sum;
            // SAFETY: as `dot_three_twice`.
            unsafe {
                asm!(
                    "ldr {even}, [{x}]",
                    "sxtb16 {odd}, {even}, ror #8",
                    "sxtb16 {even}, {even}",
                    "smlad {sum}, {even}, {outer}, {sum}",
                    "smlabb {sum}, {odd}, {middle}, {sum}",
                    x = in(reg) x.as_ptr(),
                    outer = in(reg) outer,
                    middle = in(reg) middle,
                    sum = inout(reg) sum,
                    even = out(reg) _,
                    odd = out(reg) _,
                    options(pure, readonly, nostack),
                );
            }
            sum
        }

        /// [`super::dot_three_twice`] in one block of seven instructions: apart, LLVM split
        /// the loads of neighbouring, overlapping words into bytes and halves to share them,
        /// and interleaved the rows of a kernel, spilling their widened words to the stack (22
        /// instructions an output of a 3 x 3 depthwise convolution, 13 more a pair of outputs
        /// before the word was loaded by an `LDR` written out).
        #[inline(always)]
        pub fn dot_three_twice(x: &[i8; 4], outer: u32, middle: i32, sums: [i32; 2]) -> [i32; 2] {
            let [mut first, mut second] = sums;
            // SAFETY: Armv7E-M instructions (`nn_arm_dsp`); reads the four bytes of `x`, a
            // valid reference (the Cortex-M4 loads words at any alignment), writes no memory.
            // The multiply-accumulates set only the Q flag.
            unsafe {
                asm!(
                    "ldr {even}, [{x}]",
                    "sxtb16 {odd}, {even}, ror #8",
                    "sxtb16 {even}, {even}",
                    "smlad {first}, {even}, {outer}, {first}",
                    "smlabb {first}, {odd}, {middle}, {first}",
                    "smlad {second}, {odd}, {outer}, {second}",
                    "smlatb {second}, {even}, {middle}, {second}",
                    x = in(reg) x.as_ptr(),
                    outer = in(reg) outer,
                    middle = in(reg) middle,
                    first = inout(reg) first,
                    second = inout(reg) second,
                    even = out(reg) _,
                    odd = out(reg) _,
                    options(pure, readonly, nostack),
                );
            }
            [first, second]
        }

        /// [`super::super::clamp_four`]: each value saturated to an int8, the four into one
        /// word, the low and high clamps on its four bytes at once.
        #[inline(always)]
        pub fn clamp_four(values: [i32; 4], low: i8, high: i8) -> [i8; 4] {
            // A value in each byte of a word.
            let bytes = |value: i8| u32::from(value.cast_unsigned()) * 0x0101_0101;
            let [mut a, mut b, mut c, mut d] = values;
            // SAFETY: register instructions of Armv7E-M (`nn_arm_dsp`), no memory. `SSAT` may
            // set the Q flag and `SSUB8` sets the GE flags, which `SEL` reads and nothing after
            // the block does.
            unsafe {
                asm!(
                    "ssat {a}, #8, {a}",
                    "ssat {b}, #8, {b}",
                    "ssat {c}, #8, {c}",
                    "ssat {d}, #8, {d}",
                    // The four bytes into one word.
                    "bfi {a}, {b}, #8, #8",
                    "bfi {a}, {c}, #16, #8",
                    "bfi {a}, {d}, #24, #8",
                    // The larger of each byte and `low`, then the smaller of it and `high`.
                    "ssub8 {b}, {a}, {low}",
                    "sel {a}, {a}, {low}",
                    "ssub8 {b}, {high}, {a}",
                    "sel {a}, {a}, {high}",
                    a = inout(reg) a,
                    b = inout(reg) b,
                    c = inout(reg) c,
                    d = inout(reg) d,
                    low = in(reg) bytes(low),
                    high = in(reg) bytes(high),
                    options(pure, nomem, nostack),
                );
            }
            let _ = (b, c, d);
            a.to_le_bytes().map(u8::cast_signed)
        }

        /// One row of a 3 x 3 kernel at two neighbouring places, in `kernel_row_pairs`'
        /// registers: the row's word at `{offset}` bytes from the places' (r0), widened (r12
        /// the even bytes, lr the odd), times the outer weights (`{outer}`) and the middle one
        /// (the `{half}` half of `{middle}`), into the sums (r10, r11).
        #[rustfmt::skip]
        macro_rules! pair_row {
            ($offset:literal, $outer:literal, $middle:literal, $half:literal) => {
                concat!(
                    "ldr r12, [r0, #{", $offset, "}]\n",
                    "sxtb16 lr, r12, ror #8\n",
                    "sxtb16 r12, r12\n",
                    "smlad r10, r12, ", $outer, ", r10\n",
                    "smlab", $half, " r10, lr, ", $middle, ", r10\n",
                    "smlad r11, lr, ", $outer, ", r11\n",
                    "smlat", $half, " r11, r12, ", $middle, ", r11\n"
                )
            };
        }

        /// One row of a 3 x 3 kernel at one place, in `kernel_row_singles`' registers: as
        /// `pair_row`, into one sum (r10).
        #[rustfmt::skip]
        macro_rules! single_row {
            ($offset:literal, $outer:literal, $middle:literal, $half:literal) => {
                concat!(
                    "ldr r12, [r0, #{", $offset, "}]\n",
                    "sxtb16 lr, r12, ror #8\n",
                    "sxtb16 r12, r12\n",
                    "smlad r10, r12, ", $outer, ", r10\n",
                    "smlab", $half, " r10, lr, ", $middle, ", r10\n"
                )
            };
        }

        /// [`super::super::KernelThree::add_row`] at a step of 1, two places a pass (an even
        /// number of them): 26 instructions for 18 products. Each row's outer weights in
        /// `outer` (as `Taps`), the middle weights of the first two rows in the halves of
        /// `middle[0]`, of the third in the low half of `middle[1]`. `plane` holds the last
        /// place's rows (checked by the caller).
        #[inline(always)]
        pub fn kernel_row_pairs<const W: usize>(
            plane: &[i8],
            outer: [u32; 3],
            middle: [u32; 2],
            sums: &mut [i32],
        ) {
            let pairs = sums.len() / 2;
            if pairs == 0 {
                return;
            }
            // SAFETY: Armv7E-M instructions (`nn_arm_dsp`). The loop reads and writes `pairs`
            // pairs of `sums`, within the slice, and reads words at the places' three rows on
            // the plane, the last at most the plane's length (checked by the caller, as are
            // the offsets, which fit the instructions; `const` gives 0 where they would not,
            // never run). The registers it changes are its outputs or scratch. SMLAD and SMLA
            // set only the Q flag.
            unsafe {
                asm!(
                    "2:",
                    "ldrd r10, r11, [r1]",
                    pair_row!("first", "r3", "r8", "b"),
                    pair_row!("second", "r4", "r8", "t"),
                    pair_row!("third", "r5", "r9", "b"),
                    "strd r10, r11, [r1], #8",
                    "adds r0, #2",
                    "subs r2, #1",
                    "bne 2b",
                    first = const 0,
                    second = const if 4 * W <= 4095 { 2 * W } else { 0 },
                    third = const if 4 * W <= 4095 { 4 * W } else { 0 },
                    inout("r0") plane.as_ptr() => _,
                    inout("r1") sums.as_mut_ptr() => _,
                    inout("r2") pairs => _,
                    in("r3") outer[0],
                    in("r4") outer[1],
                    in("r5") outer[2],
                    in("r8") middle[0],
                    in("r9") middle[1],
                    out("r10") _,
                    out("r11") _,
                    out("r12") _,
                    out("lr") _,
                    options(nostack),
                );
            }
        }

        /// [`super::super::KernelThree::add_row`] a place a pass, `STEP` apart: 20
        /// instructions for 9 products. The weights as [`kernel_row_pairs`]'.
        #[inline(always)]
        pub fn kernel_row_singles<const W: usize, const STEP: usize>(
            plane: &[i8],
            outer: [u32; 3],
            middle: [u32; 2],
            sums: &mut [i32],
        ) {
            if sums.is_empty() {
                return;
            }
            // SAFETY: as `kernel_row_pairs`, one sum a pass.
            unsafe {
                asm!(
                    "2:",
                    "ldr r10, [r1]",
                    single_row!("first", "r3", "r8", "b"),
                    single_row!("second", "r4", "r8", "t"),
                    single_row!("third", "r5", "r9", "b"),
                    "str r10, [r1], #4",
                    "adds r0, #{step}",
                    "subs r2, #1",
                    "bne 2b",
                    step = const STEP,
                    first = const 0,
                    second = const if 4 * W <= 4095 { 2 * W } else { 0 },
                    third = const if 4 * W <= 4095 { 4 * W } else { 0 },
                    inout("r0") plane.as_ptr() => _,
                    inout("r1") sums.as_mut_ptr() => _,
                    inout("r2") sums.len() => _,
                    in("r3") outer[0],
                    in("r4") outer[1],
                    in("r5") outer[2],
                    in("r8") middle[0],
                    in("r9") middle[1],
                    out("r10") _,
                    out("r12") _,
                    out("lr") _,
                    options(nostack),
                );
            }
        }

        /// `SMMLA`: `acc` plus the high word of `a · b`.
        #[inline(always)]
        pub fn smmla(a: i32, b: i32, acc: i32) -> i32 {
            let result;
            // SAFETY: one register instruction of Armv7E-M (`nn_arm_dsp`); no flags, no memory.
            unsafe {
                asm!("smmla {0}, {1}, {2}, {3}", out(reg) result, in(reg) a, in(reg) b, in(reg) acc, options(pure, nomem, nostack, preserves_flags));
            }
            result
        }

        /// `SMMLAR`: `acc` plus the high word of `a · b`, rounded.
        #[inline(always)]
        pub fn smmlar(a: i32, b: i32, acc: i32) -> i32 {
            let result;
            // SAFETY: one register instruction of Armv7E-M (`nn_arm_dsp`); no flags, no memory.
            unsafe {
                asm!("smmlar {0}, {1}, {2}, {3}", out(reg) result, in(reg) a, in(reg) b, in(reg) acc, options(pure, nomem, nostack, preserves_flags));
            }
            result
        }

        /// `SMMULR`: the high word of `a · b`, rounded.
        #[inline(always)]
        pub fn smmulr(a: i32, b: i32) -> i32 {
            let result;
            // SAFETY: one register instruction of Armv7E-M (`nn_arm_dsp`); no flags, no memory.
            unsafe {
                asm!("smmulr {0}, {1}, {2}", out(reg) result, in(reg) a, in(reg) b, options(pure, nomem, nostack, preserves_flags));
            }
            result
        }

        /// `SMLAD`: `acc` plus the products of the low halves and of the high halves of `a` and
        /// `b`, as signed 16-bit values.
        #[inline(always)]
        pub fn smlad(a: u32, b: u32, acc: i32) -> i32 {
            let result;
            // SAFETY: one register instruction of Armv7E-M (`nn_arm_dsp`); it sets the Q flag on
            // overflow, which nothing here reads, and no other flag.
            unsafe {
                asm!("smlad {0}, {1}, {2}, {3}", out(reg) result, in(reg) a, in(reg) b, in(reg) acc, options(pure, nomem, nostack));
            }
            result
        }
    }

    /// The instructions' definitions, for the tests on a host.
    #[cfg(not(nn_arm_dsp))]
    mod portable {
        /// Byte `n` of `x`, sign-extended into 16 bits.
        fn half(x: u32, n: usize) -> u32 {
            u32::from(i16::from(x.to_le_bytes()[n].cast_signed()).cast_unsigned())
        }

        pub fn sxtb16(x: u32) -> u32 {
            half(x, 0) | half(x, 2) << 16
        }

        pub fn sxtb16_ror8(x: u32) -> u32 {
            sxtb16(x.rotate_right(8))
        }

        pub fn smlad(a: u32, b: u32, acc: i32) -> i32 {
            let halves = |x: u32| {
                let [b0, b1, b2, b3] = x.to_le_bytes();
                (
                    i32::from(i16::from_le_bytes([b0, b1])),
                    i32::from(i16::from_le_bytes([b2, b3])),
                )
            };
            let ((a0, a1), (b0, b1)) = (halves(a), halves(b));
            acc.wrapping_add(a0 * b0).wrapping_add(a1 * b1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{packed, plain_sums, sums, sums_of_four};

    /// Each output's four sums from `sums_of_four`, into `out` by input.
    fn gather<const O: usize>(out: &mut [[i32; O]; 4]) -> impl FnMut(usize, [i32; 4]) + '_ {
        |o, sums| {
            for (out, sum) in out.iter_mut().zip(sums) {
                out[o] = sum;
            }
        }
    }

    /// `acc + Σ x[i]·w[i]`, one product at a time.
    fn definition(x: &[i8], w: &[i8], acc: i32) -> i32 {
        let products = x.iter().zip(w).map(|(&x, &w)| i32::from(x) * i32::from(w));
        products.sum::<i32>() + acc
    }

    #[test]
    fn packed_products_sum_as_the_plain_loops() {
        let x: [i8; 11] = [-128, 127, -1, 0, 5, -7, 100, -100, 3, -128, 127];
        let w: [i8; 11] = [127, -127, -128, 1, 2, 3, -50, 60, -3, -128, 127];
        let reversed: [i8; 11] = core::array::from_fn(|i| w[10 - i]);
        let expected = [definition(&x, &w, 17), definition(&x, &reversed, -3)];
        assert_eq!(expected[0], -10_747);
        assert_eq!(packed::sums(&x, &[w], &[17]), [expected[0]]);
        assert_eq!(packed::sums(&x, &[w, reversed], &[17, -3]), expected);
        assert_eq!(plain_sums(&x, &[w, reversed], &[17, -3]), expected);
        // Past a chunk of words, and an odd number of outputs.
        let long: [i8; 70] =
            core::array::from_fn(|i| i8::try_from(i * 37 % 255).unwrap_or(0) ^ 0x55);
        let rows: [[i8; 70]; 3] =
            core::array::from_fn(|o| core::array::from_fn(|i| long[(i * 7 + o) % 70]));
        let bias = [5, -6, 7];
        let expected: [i32; 3] = core::array::from_fn(|o| definition(&long, &rows[o], bias[o]));
        assert_eq!(packed::sums(&long, &rows, &bias), expected);
        assert_eq!(plain_sums(&long, &rows, &bias), expected);
        assert_eq!(sums(&long, &rows, &bias), expected);
        // Rows of whole words, three at a time, then one; an odd number of words.
        let word_rows: [[i8; 36]; 4] =
            core::array::from_fn(|o| core::array::from_fn(|i| long[(i * 5 + o) % 70]));
        let word_bias = [0, 1, -2, 3];
        let word_sums: [i32; 4] =
            core::array::from_fn(|o| definition(&long[..36], &word_rows[o], word_bias[o]));
        assert_eq!(packed::sums(&long[..36], &word_rows, &word_bias), word_sums);
        // Each x86-64 path, whichever `sums` takes on this CPU.
        #[cfg(all(feature = "std", target_arch = "x86_64"))]
        {
            assert_eq!(super::dot_sums(&long, &rows, &bias), expected);
            if std::is_x86_feature_detected!("avx512vnni")
                && std::is_x86_feature_detected!("avx512bw")
            {
                // SAFETY: the CPU has AVX-512 with VNNI and BW, checked just above.
                #[allow(unsafe_code)]
                let vnni = unsafe { super::vnni::dot_sums(&long, &rows, &bias) };
                assert_eq!(vnni, expected);
            }
        }
        // Four inputs at once: the first reversed, and each rotated.
        let inputs: [[i8; 70]; 4] = [
            core::array::from_fn(|i| long[69 - i]),
            long,
            core::array::from_fn(|i| long[(i + 1) % 70]),
            core::array::from_fn(|i| long[(i + 33) % 70]),
        ];
        let expected: [[i32; 3]; 4] =
            inputs.map(|input| core::array::from_fn(|o| definition(&input, &rows[o], bias[o])));
        let inputs = inputs.each_ref().map(<[i8; 70]>::as_slice);
        let mut widened = [[0; 8]; 70 / 4];
        let mut out = [[0; 3]; 4];
        packed::sums_of_four(inputs, &mut widened, &rows, &bias, gather(&mut out));
        assert_eq!(out, expected);
        out = [[0; 3]; 4];
        sums_of_four(inputs, &rows, &bias, gather(&mut out));
        assert_eq!(out, expected);
        // Inputs shorter than a word.
        let short = [[-128, 127, 5], [1, 2, 3], [0, 0, -1], [127, 127, 127]];
        let mut out = [[0; 1]; 4];
        packed::sums_of_four(
            short.each_ref().map(<[i8; 3]>::as_slice),
            &mut [],
            &[[3, -2, 9]],
            &[17],
            gather(&mut out),
        );
        assert_eq!(out, short.map(|x| [definition(&x, &[3, -2, 9], 17)]));
    }

    /// Widens four windows of `x` from the input and from their patches gathered, and checks
    /// that both are the same and sum as the definition, rows ending in part of a word or not.
    fn check_windows<const C: usize>(x: &[[[i8; 7]; 6]; C]) {
        let bias = [3, -4, 5];
        let filters: [[[[i8; 3]; 3]; C]; 3] = core::array::from_fn(|f| {
            core::array::from_fn(|c| {
                core::array::from_fn(|ky| core::array::from_fn(|kx| x[c][ky + f][kx + 1]))
            })
        });
        let corners = [[0, 0], [1, 2], [3, 4], [2, 1]];
        let words = C * 9 / 4;
        let mut from_window = packed::FourPlaces::<C, 3, 3>::ZERO;
        let (mut from_patches, mut patch_rest) = ([[0; 8]; 18], [0; 8]);
        let mut patches = [[[[0_i8; 3]; 3]; C]; 4];
        for (slot, &[y, left]) in corners.iter().enumerate() {
            let (window, window_rest) = from_window.parts_mut();
            assert!(packed::widen_window::<C, 3, 3, 6, 7>(
                x,
                [y, left],
                slot,
                window,
                window_rest
            ));
            for (channel, patch) in x.iter().zip(&mut patches[slot]) {
                for (ky, row) in patch.iter_mut().enumerate() {
                    *row = core::array::from_fn(|kx| channel[y + ky][left + kx]);
                }
            }
            let patch = patches[slot].as_flattened().as_flattened();
            packed::widen_slot(patch, slot, &mut from_patches[..words], &mut patch_rest);
        }
        let (widened, window_rest) = from_window.parts();
        assert_eq!(
            (widened, window_rest),
            (&from_patches[..words], &patch_rest)
        );
        // Their sums, as the definition's.
        let mut out = [[0; 3]; 4];
        let rest = (!C.is_multiple_of(4)).then_some(window_rest);
        packed::sums_of_widened(widened, rest, &filters, &bias, gather(&mut out));
        let expected = patches.map(|patch| {
            let patch = patch.as_flattened().as_flattened();
            core::array::from_fn(|f| {
                definition(patch, filters[f].as_flattened().as_flattened(), bias[f])
            })
        });
        assert_eq!(out, expected);
        // Not on the input: nothing written.
        let (widened, window_rest) = from_window.parts_mut();
        let mut before = ([[0; 8]; 18], *window_rest);
        before.0[..words].copy_from_slice(widened);
        for corner in [[4, 0], [0, 5]] {
            assert!(!packed::widen_window::<C, 3, 3, 6, 7>(
                x,
                corner,
                0,
                widened,
                window_rest
            ));
        }
        assert_eq!((&*widened, *window_rest), (&before.0[..words], before.1));
    }

    #[test]
    fn windows_widen_as_their_patches_gathered() {
        use crate::init::{Rng, rng};

        let mut random = rng(77);
        let x: [[[i8; 7]; 6]; 8] = core::array::from_fn(|_| {
            core::array::from_fn(|_| {
                core::array::from_fn(|_| random.next_u32().to_le_bytes()[0].cast_signed())
            })
        });
        // Channels in fours; one, three and five, whose patches end in part of a word.
        check_windows(&x);
        check_windows(&[x[1]]);
        check_windows(&[x[0], x[1], x[2]]);
        check_windows(&[x[3], x[4], x[5], x[6], x[7]]);
    }

    #[test]
    fn long_rows_of_extreme_values_sum_as_the_definition() {
        use crate::init::{Rng, rng};

        let mut random = rng(300);
        let mut byte = || random.next_u32().to_le_bytes()[0].cast_signed();
        let x: [i8; 300] = core::array::from_fn(|i| if i % 7 == 0 { i8::MIN } else { byte() });
        let rows: [[i8; 300]; 5] = core::array::from_fn(|o| {
            core::array::from_fn(|i| if (i + o) % 5 == 0 { -127 } else { byte() })
        });
        let bias = [i32::MAX, i32::MIN, 0, 1, -1];
        let expected: [i32; 5] = core::array::from_fn(|o| {
            let products = x
                .iter()
                .zip(&rows[o])
                .map(|(&x, &w)| i32::from(x) * i32::from(w));
            products.fold(bias[o], i32::wrapping_add)
        });
        assert_eq!(sums(&x, &rows, &bias), expected);
        assert_eq!(packed::sums(&x, &rows, &bias), expected);
        let mut four = [[0; 5]; 4];
        sums_of_four([&x; 4], &rows, &bias, gather(&mut four));
        assert_eq!(four, [expected; 4]);
    }
}
