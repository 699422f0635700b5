//! The int8 arithmetic of TensorFlow Lite's quantisation spec, which every int8 layer shares:
//! how an int8 value stands for a real one, and how an `i32` sum is scaled back to int8 without
//! a float, by an integer multiplier and a shift.
//!
//! Activations are asymmetric per tensor (`real = scale × (q − zero_point)`, `q` in
//! `[-128, 127]`); weights symmetric per output channel (zero point 0, `q` in `[-127, 127]`);
//! biases `i32` at the scale of the input times the weights'. A sum of products is rescaled to
//! the output's scale by TensorFlow Lite's `MultiplyByQuantizedMultiplier`: a product with a
//! 31-bit fraction and a shift, rounded once ([`Multiplier::apply`], as TensorFlow Lite 2.21's
//! runtime rescales `FULLY_CONNECTED`) or twice ([`Multiplier::apply_rounding_twice`], gemmlowp's
//! form, as it rescales `CONV_2D`, `DEPTHWISE_CONV_2D` and `ADD`). Equal inputs give equal
//! outputs, to the bit, on every target. The quantisers follow TensorFlow Lite's post-training
//! quantiser, whose models `tests/quantized.rs` runs to the bit.

use crate::quantized_kernel::{
    clamp_four, high_word_plus, high_word_rounded, high_word_rounded_plus,
};

/// How int8 values stand for reals: `real = scale × (q − zero_point)`.
///
/// # Examples
///
/// ```
/// use nn::quant::Quantization;
///
/// // The range calibration saw, widened to hold 0, over the 256 values of an int8.
/// let q = Quantization::from_range(-1.0, 3.0);
/// assert_eq!(q.scale, 4.0 / 255.0);
/// assert_eq!(q.zero_point, -64);
/// assert_eq!(q.quantize(0.0), -64);
/// assert_eq!(q.quantize(3.0), 127);
/// assert_eq!(q.quantize(100.0), 127);
/// assert_eq!(q.dequantize(-64), 0.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantization {
    /// The real step between two neighbouring int8 values.
    pub scale: f32,
    /// The int8 value that stands for 0.
    pub zero_point: i8,
}

impl Quantization {
    /// The quantisation of a tensor whose values calibration saw in `[min, max]`, as TensorFlow
    /// Lite's post-training quantiser makes it (`GetAsymmetricQuantizationParams`, in `f32`):
    /// the range widened to hold 0, its width over 255 steps, the zero point `-128 - min /
    /// scale` rounded and kept in `[-128, 127]`. A range of 0 alone gives scale 0.
    #[must_use]
    pub fn from_range(min: f32, max: f32) -> Self {
        let (min, max) = (min.min(0.0), max.max(0.0));
        let scale = (max - min) / 255.0;
        let from_min = if scale > 0.0 {
            -128.0 - min / scale
        } else {
            -128.0
        };
        Self {
            scale,
            zero_point: int8(round_saturating(libm::roundf(from_min), -128, 127)),
        }
    }

    /// `x` in int8 as TensorFlow Lite's `QUANTIZE` makes it: `round(x / scale) + zero_point`
    /// in `f32`, saturated to `[-128, 127]`; the zero point at scale 0.
    #[must_use]
    pub fn quantize(self, x: f32) -> i8 {
        if self.scale <= 0.0 {
            return self.zero_point;
        }
        let steps = round_saturating(libm::roundf(x / self.scale), -256, 256);
        int8(steps + i32::from(self.zero_point))
    }

    /// The real value `q` stands for.
    #[must_use]
    pub fn dequantize(self, q: i8) -> f32 {
        self.scale * f32::from(i16::from(q) - i16::from(self.zero_point))
    }
}

/// The range of the values calibration saw in one tensor, from which its [`Quantization`] is
/// chosen.
///
/// # Examples
///
/// ```
/// use nn::quant::{CalibrationError, Range};
///
/// let mut range = Range::EMPTY;
/// range.widen(&[0.5, -2.0], 0)?;
/// range.widen(&[3.0], 0)?;
/// assert_eq!((range.min, range.max), (-2.0, 3.0));
/// assert_eq!(range.widen(&[f32::NAN], 4), Err(CalibrationError::NotFinite { tensor: 4 }));
/// # Ok::<(), CalibrationError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The least value seen.
    pub min: f32,
    /// The greatest value seen.
    pub max: f32,
}

impl Range {
    /// No value seen yet.
    pub const EMPTY: Self = Self {
        min: f32::INFINITY,
        max: f32::NEG_INFINITY,
    };

    /// Widens the range to hold `values`, those of tensor `tensor` (0 the input, `n` layer `n`'s
    /// output); a NaN or infinite value is an error, and the range is left as it was.
    ///
    /// # Errors
    ///
    /// [`CalibrationError::NotFinite`] if a value is NaN or infinite.
    pub fn widen(&mut self, values: &[f32], tensor: usize) -> Result<(), CalibrationError> {
        if !values.iter().all(|value| value.is_finite()) {
            return Err(CalibrationError::NotFinite { tensor });
        }
        for &value in values {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        Ok(())
    }

    /// The quantisation of the range ([`Quantization::from_range`]).
    #[must_use]
    pub fn quantization(self) -> Quantization {
        Quantization::from_range(self.min, self.max)
    }
}

/// Why a network could not be quantised from its calibration set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalibrationError {
    /// The calibration set has no sample: no range to quantise by.
    Empty,
    /// A value of tensor `tensor` (0 the input, `n` layer `n`'s output) was NaN or infinite.
    NotFinite {
        /// 0 for the input, `n` for layer `n`'s output.
        tensor: usize,
    },
}

impl core::fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Empty => {
                f.write_str("the calibration set is empty: there is no range to quantise by")
            }
            Self::NotFinite { tensor: 0 } => {
                f.write_str("a calibration input holds a NaN or infinite value")
            }
            Self::NotFinite { tensor } => write!(
                f,
                "layer {tensor}'s output is NaN or infinite on a calibration input"
            ),
        }
    }
}

impl core::error::Error for CalibrationError {}

/// `value`, an integer, kept in `[low, high]`; NaN gives `low`.
fn round_saturating(value: f32, low: i32, high: i32) -> i32 {
    let value = f64::from(value);
    if value >= f64::from(high) {
        high
    } else if value > f64::from(low) {
        #[allow(clippy::cast_possible_truncation)] // an integer strictly inside an `i32` range
        let exact = value as i32;
        exact
    } else {
        low
    }
}

/// `value` kept in the int8 range.
pub(crate) fn int8(value: i32) -> i8 {
    i8::try_from(value.clamp(-128, 127)).unwrap_or(i8::MIN)
}

/// An output channel's symmetric weights, as TensorFlow Lite's post-training quantiser makes
/// them (`SymmetricPerChannelQuantization`, in `f32`): the scale `max |w| / 127`, and each
/// weight times `127 / max |w|`, rounded, in `[-127, 127]` (all 0 for a channel of zeros), into
/// `out`, as long as `weights`.
pub(crate) fn symmetric_channel(weights: &[f32], out: &mut [i8]) -> f32 {
    let largest = weights.iter().fold(0.0_f32, |m, w| m.max(w.abs()));
    let inverse = if largest > 0.0 { 127.0 / largest } else { 0.0 };
    for (q, &w) in out.iter_mut().zip(weights) {
        *q = int8(round_saturating(libm::roundf(w * inverse), -127, 127));
    }
    largest / 127.0
}

/// A bias at the scale of the input times its channel's weights, as TensorFlow Lite's
/// post-training quantiser makes it (`SymmetricPerChannelBiasQuantize`, in `f32`): times the
/// inverse of that scale, rounded, in `[-(2³¹ - 1), 2³¹ - 1]`.
pub(crate) fn quantize_bias(bias: f32, input_scale: f32, weight_scale: f32) -> i32 {
    let scale = input_scale * weight_scale;
    #[allow(clippy::cast_possible_truncation)] // `1.0 / scale` is a `double` stored in a `float`
    let inverse = if scale > 0.0 {
        (1.0 / f64::from(scale)) as f32
    } else {
        0.0
    };
    round_saturating(libm::roundf(bias * inverse), -i32::MAX, i32::MAX)
}

/// The range a quantised layer clamps its output to: where int8 layers fuse their activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clamp {
    /// The whole int8 range: no activation (`identity`).
    Whole,
    /// From the zero point, the real 0, up: a fused `relu`.
    FromZero,
}

impl Clamp {
    /// The lowest int8 value of an output quantised as `output`.
    #[must_use]
    pub fn low(self, output: Quantization) -> i8 {
        match self {
            Self::Whole => i8::MIN,
            Self::FromZero => output.zero_point,
        }
    }
}

/// A layer's bias with the input's zero point folded in, as CMSIS-NN does ahead of time: less
/// the zero point times the sum of the output's weights, so that a sum is this bias and the
/// plain products of the int8 values (wrapping, as the sums do).
pub(crate) fn fold_zero_point(bias: i32, weights: &[i8], zero_point: i8) -> i32 {
    let sum: i32 = weights.iter().map(|&w| i32::from(w)).sum();
    bias.wrapping_sub(i32::from(zero_point).wrapping_mul(sum))
}

/// The multiplier of an output whose weights are quantised by `weight_scale`: the input's scale
/// times it, over the output's, in `f64`, as TensorFlow Lite computes it; 0 if not finite.
pub(crate) fn output_multiplier(
    input: Quantization,
    weight_scale: f32,
    output: Quantization,
) -> Multiplier {
    let real = f64::from(input.scale) * f64::from(weight_scale) / f64::from(output.scale);
    if real.is_finite() {
        Multiplier::new(real)
    } else {
        Multiplier::default()
    }
}

/// An output's sum, rescaled (`Multiplier::apply` or `Multiplier::apply_rounding_twice`), in
/// int8: moved to the output's `zero_point` and clamped to `[low, high]`.
#[inline]
pub(crate) fn requantize(rescaled: i32, zero_point: i8, low: i8, high: i8) -> i8 {
    clamp(rescaled.saturating_add(i32::from(zero_point)), low, high)
}

/// `value` clamped to `[low, high]` (to `high` where `low` is above it), as an int8.
#[inline]
pub(crate) fn clamp(value: i32, low: i8, high: i8) -> i8 {
    // Not `Ord::clamp`, which panics on a `low` above `high`: the layers' fields are public.
    int8(value.max(i32::from(low)).min(i32::from(high)))
}

/// A real multiplier as TensorFlow Lite's integer kernels apply it: a 31-bit fraction in
/// `[0.5, 1)` and a power of two, `real ≈ multiplier / 2³¹ × 2^shift`.
///
/// # Examples
///
/// ```
/// use nn::quant::Multiplier;
///
/// let m = Multiplier::new(0.3);
/// assert_eq!((m.multiplier, m.shift), (1_288_490_189, -1));
/// // 1000 × 0.3, and -5 × 0.3 rounded to the nearest.
/// assert_eq!(m.apply(1000), 300);
/// assert_eq!(m.apply(-5), -2);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Multiplier {
    /// The fraction, times 2³¹.
    pub multiplier: i32,
    /// The power of two, in `[-31, 30]`: left if positive, right if negative.
    pub shift: i32,
}

impl Multiplier {
    /// `real` as TensorFlow Lite's `QuantizeMultiplier` splits it: `frexp`'s fraction rounded to
    /// 31 bits (a fraction that rounds up to 1 halved, its exponent one more); 0 for 0 or a
    /// multiplier under 2⁻³², the largest for one of 2³⁰ or more.
    #[must_use]
    pub fn new(real: f64) -> Self {
        if real <= 0.0 {
            return Self::default();
        }
        let (fraction, shift) = libm::frexp(real);
        let fixed = libm::round(fraction * f64::from(1_u32 << 31));
        // A fraction that rounds up to 1: half of it, at the next power of two.
        let (multiplier, shift) = if fixed >= f64::from(1_u32 << 31) {
            (1 << 30, shift + 1)
        } else {
            #[allow(clippy::cast_possible_truncation)] // an integer below 2³¹
            let fixed = fixed as i32;
            (fixed, shift)
        };
        if shift < -31 {
            return Self::default();
        }
        if shift > 30 {
            return Self {
                multiplier: i32::MAX,
                shift: 30,
            };
        }
        Self { multiplier, shift }
    }

    /// `x × real`, rounded to the nearest (halves upwards), as TensorFlow Lite's
    /// `MultiplyByQuantizedMultiplier` computes it in its single-rounding form (the one its
    /// runtime is built with): `(x × multiplier + 2^(30 - shift)) >> (31 - shift)` in 64 bits,
    /// saturated to an `i32`.
    #[must_use]
    pub fn apply(self, x: i32) -> i32 {
        let total_shift = 31 - self.shift.clamp(-31, 30);
        let round = 1_i64 << (total_shift - 1);
        let result = (i64::from(x) * i64::from(self.multiplier) + round) >> total_shift;
        i32::try_from(result).unwrap_or(if result < 0 { i32::MIN } else { i32::MAX })
    }

    /// `x × real` in gemmlowp's two roundings, as TensorFlow Lite's `CONV_2D`,
    /// `DEPTHWISE_CONV_2D` and `ADD` apply it (and CMSIS-NN by default): `x` shifted left by a positive shift, the high half of its doubled
    /// product with the multiplier rounded to the nearest (`SaturatingRoundingDoublingHighMul`),
    /// then divided by the power of two of a negative shift, rounded to the nearest, halves
    /// away from zero (`RoundingDivideByPOT`). It differs from [`Multiplier::apply`] by one
    /// where the first rounding tips the second.
    ///
    /// ```
    /// use nn::quant::Multiplier;
    ///
    /// let m = Multiplier { multiplier: 1_129_075_861, shift: -6 };
    /// // 1399 × 0.0082151… = 11.4929…, 11 rounded once; the high half, 735.55…, rounds to 736,
    /// // and 736 / 64 = 11.5 rounds to 12.
    /// assert_eq!((m.apply(1399), m.apply_rounding_twice(1399)), (11, 12));
    /// assert_eq!((m.apply(-1399), m.apply_rounding_twice(-1399)), (-11, -12));
    /// ```
    #[must_use]
    #[inline]
    pub fn apply_rounding_twice(self, x: i32) -> i32 {
        Rescale::new(self).apply(x)
    }
}

/// A [`Multiplier`] ready to apply in two roundings to many sums, worked out once a channel:
/// its left shift as a factor, its right shift's mask, and its high multiplication as one
/// rounding multiplication of the high words (`SMMULR` on the Cortex-M4) by the doubled
/// multiplier wrapped to 32 bits, plus what the wrap took away (a multiply-accumulate).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Rescale {
    /// `2^left`.
    factor: i32,
    /// The multiplier doubled, wrapped to an `i32`.
    doubled: i32,
    /// What the wrap took away from the doubled multiplier, in units of 2³²: -1, 0 or 1.
    wrapped: i32,
    /// Whether the multiplier is `i32::MIN`, the one whose product with `i32::MIN` saturates.
    saturates: bool,
    right: u32,
    /// The bits below the right shift.
    mask: i32,
}

impl Rescale {
    /// `multiplier`'s parts.
    #[inline]
    pub(crate) fn new(multiplier: Multiplier) -> Self {
        let shift = multiplier.shift.clamp(-31, 30);
        let (left, right) = (
            shift.max(0).cast_unsigned(),
            (-shift).max(0).cast_unsigned(),
        );
        let doubled = 2 * i64::from(multiplier.multiplier);
        #[allow(clippy::cast_possible_truncation)] // the wrap, on purpose
        let wrapped_doubled = doubled as i32;
        let wrapped = i32::try_from((doubled - i64::from(wrapped_doubled)) >> 32).unwrap_or(0);
        Self {
            factor: 1_i32.wrapping_shl(left),
            doubled: wrapped_doubled,
            wrapped,
            saturates: multiplier.multiplier == i32::MIN,
            right,
            mask: ((1_u32 << right) - 1).cast_signed(),
        }
    }

    /// [`Multiplier::apply_rounding_twice`].
    #[inline]
    pub(crate) fn apply(self, x: i32) -> i32 {
        let x = x.wrapping_mul(self.factor);
        // SaturatingRoundingDoublingHighMul: `(x·m + nudge) / 2³¹` truncated, whose nudge is
        // 2³⁰ for a positive product and 1 − 2³⁰ for a negative one, is `(x·2m + 2³¹) >> 32`
        // for both: with 2m = doubled + wrapped·2³², the rounded high word of `x·doubled`
        // plus `wrapped·x`, exact in wrapping arithmetic as the result fits an i32. It does
        // but for `i32::MIN` times itself, which saturates.
        let high = if self.saturates && x == i32::MIN {
            i32::MAX
        } else {
            let high_word = high_word_rounded(x, self.doubled);
            high_word.wrapping_add(self.wrapped.wrapping_mul(x))
        };
        // RoundingDivideByPOT: the remainder against half the divisor, halves away from zero.
        let threshold = (self.mask >> 1) + i32::from(high < 0);
        (high >> self.right) + i32::from(high & self.mask > threshold)
    }

    /// `sum` rescaled, moved to `zero_point` and clamped to `[low, high]`: an output in int8.
    #[inline]
    pub(crate) fn requantize(self, sum: i32, zero_point: i8, low: i8, high: i8) -> i8 {
        requantize(self.apply(sum), zero_point, low, high)
    }

    /// The rescaling in fewer steps, with the output's `zero_point` added, where they give
    /// the same int8 outputs: for a multiplier in `[2^30, 2^31)` (every one
    /// [`Multiplier::new`] makes, but those of 0 and of the largest) and a right shift from 1
    /// to 23 (a real multiplier from 2⁻²⁴ to 0.5).
    #[inline]
    pub(crate) fn short(self, zero_point: i8) -> Option<ShortRescale> {
        (self.wrapped == 1 && (1..=23).contains(&self.right)).then(|| ShortRescale {
            doubled: self.doubled,
            offset: (1 << (self.right - 1)) + (i32::from(zero_point) << self.right),
            right: self.right,
        })
    }

    /// Each of `sums` rescaled, moved to `zero_point` and clamped to `[low, high]`.
    #[inline(never)]
    pub(crate) fn requantize_each<const M: usize>(
        self,
        sums: [i32; M],
        zero_point: i8,
        low: i8,
        high: i8,
    ) -> [i8; M] {
        sums.map(|sum| self.requantize(sum, zero_point, low, high))
    }

    /// Each of `sums` rescaled, moved to `zero_point` and clamped to `[low, high]`, into `out`:
    /// a loop of its own, so that the rescaling's values stay in registers, in fewer steps
    /// where they give the same outputs ([`Rescale::short`]), four outputs clamped and stored
    /// at once. On the Cortex-M4 an output takes about 10.5 instructions this way, 17 one at a
    /// time, 35 with the 64-bit product and the shifts worked out for each.
    #[inline(never)]
    pub(crate) fn requantize_all(
        self,
        sums: &[i32],
        out: &mut [i8],
        zero_point: i8,
        low: i8,
        high: i8,
    ) {
        if let Some(short) = self.short(zero_point) {
            let (fours, rest) = out.as_chunks_mut::<4>();
            let (sum_fours, sum_rest) = sums.as_chunks::<4>();
            for (out, sums) in fours.iter_mut().zip(sum_fours) {
                *out = short.requantize_four(*sums, low, high);
            }
            for (out, &sum) in rest.iter_mut().zip(sum_rest) {
                *out = short.requantize(sum, low, high);
            }
        } else {
            let pairs = out.iter_mut().zip(sums);
            for (out, &sum) in pairs {
                *out = self.requantize(sum, zero_point, low, high);
            }
        }
    }
}

/// [`Multiplier::apply`] in two instructions on the Cortex-M4, for a shift from -31 to -2 (a
/// real multiplier under 0.25), `r` one less than its opposite: `(x·m + 2^(31+r)) >> (32+r)` is
/// the high word of `x·m` plus `2^(r-1)` (`SMMLA`), shifted right by `r`, exactly, as floors of
/// divisions compose. Its result is within 2³⁰ of 0 and never saturates.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ShortMultiplier {
    multiplier: i32,
    /// `2^(r-1)`.
    half: i32,
    /// `r`, from 1 to 30.
    right: u32,
}

impl ShortMultiplier {
    /// `multiplier`'s short form, if its shift is from -31 to -2.
    #[inline]
    pub(crate) fn new(multiplier: Multiplier) -> Option<Self> {
        // The shift plus 31: from 0 (`r` 30) to 29 (`r` 1), any other shift wrapped outside.
        // As a bound known to LLVM, it leaves the shifts below unmasked.
        let above = multiplier.shift.wrapping_add(31).cast_unsigned();
        (above <= 29).then(|| Self {
            multiplier: multiplier.multiplier,
            half: 0x2000_0000 >> above,
            right: 30 - above,
        })
    }

    /// [`Multiplier::apply`] of `sum`, to the bit.
    #[inline]
    pub(crate) fn rescale(self, sum: i32) -> i32 {
        high_word_plus(sum, self.multiplier, self.half) >> self.right
    }
}

/// Each of `sums` times its multiplier in one rounding ([`Multiplier::apply`]), moved to
/// `zero_point` and clamped to `[low, high]`: in two instructions ([`ShortMultiplier`]) where
/// the multiplier allows it, out of line where it does not. On the Cortex-M4 an output of a
/// dense layer took 47 instructions with the 64-bit product shifted by a shift known only when
/// it runs, 30 with every multiplier checked for a short form first (a loop of its own), and 21
/// one at a time, each checked where it is used. Four at a time, clamped together
/// (`clamp_four`), LLVM spilled the four multipliers: anomaly detection took 416,200
/// instructions, against 410,040 one at a time.
pub(crate) fn requantize_once<const N: usize>(
    sums: &[i32; N],
    multipliers: &[Multiplier; N],
    zero_point: i8,
    low: i8,
    high: i8,
) -> [i8; N] {
    core::array::from_fn(|o| match ShortMultiplier::new(multipliers[o]) {
        Some(short) => requantize(short.rescale(sums[o]), zero_point, low, high),
        None => requantize_exactly(sums[o], multipliers[o], zero_point, low, high),
    })
}

/// [`requantize`] of [`Multiplier::apply`], for the multipliers without a short form: out of
/// line, as calibration makes none.
#[cold]
#[inline(never)]
fn requantize_exactly(sum: i32, multiplier: Multiplier, zero_point: i8, low: i8, high: i8) -> i8 {
    requantize(multiplier.apply(sum), zero_point, low, high)
}

/// A layer's rescalings, one a channel: their short forms where every channel has one.
pub(crate) enum Rescales<'a, const N: usize> {
    /// Each channel's short form.
    Short([ShortRescale; N]),
    /// Each channel's multiplier, where one has no short form (calibration makes none): its
    /// general form worked out as it is applied.
    Exact(&'a [Multiplier; N]),
}

impl<'a, const N: usize> Rescales<'a, N> {
    /// Short forms of nothing, for [`Rescales::set`].
    pub(crate) const UNSET: Self = Self::Short([ShortRescale::ZERO; N]);

    /// The rescalings of `multipliers`, to an output of `zero_point`, written over these: the
    /// short forms in place (on the Cortex-M4 the digits CNN's int8 inference took 109,844
    /// instructions with them built, the general forms beside them, and copied out; 108,840
    /// this way), else the multipliers.
    pub(crate) fn set(&mut self, multipliers: &'a [Multiplier; N], zero_point: i8) {
        if let Self::Short(shorts) = self {
            let every = shorts
                .iter_mut()
                .zip(multipliers)
                .all(|(short, &multiplier)| {
                    Rescale::new(multiplier)
                        .short(zero_point)
                        .map(|found| *short = found)
                        .is_some()
                });
            if every {
                return;
            }
        }
        *self = Self::Exact(multipliers);
    }

    /// Each channel's short form, if every channel has one.
    #[cfg(nn_arm_dsp)]
    pub(crate) fn short(&self) -> Option<&[ShortRescale; N]> {
        match self {
            Self::Short(shorts) => Some(shorts),
            Self::Exact(_) => None,
        }
    }

    /// Channel `f`'s four `sums`, rescaled, moved to `zero_point` and clamped to `[low,
    /// high]`, in the short form where the layer has one. Always inlined, the exact form never:
    /// LLVM kept the two together out of line, a call for every four outputs.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(crate) fn requantize_four(
        &self,
        f: usize,
        sums: [i32; 4],
        zero_point: i8,
        low: i8,
        high: i8,
    ) -> [i8; 4] {
        match self {
            Self::Short(shorts) => shorts[f].requantize_four(sums, low, high),
            Self::Exact(exact) => {
                Rescale::new(exact[f]).requantize_each(sums, zero_point, low, high)
            }
        }
    }

    /// [`Rescales::requantize_four`] of one sum.
    #[inline]
    pub(crate) fn requantize(&self, f: usize, sum: i32, zero_point: i8, low: i8, high: i8) -> i8 {
        match self {
            Self::Short(shorts) => shorts[f].requantize(sum, low, high),
            Self::Exact(exact) => Rescale::new(exact[f]).requantize(sum, zero_point, low, high),
        }
    }
}

/// [`Rescale`] for the multipliers of [`Rescale::short`], with the output's zero point: no
/// left shift; the high word plus the sum in one rounding multiply-accumulate (`SMMLAR`); the
/// rounding division as one saturating addition of half the divisor and the zero point times
/// the divisor, after one less for a negative value. Where the addition saturates, the exact
/// result is beyond an int8 on the same side (the divisor is at most 2²³, the zero point's
/// part at most 2³⁰), so the clamp gives the same.
#[derive(Clone, Copy, Debug, Default)]
// Its fields in this order: the convolutions' written-out loop loads the three at once.
#[repr(C)]
pub(crate) struct ShortRescale {
    doubled: i32,
    /// Half the divisor, plus the zero point times the divisor.
    offset: i32,
    right: u32,
}

impl ShortRescale {
    /// A rescaling of every sum to 0: what [`Rescales::UNSET`] holds.
    pub(crate) const ZERO: Self = Self {
        doubled: 0,
        offset: 0,
        right: 0,
    };

    /// [`Rescale::apply`] of `sum` plus the zero point, where that is within an int8's range
    /// (outside it, beyond the int8's range on the same side): the output before its clamp.
    #[inline]
    pub(crate) fn requantized(self, sum: i32) -> i32 {
        // Strictly within an i32 (the multiplier is under 2³¹): one less does not wrap.
        let product = high_word_rounded_plus(sum, self.doubled, sum);
        (product + (product >> 31)).saturating_add(self.offset) >> self.right
    }

    /// `sum`'s int8 output: [`ShortRescale::requantized`], clamped to `[low, high]`.
    #[inline]
    pub(crate) fn requantize(self, sum: i32, low: i8, high: i8) -> i8 {
        clamp(self.requantized(sum), low, high)
    }

    /// Four sums' int8 outputs, clamped together ([`clamp_four`]).
    #[inline]
    pub(crate) fn requantize_four(self, sums: [i32; 4], low: i8, high: i8) -> [i8; 4] {
        clamp_four(sums.map(|sum| self.requantized(sum)), low, high)
    }
}

#[cfg(test)]
mod tests {
    use super::{Multiplier, Quantization};

    #[test]
    fn multipliers_as_tensorflow_lite_splits_them() {
        assert_eq!(
            Multiplier::new(0.5),
            Multiplier {
                multiplier: 1 << 30,
                shift: 0
            }
        );
        assert_eq!(
            Multiplier::new(1.0),
            Multiplier {
                multiplier: 1 << 30,
                shift: 1
            }
        );
        assert_eq!(Multiplier::new(0.0), Multiplier::default());
        assert_eq!(Multiplier::new(1e-12), Multiplier::default());
        // A fraction that rounds up to 1 is halved, its exponent one more.
        let almost_one = 1.0 - 1e-12;
        assert_eq!(
            Multiplier::new(almost_one),
            Multiplier {
                multiplier: 1 << 30,
                shift: 1
            }
        );
        assert_eq!(Multiplier::new(3.0).apply(7), 21);
        // Halves round upwards, either sign.
        assert_eq!(Multiplier::new(0.25).apply(-6), -1);
        assert_eq!(Multiplier::new(0.25).apply(6), 2);
        assert_eq!(Multiplier::new(0.5).apply(-3), -1);
        // Saturated, and the largest multiplier for one out of range.
        assert_eq!(
            Multiplier::new(1e12),
            Multiplier {
                multiplier: i32::MAX,
                shift: 30
            }
        );
        assert_eq!(Multiplier::new(1e12).apply(i32::MAX), i32::MAX);
        assert_eq!(Multiplier::new(1e12).apply(i32::MIN), i32::MIN);
    }

    /// gemmlowp's `SaturatingRoundingDoublingHighMul` and `RoundingDivideByPOT`, as written there.
    fn gemmlowp(x: i32, multiplier: i32, shift: i32) -> i32 {
        let (left, right) = (shift.max(0), (-shift).max(0));
        let a = x.wrapping_mul(1 << left);
        let high = if a == i32::MIN && multiplier == i32::MIN {
            i32::MAX
        } else {
            let product = i64::from(a) * i64::from(multiplier);
            let nudge = if product >= 0 { 1 << 30 } else { 1 - (1 << 30) };
            i32::try_from((product + nudge) / (1 << 31)).unwrap_or(i32::MAX)
        };
        let mask = i32::try_from((1_i64 << right) - 1).unwrap_or(i32::MAX);
        let threshold = (mask >> 1) + i32::from(high < 0);
        (high >> right) + i32::from(high & mask > threshold)
    }

    #[test]
    fn two_roundings_are_gemmlowps() {
        use crate::init::{Rng, rng};

        let mut random = rng(2026);
        let mut next = || random.next_u32();
        for _ in 0..200_000 {
            let m = Multiplier {
                multiplier: i32::try_from(next() >> 1).unwrap_or(0) | 1 << 30,
                shift: i32::try_from(next() % 40).unwrap_or(0) - 32,
            };
            // Sums of every size: the low bits of a random word, its sign kept.
            let x = next().cast_signed() >> (next() % 32);
            assert_eq!(
                m.apply_rounding_twice(x),
                gemmlowp(x, m.multiplier, m.shift.clamp(-31, 30)),
                "{x} {m:?}"
            );
        }
        // The extremes, i32::MIN times itself (which saturates) among them.
        for x in [i32::MIN, i32::MIN + 1, i32::MAX, -1, 0, 1, 12_345, -54_321] {
            for shift in [-31, -1, 0, 1, 7] {
                for multiplier in [
                    i32::MAX,
                    i32::MIN,
                    -(1 << 30),
                    -(1 << 30) - 5,
                    (1 << 30) - 1,
                    1,
                ] {
                    let m = Multiplier { multiplier, shift };
                    assert_eq!(
                        m.apply_rounding_twice(x),
                        gemmlowp(x, multiplier, shift),
                        "{x} {m:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_short_rescaling_gives_the_exact_int8_outputs() {
        use super::{Rescale, requantize};
        use crate::init::{Rng, rng};

        let mut random = rng(1623);
        let mut next = || random.next_u32();
        let mut shorts = 0;
        for case in 0..300_000 {
            let m = Multiplier {
                multiplier: i32::try_from(next() >> 1).unwrap_or(0) | 1 << 30,
                shift: -i32::try_from(next() % 26).unwrap_or(0),
            };
            let [zero_point, low, high] = next().to_le_bytes()[..3] else {
                unreachable!()
            };
            let [zero_point, low, high] = [zero_point, low, high].map(u8::cast_signed);
            let x = match case % 100 {
                0 => i32::MAX,
                1 => i32::MIN,
                2 => i32::MAX - i32::try_from(next() % 1000).unwrap_or(0),
                _ => next().cast_signed() >> (next() % 32),
            };
            let rescale = Rescale::new(m);
            let exact = requantize(m.apply_rounding_twice(x), zero_point, low, high);
            if let Some(short) = rescale.short(zero_point) {
                shorts += 1;
                assert_eq!(
                    short.requantize(x, low, high),
                    exact,
                    "{x} {m:?} {zero_point} {low} {high}"
                );
            }
            // Four at a time and one: the sum and four others.
            let sums = [x, x.wrapping_add(1), x >> 3, x.wrapping_neg(), x / 7];
            let expected =
                sums.map(|x| requantize(m.apply_rounding_twice(x), zero_point, low, high));
            let mut out = [0; 5];
            rescale.requantize_all(&sums, &mut out, zero_point, low, high);
            assert_eq!(out, expected);
        }
        // Shifts 1 to 23 of 0 to 25.
        assert!(shorts > 250_000, "{shorts}");
        assert!(Rescale::new(Multiplier::new(0.75)).short(0).is_none());
        assert!(Rescale::new(Multiplier::new(1e-9)).short(0).is_none());
    }

    #[test]
    fn the_short_multiplier_gives_the_exact_int8_outputs() {
        use super::{ShortMultiplier, requantize, requantize_once};
        use crate::init::{Rng, rng};

        let mut random = rng(1624);
        let mut next = || random.next_u32();
        let mut shorts = 0;
        for case in 0..300_000 {
            let m = Multiplier {
                multiplier: next().cast_signed(),
                shift: -i32::try_from(next() % 34).unwrap_or(0),
            };
            let [zero_point, low, high] = [0, 1, 2].map(|_| next().to_le_bytes()[0].cast_signed());
            let x = match case % 100 {
                0 => i32::MAX,
                1 => i32::MIN,
                _ => next().cast_signed() >> (next() % 32),
            };
            let exact = requantize(m.apply(x), zero_point, low, high);
            if let Some(short) = ShortMultiplier::new(m) {
                shorts += 1;
                let ours = requantize(short.rescale(x), zero_point, low, high);
                assert_eq!(ours, exact, "{x} {m:?} {zero_point} {low} {high}");
            }
            // Four at a time and one; with another multiplier, short or not, among the four.
            let other = Multiplier {
                multiplier: next().cast_signed(),
                shift: -i32::try_from(next() % 34).unwrap_or(0),
            };
            let sums = [x, x.wrapping_add(1), x >> 3, x.wrapping_neg(), x / 7];
            let multipliers = [m, m, other, m, m];
            let expected: [i8; 5] = core::array::from_fn(|k| {
                requantize(multipliers[k].apply(sums[k]), zero_point, low, high)
            });
            assert_eq!(expected[0], exact);
            let ours = requantize_once(&sums, &multipliers, zero_point, low, high);
            assert_eq!(
                ours, expected,
                "{sums:?} {multipliers:?} {zero_point} {low} {high}"
            );
        }
        // Shifts -2 to -31 of 0 to -33.
        assert!(shorts > 250_000, "{shorts}");
    }

    #[test]
    fn two_roundings_differ_from_one_at_ties_only() {
        // 3 = 0.75 × 2²: a left shift before the product.
        let three = Multiplier::new(3.0);
        assert_eq!((three.multiplier, three.shift), (1 << 30 | 1 << 29, 2));
        assert_eq!(three.apply_rounding_twice(5), 15);
        assert_eq!(three.apply_rounding_twice(-7), -21);
        // A multiplier of 1/64: exact halves round away from zero twice, upwards once.
        let sixty_fourth = Multiplier::new(1.0 / 64.0);
        assert_eq!(sixty_fourth.apply_rounding_twice(32), 1);
        assert_eq!(sixty_fourth.apply_rounding_twice(-32), -1);
        assert_eq!(sixty_fourth.apply(-32), 0);
        let m = Multiplier::new(0.3);
        for x in -5000..5000 {
            assert!((m.apply(x) - m.apply_rounding_twice(x)).abs() <= 1, "{x}");
        }
        assert_eq!(m.apply_rounding_twice(i32::MAX), 644_245_094);
    }

    #[test]
    fn ranges_hold_zero_and_saturate() {
        let positive = Quantization::from_range(0.5, 2.0);
        assert_eq!(positive.zero_point, -128);
        assert_eq!(positive.scale, 2.0 / 255.0);
        assert_eq!(positive.quantize(-1.0), -128);
        assert_eq!(positive.quantize(f32::NAN), -128);
        let negative = Quantization::from_range(-2.0, -1.0);
        assert_eq!(negative.zero_point, 127);
        let zero = Quantization::from_range(0.0, 0.0);
        assert_eq!((zero.scale, zero.zero_point), (0.0, -128));
        assert_eq!(zero.quantize(3.0), -128);
    }
}
