//! The int8 sums of the quantised layers: each output's bias plus the products of the int8
//! input and its weights. On Arm cores with the DSP extension (`nn_arm_dsp`, set by `build.rs`),
//! a dot product per output, four bytes of each at a time, widened in pairs to 16 bits
//! (`SXTB16`) and multiplied and summed two at once (`SMLAD`), as CMSIS-NN's kernels do;
//! elsewhere plain loops. Both give the same sums: integers add exactly.

/// Each output's sum: its bias plus the products of `x` and its row of `weights`, wrapping on
/// overflow as TensorFlow Lite's int8 kernels do.
#[inline]
#[must_use]
pub fn sums<const I: usize, const O: usize>(
    x: &[i8; I],
    weights: &[[i8; I]; O],
    bias: &[i32; O],
) -> [i32; O] {
    #[cfg(nn_arm_dsp)]
    {
        core::array::from_fn(|o| packed::dot(x, &weights[o], bias[o]))
    }
    #[cfg(not(nn_arm_dsp))]
    {
        plain_sums(x, weights, bias)
    }
}

/// Input by input, each added into every output's sum. On the Cortex-M0 this took 21,446
/// instructions for the digits network's int8 inference, a dot product per output 24,863 (LLVM
/// unrolled it completely and spilled every offset to the stack).
#[cfg_attr(nn_arm_dsp, allow(dead_code))]
fn plain_sums<const I: usize, const O: usize>(
    x: &[i8; I],
    weights: &[[i8; I]; O],
    bias: &[i32; O],
) -> [i32; O] {
    let mut sums = *bias;
    for (i, &xi) in x.iter().enumerate() {
        let xi = i32::from(xi);
        for (sum, row) in sums.iter_mut().zip(weights) {
            *sum = sum.wrapping_add(xi * i32::from(row[i]));
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
    /// The bytes as one little-endian word.
    #[inline(always)]
    fn word(bytes: &[i8; 4]) -> u32 {
        u32::from_le_bytes(bytes.map(i8::cast_unsigned))
    }

    /// `acc + Σ x[i]·w[i]`, four at a time, the rest one by one.
    #[inline]
    pub fn dot<const N: usize>(x: &[i8; N], w: &[i8; N], acc: i32) -> i32 {
        let (x_words, x_rest) = x.as_chunks::<4>();
        let (w_words, w_rest) = w.as_chunks::<4>();
        let mut acc = acc;
        for (x, w) in x_words.iter().zip(w_words) {
            let (x, w) = (word(x), word(w));
            // Bytes 0 and 2, then 1 and 3, each sign-extended into a 16-bit half.
            acc = smlad(sxtb16(x), sxtb16(w), acc);
            acc = smlad(sxtb16_ror8(x), sxtb16_ror8(w), acc);
        }
        for (&x, &w) in x_rest.iter().zip(w_rest) {
            acc = acc.wrapping_add(i32::from(x) * i32::from(w));
        }
        acc
    }

    #[cfg(nn_arm_dsp)]
    use arm::{smlad, sxtb16, sxtb16_ror8};
    #[cfg(not(nn_arm_dsp))]
    use portable::{smlad, sxtb16, sxtb16_ror8};

    /// The instructions. `core::arch::arm`'s intrinsics for them are unstable, hence `asm!`;
    /// LLVM does not form them from plain loops (measured: the digits network's int8 inference
    /// took 10,971 instructions on the Cortex-M4 with a load and a multiply-accumulate a weight,
    /// 9,007 with these).
    #[cfg(nn_arm_dsp)]
    #[allow(unsafe_code)]
    mod arm {
        use core::arch::asm;

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
    use super::{packed, plain_sums};

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
        assert_eq!(packed::dot(&x, &w, 17), expected[0]);
        assert_eq!(packed::dot(&x, &reversed, -3), expected[1]);
        assert_eq!(plain_sums(&x, &[w, reversed], &[17, -3]), expected);
    }
}
