//! The inner loops of a dense layer. With the `std` feature, large layers, and every layer's
//! block products, call them through `multiversion`, compiled for AVX-512 and for AVX2 with FMA
//! besides the build's own target, and the best the CPU has is chosen at run time; without it the
//! build's target features decide. A `784 x 128` layer ran 3.5x faster with AVX-512 than in the
//! portable build; for one sample, a tiny layer loses more to the indirect call than it gains, so
//! its one-sample products keep the inline loops. A block's products pay the call once for the
//! block: the `128 x 10` layer of `784 => relu 128 => softmax 10` took a tenth of its training
//! step in the inline loops.
//!
//! Where the CPU has FMA, a large layer's dispatched loops fuse each multiply-add into one
//! instruction (and one rounding); a small layer's are not fused, as its inline loops. Blocks of
//! samples go through register tiles and cache blocks ([`tiles`]). Every sum still adds its terms
//! in the same order as the one-sample loops, so a block's results equal the samples' one by one,
//! bit for bit.

// multiversion calls the `#[target_feature]` clones through `unsafe` once it has checked the CPU.
#![allow(unsafe_code)]
// The loops must be inlined into each clone to be compiled with its instruction set, and the entry
// points into their callers, so that a small layer's choice folds away before anything is called.
#![allow(clippy::inline_always)]

#[cfg(feature = "std")]
use multiversion::multiversion;

use core::ops::Range;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::layer::LARGE_MULTIPLY_ADDS;
use crate::team::Team;
use crate::{Accumulate, Scalar};

mod shared;
mod tiles;

use shared::SharedRows;

/// Whether an `I x O` layer is large ([`crate::layer::Shape::is_large`], which a test checks this
/// agrees with): dispatched and shared. A smaller one is computed inline. Written as the product
/// rather than through `Shape`, whose `match` over the layer kinds LLVM did not always fold at
/// the call: W1's forward took 147 instructions instead of 75, W2's step 356 instead of 163
/// (`bash scripts/instruction-counts.sh`); as an associated constant, 89 and 163.
const fn large<const I: usize, const O: usize>() -> bool {
    I * O >= LARGE_MULTIPLY_ADDS
}

/// What each thread's part of a shared product is a multiple of, in samples or rows: the most
/// rows of any register tile.
const SHARE_ALIGN: usize = 8;

/// `u = x·W + b`, dispatched for a large layer.
#[inline(always)]
pub(crate) fn affine<T: Scalar, const I: usize, const O: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[T; I],
) -> [T; O] {
    if large::<I, O>() {
        affine_dispatched(weights, bias, x)
    } else {
        affine_loop::<T, I, O, false>(weights, bias, x)
    }
}

/// `W += xᵀ·du`, dispatched for a large layer.
#[inline(always)]
pub(crate) fn add_outer<T: Scalar, const I: usize, const O: usize>(
    weights: &mut [[T; O]; I],
    x: &[T; I],
    du: &[T; O],
) {
    if large::<I, O>() {
        add_outer_dispatched(weights, x, du);
    } else {
        add_outer_loop::<T, I, O, false, false>(weights, x, du);
    }
}

/// `dx = W·du`, dispatched for a large layer.
#[inline(always)]
pub(crate) fn input_gradient<T: Scalar, const I: usize, const O: usize>(
    weights: &[[T; O]; I],
    du: &[T; O],
) -> [T; I] {
    if large::<I, O>() {
        input_gradient_dispatched(weights, du)
    } else {
        input_gradient_loop::<T, I, O, false>(weights, du)
    }
}

/// [`affine`] for a block of `B` samples, dispatched; for a large layer, with `shared` its rows
/// of weights shared in two among a team: the second part's sums go to `partial`, then are added
/// into `u`'s. A thread then reads only its own rows of the weights, which it writes in the
/// optimiser's step; splitting the samples instead had both threads read every weight, half of
/// them from the other core's cache, and each half of the product took as long as the whole on
/// one thread. Splitting the outputs (each thread its columns of every row, and no partial sums)
/// costs more than the sums save: two threads each updating its half of every 512-byte row of
/// W3's weights took 17.8–19.4 µs a pass, against 4.8–5.5 µs each updating half of the rows
/// (`examples/split_rows_or_columns.rs`).
#[inline(always)]
pub(crate) fn affine_batch<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[&[T; I]; B],
    u: &mut [[T; O]; B],
    shared: Option<(&mut [[T; O]; B], &dyn Team)>,
) {
    if !large::<I, O>() {
        affine_batch_dispatched::<T, I, O, B, false>(weights, Some(bias), x, u, 0..I);
        return;
    }
    let Some((partial, team)) = shared else {
        affine_batch_dispatched::<T, I, O, B, true>(weights, Some(bias), x, u, 0..I);
        return;
    };
    let split = AtomicBool::new(false);
    {
        let (u, partial) = (SharedRows::new(u), SharedRows::new(partial));
        team.share_in_two(I, SHARE_ALIGN, &|inputs| {
            // SAFETY (each `whole`): the first part alone writes `u`, the second `partial`.
            if inputs.start == 0 {
                let u = unsafe { u.whole::<O, B>() };
                affine_batch_dispatched::<T, I, O, B, true>(weights, Some(bias), x, u, inputs);
            } else {
                split.store(true, Ordering::Relaxed);
                let partial = unsafe { partial.whole::<O, B>() };
                affine_batch_dispatched::<T, I, O, B, true>(weights, None, x, partial, inputs);
            }
        });
    }
    if split.into_inner() {
        for (u, partial) in u.iter_mut().zip(&*partial) {
            for (sum, &term) in u.iter_mut().zip(partial) {
                *sum += term;
            }
        }
    }
}

/// [`add_outer`] for a block of `B` samples, from zero or scaled at the end as `sum` says,
/// dispatched; for a large layer, its rows shared among `team`.
#[inline(always)]
pub(crate) fn add_outer_batch<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &mut [[T; O]; I],
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
    sum: Accumulate<T>,
    team: &dyn Team,
) {
    let weights = SharedRows::new(weights);
    if !large::<I, O>() {
        add_outer_batch_dispatched::<T, I, O, B, false>(&weights, x, du, sum, 0..I);
        return;
    }
    team.share(I, SHARE_ALIGN, &|inputs| {
        add_outer_batch_dispatched::<T, I, O, B, true>(&weights, x, du, sum, inputs);
    });
}

/// `dx[s] = W·du[s]` for a block of `B` samples, as the one-sample input gradient takes it (each
/// sum from its first product, in the same order), with each row of `W` read once for the block:
/// `du` is first written to `du_columns` transposed, so that a row's weight multiplies all the
/// samples' values at once. Dispatched; for a large layer, its rows of weights (its inputs)
/// shared among `team`.
#[inline(always)]
pub(crate) fn input_gradient_batch<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &[[T; O]; I],
    du: &[[T; O]; B],
    du_columns: &mut [[T; B]; O],
    dx: &mut [[T; I]; B],
    team: &dyn Team,
) {
    transpose(du, du_columns);
    let du_columns = &*du_columns;
    let dx = SharedRows::new(dx);
    if !large::<I, O>() {
        input_gradient_batch_dispatched::<T, I, O, B, false>(weights, du_columns, &dx, 0..I);
        return;
    }
    team.share(I, SHARE_ALIGN, &|inputs| {
        input_gradient_batch_dispatched::<T, I, O, B, true>(weights, du_columns, &dx, inputs);
    });
}

/// `W *= factor`, dispatched for a large layer: it is memory-bound, and AVX-512 moves four times
/// the bytes per instruction of the portable build's SSE.
#[inline(always)]
pub(crate) fn scale<T: Scalar, const I: usize, const O: usize>(
    weights: &mut [[T; O]; I],
    factor: T,
) {
    if large::<I, O>() {
        scale_dispatched(weights.as_flattened_mut(), factor);
    } else {
        scale_loop(weights.as_flattened_mut(), factor);
    }
}

/// `values += factor · other` for a tensor of `columns` columns: for a large one dispatched, and
/// its rows shared among `team` as the weight gradient shares them.
#[inline(always)]
pub(crate) fn add_scaled_shared<T: Scalar>(
    values: &mut [T],
    other: &[T],
    columns: usize,
    factor: T,
    team: &dyn Team,
) {
    if values.len() >= LARGE_MULTIPLY_ADDS && other.len() == values.len() {
        let rows = values.len() / columns.max(1);
        let values = SharedRows::flat(values, columns, rows);
        team.share(rows, SHARE_ALIGN, &|rows| {
            add_scaled_rows_dispatched(&values, other, rows, factor);
        });
    } else {
        add_scaled_loop(values, other, factor);
    }
}

/// `W += factor · other`, dispatched for a large layer, as [`scale`].
#[inline(always)]
pub(crate) fn add_scaled<T: Scalar, const I: usize, const O: usize>(
    weights: &mut [[T; O]; I],
    other: &[[T; O]; I],
    factor: T,
) {
    if large::<I, O>() {
        add_scaled_dispatched(weights.as_flattened_mut(), other.as_flattened(), factor);
    } else {
        add_scaled_loop(weights.as_flattened_mut(), other.as_flattened(), factor);
    }
}

/// The position of the first input of `batch` with NaN or an infinity, dispatched: every step
/// checks its batch, and on W3 the portable build's SSE loop took 3% of the step.
#[inline(always)]
pub(crate) fn first_non_finite<T: Scalar, X: AsRef<[T]>, D>(batch: &[(X, D)]) -> Option<usize> {
    first_non_finite_dispatched(batch)
}

/// Whether every value is finite. It looks at all of them rather than stopping at the first bad
/// one, which lets the compiler vectorise it.
#[inline(always)]
pub(crate) fn all_finite<T: Scalar>(values: &[T]) -> bool {
    values
        .iter()
        .fold(true, |finite, value| finite & value.is_finite())
}

#[inline(always)]
fn scale_loop<T: Scalar>(values: &mut [T], factor: T) {
    for value in values {
        *value *= factor;
    }
}

/// Not fused: an optimiser's step gives the same result wherever it runs.
#[inline(always)]
fn add_scaled_loop<T: Scalar>(values: &mut [T], other: &[T], factor: T) {
    for (value, &delta) in values.iter_mut().zip(other) {
        *value += factor * delta;
    }
}

/// `*value`, loaded on its own: a volatile read, which LLVM neither merges with its neighbours
/// nor moves. The forward tiles, the padded tails and the one-sample weight gradient read their
/// broadcast values through it. Measured reason: from plain reads, LLVM vectorised those loops
/// across their rows instead, gathering a value of each row into one vector and keeping the sums
/// in memory (AVX-512): a `784 x 16` layer's forward product of 32 samples took 107.7 µs (4.2
/// now; `784 x 32`'s, 7.0), W3's last layer's 24 µs (2.0), its weight gradient 19 (1.4), and one
/// sample's weight gradient of a `784 x 32` layer 7.6 µs (1.6). The other tiles read plain
/// values: this made W3's weight gradient 28.6 -> 42.1 µs, and one sample's input gradient of a
/// `512 x 512` layer 41 -> 55.
#[inline(always)]
pub(super) fn scalar<T: Copy>(value: &T) -> T {
    // SAFETY: a pointer from a reference: valid, aligned and initialised.
    unsafe { core::ptr::read_volatile(value) }
}

/// `c + a·b`, fused into one rounding when `FUSED` (only where the CPU has FMA).
#[inline(always)]
fn mul_add<T: Scalar, const FUSED: bool>(a: T, b: T, c: T) -> T {
    if FUSED { a.mul_add(b, c) } else { c + a * b }
}

/// `u = x·W + b`: each input scales one contiguous row of `W` (an axpy the compiler vectorises).
#[inline(always)]
fn affine_loop<T: Scalar, const I: usize, const O: usize, const FUSED: bool>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[T; I],
) -> [T; O] {
    let mut u = *bias;
    for (&xi, row) in x.iter().zip(weights) {
        for (uj, &wij) in u.iter_mut().zip(row) {
            *uj = mul_add::<T, FUSED>(xi, wij, *uj);
        }
    }
    u
}

/// `W += xᵀ·du`: one axpy per row of `W`, each `x[i]` read on its own ([`scalar`]) if `APART`,
/// as the dispatched clones need. The inline loops read plain values: apart, W2's step took 220
/// instructions, not 163.
#[inline(always)]
fn add_outer_loop<
    T: Scalar,
    const I: usize,
    const O: usize,
    const FUSED: bool,
    const APART: bool,
>(
    weights: &mut [[T; O]; I],
    x: &[T; I],
    du: &[T; O],
) {
    for (xi, row) in x.iter().zip(weights) {
        let xi = if APART { scalar(xi) } else { *xi };
        for (wij, &duj) in row.iter_mut().zip(du) {
            *wij = mul_add::<T, FUSED>(xi, duj, *wij);
        }
    }
}

/// `dx = W·du`: one dot product per row of `W`. Each sum starts from its first product, not
/// from zero: one addition fewer on the backward pass's critical path.
#[inline(always)]
fn input_gradient_loop<T: Scalar, const I: usize, const O: usize, const FUSED: bool>(
    weights: &[[T; O]; I],
    du: &[T; O],
) -> [T; I] {
    let Some((&du0, du)) = du.split_first() else {
        return [T::ZERO; I];
    };
    core::array::from_fn(|i| {
        let (&wi0, row) = weights[i].split_first().unwrap_or((&T::ZERO, &[]));
        let products = row.iter().zip(du);
        products.fold(wi0 * du0, |sum, (&wij, &duj)| {
            mul_add::<T, FUSED>(wij, duj, sum)
        })
    })
}

/// Whether the code being compiled may use `feature`: in a `multiversion` clone, the clone's
/// features; otherwise the build's.
#[cfg(feature = "std")]
macro_rules! has {
    ($feature:literal) => {
        multiversion::target::target_cfg_f!(target_feature = $feature)
    };
}
#[cfg(not(feature = "std"))]
macro_rules! has {
    ($feature:literal) => {
        cfg!(target_feature = $feature)
    };
}

/// Calls a tiled kernel `tiles::$kernel::<T, I, O, B, FUSED, R, C, L>(args)` with the tile that
/// suits the code being compiled, `R x C` and `L` lanes to a vector, fused where the CPU has FMA
/// and `$fma` allows it. With SSE2 the accumulators take 8 of its 16 vector registers (4 rows by
/// two vectors, as SSE2 needs registers for its products too), with AVX-512 and `f64` 24 of its
/// 32 (6 by four). For AVX-512 with `f32` and for AVX2 the caller chooses the shapes:
/// `avx512: R x C, avx2: R x C for f32, R x C for f64`, at most 28 of AVX-512's registers and 12
/// of AVX2's.
///
/// Eight rows of `f64` with AVX-512 (the tile was `8 x 16` until measured) let LLVM vectorise the
/// forward tile across its eight samples instead, with gathers and scatters of the sums in
/// memory: a `784 x 128` product of 32 samples took 1,009 µs, 72.8 in `6 x 32`, where the weight
/// and input gradients took 64.9 and 62.3 µs (65.0 and 64.4 in `8 x 16`).
macro_rules! tiled {
    (
        $kernel:ident::<$t:ident, $i:ident, $o:ident, $b:ident, $fma:ident>($($arg:expr),*),
        avx512: $r512:literal x $c512:literal,
        avx2: $r32:literal x $c32:literal, $r64:literal x $c64:literal
    ) => {
        match (has!("avx512f"), has!("fma"), <$t as Scalar>::SIZE) {
            (true, _, 4) => tiles::$kernel::<$t, $i, $o, $b, $fma, $r512, $c512, 16>($($arg),*),
            (true, _, _) => tiles::$kernel::<$t, $i, $o, $b, $fma, 6, 32, 8>($($arg),*),
            (false, true, 4) => tiles::$kernel::<$t, $i, $o, $b, $fma, $r32, $c32, 8>($($arg),*),
            (false, true, _) => tiles::$kernel::<$t, $i, $o, $b, $fma, $r64, $c64, 4>($($arg),*),
            (false, false, 4) => tiles::$kernel::<$t, $i, $o, $b, false, 4, 8, 4>($($arg),*),
            (false, false, _) => tiles::$kernel::<$t, $i, $o, $b, false, 4, 4, 2>($($arg),*),
        }
    };
}

/// `columns[j][s] = rows[s][j]`: a block's `du` as the input gradient reads it, a row of terms
/// contiguous for all the samples.
#[inline(always)]
fn transpose<T: Scalar, const B: usize, const O: usize>(
    rows: &[[T; O]; B],
    columns: &mut [[T; B]; O],
) {
    for (j, column) in columns.iter_mut().enumerate() {
        for (value, row) in column.iter_mut().zip(rows) {
            *value = row[j];
        }
    }
}

/// The dispatched functions, each compiled for AVX-512 and for AVX2 with FMA besides the build's
/// own target, with `std`. Built with `--cfg nn_avx2_only`, they leave AVX-512 out: a
/// measurement knob, to time the AVX2 code on a CPU that has both.
macro_rules! dispatched {
    ($($function:item)*) => {
        $(
            #[cfg_attr(
                all(feature = "std", not(nn_avx2_only)),
                multiversion(targets("x86_64+avx512f+avx512vl+fma", "x86_64+avx2+fma"))
            )]
            #[cfg_attr(
                all(feature = "std", nn_avx2_only),
                multiversion(targets("x86_64+avx2+fma"))
            )]
            $function
        )*
    };
}

pub(crate) mod conv;

// The block products take `FMA`: whether to fuse where the CPU has FMA. A small layer's are not
// fused, so that they round as its one-sample loops, which are inline and never fused.
dispatched! {
    /// [`affine_batch`], dispatched: the terms of the rows in `inputs`, from `bias` or zero.
    fn affine_batch_dispatched<
        T: Scalar,
        const I: usize,
        const O: usize,
        const B: usize,
        const FMA: bool,
    >(
        weights: &[[T; O]; I],
        bias: Option<&[T; O]>,
        x: &[&[T; I]; B],
        u: &mut [[T; O]; B],
        inputs: Range<usize>,
    ) {
        // With AVX2, two vectors of outputs by four samples. Measured on W3's `784 x 128` for 32
        // samples: 81% of the FMA peak, where four samples by three vectors (twelve sums) ran at
        // 62%: 128 outputs are five strips of 24 and one of 8, whose tiles of four sums leave
        // the FMA units waiting on each sum's previous product.
        tiled!(
            affine_batch::<T, I, O, B, FMA>(weights, bias, x, u, inputs),
            avx512: 8 x 32,
            avx2: 4 x 16, 4 x 12
        );
    }

    /// [`input_gradient_batch`], dispatched: the inputs in `inputs`.
    fn input_gradient_batch_dispatched<
        T: Scalar,
        const I: usize,
        const O: usize,
        const B: usize,
        const FMA: bool,
    >(
        weights: &[[T; O]; I],
        du_columns: &[[T; B]; O],
        dx: &SharedRows<'_, T>,
        inputs: Range<usize>,
    ) {
        // The columns are the samples: a block of 32 is four vectors with AVX2, two with AVX-512.
        // With AVX2, six rows by two vectors, as BLIS's Haswell kernels (6 x 16 for `f32`, 6 x 8
        // for `f64`): a `784 x 128` layer's, for 32 samples, took 53.2 µs in `f32`, 88.8 in three
        // rows by four vectors; 120.7 µs in `f64`, 773.6 in three by four.
        tiled!(
            input_gradient_batch::<T, I, O, B, FMA>(weights, du_columns, dx, inputs),
            avx512: 8 x 32,
            avx2: 6 x 16, 6 x 8
        );
    }

    /// [`add_outer_batch`], dispatched: the rows in `inputs`.
    fn add_outer_batch_dispatched<
        T: Scalar,
        const I: usize,
        const O: usize,
        const B: usize,
        const FMA: bool,
    >(
        weights: &SharedRows<'_, T>,
        x: &[&[T; I]; B],
        du: &[[T; O]; B],
        sum: Accumulate<T>,
        inputs: Range<usize>,
    ) {
        // With AVX2, six rows by two vectors, twelve sums, as BLIS's Haswell kernel: 85% of the
        // FMA peak on W3's weight gradient, where four rows by three vectors ran at 71%. With
        // AVX-512, six rows by four vectors, 24 sums: its loop issues 39 instructions for 24
        // products, where eight rows by two vectors (the forward pass's tile) issued 31 for 16,
        // and W3's weight gradient of 32 samples took 30.1 µs from zero (33.8 in eight by two)
        // and 32.0 adding (33.7). The forward pass keeps eight by two: 30.2 µs, 30.9 in six by
        // four.
        tiled!(
            add_outer_batch::<T, I, O, B, FMA>(weights, x, du, sum, inputs),
            avx512: 6 x 64,
            avx2: 6 x 16, 4 x 12
        );
    }

    /// [`add_scaled_shared`], dispatched: the rows in `rows`.
    fn add_scaled_rows_dispatched<T: Scalar>(
        values: &SharedRows<'_, T>,
        other: &[T],
        rows: Range<usize>,
        factor: T,
    ) {
        let columns = values.columns();
        let other = &other[rows.start * columns..rows.end * columns];
        // SAFETY: `rows` are this call's, which no other thread has.
        add_scaled_loop(unsafe { values.rows(rows) }, other, factor);
    }

    /// [`first_non_finite`], dispatched.
    fn first_non_finite_dispatched<T: Scalar, X: AsRef<[T]>, D>(batch: &[(X, D)]) -> Option<usize> {
        batch.iter().position(|(input, _)| !all_finite(input.as_ref()))
    }

    /// [`scale`], dispatched.
    fn scale_dispatched<T: Scalar>(values: &mut [T], factor: T) {
        scale_loop(values, factor);
    }

    /// [`add_scaled`], dispatched.
    fn add_scaled_dispatched<T: Scalar>(values: &mut [T], other: &[T], factor: T) {
        add_scaled_loop(values, other, factor);
    }

    /// [`affine`] for large layers, dispatched.
    fn affine_dispatched<T: Scalar, const I: usize, const O: usize>(
        weights: &[[T; O]; I],
        bias: &[T; O],
        x: &[T; I],
    ) -> [T; O] {
        if has!("fma") {
            affine_loop::<T, I, O, true>(weights, bias, x)
        } else {
            affine_loop::<T, I, O, false>(weights, bias, x)
        }
    }

    /// [`input_gradient`] for large layers, dispatched. With rows of `W` longer than 256 bytes,
    /// in the block product's tiles for a block of one sample, eight rows at a time, each row's
    /// sum a chain of scalar multiply-adds in the one-sample loop's order: the loop, one row at a
    /// time, LLVM vectorised across rows with gathers, and a `512 x 512` layer's took 217 µs in
    /// `f32`, 41 in the tiles (5.9 for its forward product); `784 x 128`'s 53.7 and 16.4 µs
    /// (AVX-512). Four rows at a time took 62 µs, sixteen 63. With shorter rows the gathers win:
    /// `784 x 16`, 1.5 µs, 2.7 in the tiles; `64 x 64`, 0.53 and 0.67.
    fn input_gradient_dispatched<T: Scalar, const I: usize, const O: usize>(
        weights: &[[T; O]; I],
        du: &[T; O],
    ) -> [T; I] {
        let fma = has!("fma");
        if O * T::SIZE <= 256 {
            return if fma {
                input_gradient_loop::<T, I, O, true>(weights, du)
            } else {
                input_gradient_loop::<T, I, O, false>(weights, du)
            };
        }
        let du_columns: &[[T; 1]; O] = du.as_chunks().0.try_into().expect("`O` chunks of one");
        let mut dx = [[T::ZERO; I]];
        {
            let dx = SharedRows::new(&mut dx);
            if fma {
                tiles::input_gradient_batch::<T, I, O, 1, true, 8, 1, 1>(weights, du_columns, &dx, 0..I);
            } else {
                tiles::input_gradient_batch::<T, I, O, 1, false, 8, 1, 1>(weights, du_columns, &dx, 0..I);
            }
        }
        let [dx] = dx;
        dx
    }

    /// [`add_outer`] for large layers, dispatched.
    fn add_outer_dispatched<T: Scalar, const I: usize, const O: usize>(
        weights: &mut [[T; O]; I],
        x: &[T; I],
        du: &[T; O],
    ) {
        if has!("fma") {
            add_outer_loop::<T, I, O, true, true>(weights, x, du);
        } else {
            add_outer_loop::<T, I, O, false, true>(weights, x, du);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const I: usize = 13;
    const O: usize = 37;
    const B: usize = 11;

    /// Awkward values, so that a term added in another order or to the wrong sum shows.
    fn value(seed: usize) -> f32 {
        let k = (seed * 7_919 + 13) % 1_000;
        (k as f32 - 500.0) / 37.0
    }

    fn weights() -> [[f32; O]; I] {
        core::array::from_fn(|i| core::array::from_fn(|j| value(i * O + j)))
    }

    #[test]
    fn the_kernels_large_rule_is_the_layers() {
        use crate::layer::Shape;
        fn agree<const I: usize, const O: usize>() {
            assert_eq!(large::<I, O>(), Shape::dense(I, O).is_large(), "{I} x {O}");
        }
        agree::<64, 64>();
        agree::<63, 65>();
        agree::<4096, 1>();
        agree::<1, 4095>();
        agree::<784, 128>();
        agree::<2, 3>();
    }

    /// Every tile shape the dispatcher uses, checked against the one-sample loops bit for bit,
    /// with a block, rows and outputs that leave parts over from whole tiles.
    fn tiles_match_loops<const FUSED: bool, const R: usize, const C: usize, const L: usize>() {
        let weights = weights();
        let bias: [f32; O] = core::array::from_fn(|j| value(j + 5_000));
        let inputs: [[f32; I]; B] =
            core::array::from_fn(|s| core::array::from_fn(|i| value(s * I + i + 9_000)));
        let du: [[f32; O]; B] =
            core::array::from_fn(|s| core::array::from_fn(|j| value(s * O + j + 20_000)));
        let x: [&[f32; I]; B] = core::array::from_fn(|s| &inputs[s]);

        // Filled with NaN first: every value must be written, none read. Each product in two
        // parts, as two threads take it, the first of them ending inside a tile.
        let mut tiled = [[f32::NAN; O]; B];
        tiles::affine_batch::<f32, I, O, B, FUSED, R, C, L>(
            &weights,
            Some(&bias),
            &x,
            &mut tiled,
            0..I,
        );
        for (u, x) in tiled.iter().zip(x) {
            assert_eq!(*u, affine_loop::<f32, I, O, FUSED>(&weights, &bias, x));
        }
        // In two parts of the inputs: the second from zero, then added.
        let mut first = [[f32::NAN; O]; B];
        let mut second = [[f32::NAN; O]; B];
        tiles::affine_batch::<f32, I, O, B, FUSED, R, C, L>(
            &weights,
            Some(&bias),
            &x,
            &mut first,
            0..5,
        );
        tiles::affine_batch::<f32, I, O, B, FUSED, R, C, L>(&weights, None, &x, &mut second, 5..I);
        for ((first, second), u) in first.iter().zip(&second).zip(&tiled) {
            for ((a, b), u) in first.iter().zip(second).zip(u) {
                assert!(
                    (a + b - u).abs() <= 1e-3 * u.abs().max(1.0),
                    "{a} + {b} vs {u}"
                );
            }
        }

        let mut one_by_one = weights;
        for (x, du) in x.iter().zip(&du) {
            add_outer_loop::<f32, I, O, FUSED, false>(&mut one_by_one, x, du);
        }
        let mut tiled = weights;
        let shared = SharedRows::new(&mut tiled);
        for inputs in [0..5, 5..I] {
            tiles::add_outer_batch::<f32, I, O, B, FUSED, R, C, L>(
                &shared,
                &x,
                &du,
                Accumulate::ADD,
                inputs,
            );
        }
        assert_eq!(tiled, one_by_one);
        assert_ne!(tiled, weights);
        // From zero, scaled, or both: the same as clearing, adding and scaling.
        for sum in SUMS {
            outer_tiles_match_loops::<FUSED, R, C, L, I, O, B>(&weights, &x, &du, sum, 5);
        }

        let mut columns = [[f32::NAN; B]; O];
        transpose(&du, &mut columns);
        let mut tiled = [[f32::NAN; I]; B];
        let shared = SharedRows::new(&mut tiled);
        for inputs in [0..5, 5..I] {
            tiles::input_gradient_batch::<f32, I, O, B, FUSED, R, C, L>(
                &weights, &columns, &shared, inputs,
            );
        }
        for (dx, du) in tiled.iter().zip(&du) {
            let one = input_gradient_loop::<f32, I, O, FUSED>(&weights, du);
            assert_eq!(dx.map(f32::to_bits), one.map(f32::to_bits));
        }
    }

    /// The tiled weight gradient from `weights` as `sum` says, in two parts of the rows split at
    /// `split` (as two threads take it), against the one-sample loops.
    fn outer_tiles_match_loops<
        const FUSED: bool,
        const R: usize,
        const C: usize,
        const L: usize,
        const NI: usize,
        const NO: usize,
        const NB: usize,
    >(
        weights: &[[f32; NO]; NI],
        x: &[&[f32; NI]; NB],
        du: &[[f32; NO]; NB],
        sum: Accumulate<f32>,
        split: usize,
    ) {
        let mut expected = if sum.from_zero {
            [[0.0; NO]; NI]
        } else {
            *weights
        };
        for (x, du) in x.iter().zip(du) {
            add_outer_loop::<f32, NI, NO, FUSED, false>(&mut expected, x, du);
        }
        if let Some(factor) = sum.scale {
            scale_loop(expected.as_flattened_mut(), factor);
        }
        // Where the sums start from zero, nothing there may be read.
        let mut tiled = if sum.from_zero {
            [[f32::NAN; NO]; NI]
        } else {
            *weights
        };
        let shared = SharedRows::new(&mut tiled);
        for inputs in [0..split, split..NI] {
            tiles::add_outer_batch::<f32, NI, NO, NB, FUSED, R, C, L>(&shared, x, du, sum, inputs);
        }
        assert_eq!(tiled, expected);
    }

    /// How the weight-gradient tests meet the gradient: adding, from zero, scaled, or both.
    const SUMS: [Accumulate<f32>; 4] = [
        Accumulate::ADD,
        Accumulate {
            from_zero: true,
            scale: Some(0.3),
        },
        Accumulate {
            from_zero: false,
            scale: Some(0.3),
        },
        Accumulate {
            from_zero: true,
            scale: None,
        },
    ];

    /// A layer narrower than a vector (all tail) or one past whole vectors, with more inputs than
    /// the tail's copy of the weights takes at once: the tiles' values are the loops', bit for bit.
    fn tails_match_loops<
        const FUSED: bool,
        const R: usize,
        const C: usize,
        const L: usize,
        const NI: usize,
        const NO: usize,
    >() {
        const NB: usize = 11;
        let weights: [[f32; NO]; NI] =
            core::array::from_fn(|i| core::array::from_fn(|j| value(i * NO + j)));
        let bias: [f32; NO] = core::array::from_fn(|j| value(j + 5_000));
        let inputs: [[f32; NI]; NB] =
            core::array::from_fn(|s| core::array::from_fn(|i| value(s * NI + i + 9_000)));
        let du: [[f32; NO]; NB] =
            core::array::from_fn(|s| core::array::from_fn(|j| value(s * NO + j + 20_000)));
        let x: [&[f32; NI]; NB] = core::array::from_fn(|s| &inputs[s]);

        let mut tiled = [[f32::NAN; NO]; NB];
        tiles::affine_batch::<f32, NI, NO, NB, FUSED, R, C, L>(
            &weights,
            Some(&bias),
            &x,
            &mut tiled,
            0..NI,
        );
        for (u, x) in tiled.iter().zip(x) {
            let one = affine_loop::<f32, NI, NO, FUSED>(&weights, &bias, x);
            assert_eq!(u.map(f32::to_bits), one.map(f32::to_bits));
        }

        for sum in SUMS {
            outer_tiles_match_loops::<FUSED, R, C, L, NI, NO, NB>(&weights, &x, &du, sum, 7);
        }
    }

    #[test]
    fn tails_narrower_than_a_vector_equal_the_one_sample_loops() {
        // The 10 outputs of W3's last layer, as AVX-512, AVX2 and SSE2 take them, from 130
        // inputs: three copies of the weights' rows, the last of two.
        tails_match_loops::<false, 8, 32, 16, 130, 10>();
        tails_match_loops::<false, 6, 64, 16, 130, 10>();
        tails_match_loops::<false, 4, 16, 8, 130, 10>();
        tails_match_loops::<false, 4, 8, 4, 130, 10>();
        tails_match_loops::<true, 8, 32, 16, 70, 21>();
        tails_match_loops::<true, 6, 16, 8, 70, 21>();
        tails_match_loops::<false, 8, 32, 16, 70, 1>();
        // AVX-512's weight-gradient tile: a strip of 64 outputs, one of a vector, a tail of 5,
        // and 70 rows, four past the last whole tile.
        tails_match_loops::<true, 6, 64, 16, 70, 85>();
        // No tail.
        tails_match_loops::<true, 8, 32, 16, 70, 48>();
    }

    #[test]
    fn register_tiles_equal_the_one_sample_loops() {
        tiles_match_loops::<false, 4, 4, 2>();
        tiles_match_loops::<false, 4, 8, 4>();
        // A small layer's, not fused.
        tiles_match_loops::<false, 4, 16, 8>();
        tiles_match_loops::<false, 6, 16, 8>();
        tiles_match_loops::<false, 8, 32, 16>();
        tiles_match_loops::<true, 4, 16, 8>();
        tiles_match_loops::<true, 6, 16, 8>();
        tiles_match_loops::<true, 3, 32, 8>();
        tiles_match_loops::<true, 8, 16, 8>();
        tiles_match_loops::<true, 8, 32, 16>();
        // The `f64` shapes, AVX-512's and AVX2's input gradient's, in `f32` lanes.
        tiles_match_loops::<true, 6, 32, 8>();
        tiles_match_loops::<true, 6, 8, 4>();
    }

    #[test]
    fn input_gradients_start_from_the_first_product() {
        // A product of -0.0 keeps its sign, as the first of a sum.
        let dx = input_gradient_loop::<f32, 2, 1, true>(&[[-0.0], [0.0]], &[1.0]);
        assert_eq!(dx.map(f32::to_bits), [(-0.0_f32).to_bits(), 0]);
        let dx = input_gradient_loop::<f32, 2, 2, false>(&[[1.0, 2.0], [3.0, 4.0]], &[1.0, -1.0]);
        assert_eq!(dx, [-1.0, -1.0]);
    }

    #[test]
    fn a_large_layers_one_sample_input_gradient_is_the_loops() {
        // Called directly, under the dispatch threshold: rows of 70 `f32`s take the tiles (13
        // rows, a tile of eight and five left over), rows of 37 the loop.
        one_sample_input_gradient_is_the_loops::<13, 70>();
        one_sample_input_gradient_is_the_loops::<13, 37>();
    }

    fn one_sample_input_gradient_is_the_loops<const NI: usize, const NO: usize>() {
        let weights: [[f32; NO]; NI] =
            core::array::from_fn(|i| core::array::from_fn(|j| value(i * NO + j)));
        let du: [f32; NO] = core::array::from_fn(|j| value(j + 30_000));
        let dx = input_gradient_dispatched(&weights, &du);
        let fused = input_gradient_loop::<f32, NI, NO, true>(&weights, &du);
        let unfused = input_gradient_loop::<f32, NI, NO, false>(&weights, &du);
        // The rounding differs between the two, so the comparison tells them apart.
        assert_ne!(fused, unfused);
        #[cfg(target_arch = "x86_64")]
        let fma = std::is_x86_feature_detected!("fma");
        #[cfg(not(target_arch = "x86_64"))]
        let fma = false;
        assert_eq!(dx, if fma { fused } else { unfused });
    }

    #[test]
    fn one_sample_loops_compute_the_affine_map_and_the_outer_product() {
        // 1·[1 2] + 2·[3 4] + [0.5 -0.5]
        let u =
            affine_loop::<f32, 2, 2, false>(&[[1.0, 2.0], [3.0, 4.0]], &[0.5, -0.5], &[1.0, 2.0]);
        assert_eq!(u, [7.5, 9.5]);
        let mut w = [[0.0, 0.0], [1.0, 1.0]];
        add_outer_loop::<f32, 2, 2, true, true>(&mut w, &[2.0, 3.0], &[1.0, -1.0]);
        assert_eq!(w, [[2.0, -2.0], [4.0, -2.0]]);
    }
}
