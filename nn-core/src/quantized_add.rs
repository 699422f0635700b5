//! The sum that ends a residual block, in int8, as TensorFlow Lite's `ADD` computes it: both
//! addends brought to a common scale with 20 bits of headroom, added, and rescaled to the
//! output's int8, no float anywhere.

use crate::quant::{Clamp, Multiplier, Quantization, requantize};

/// The bits both addends are shifted left by before they are rescaled, as TensorFlow Lite's
/// int8 `ADD` does: room for the rescalings' fractions.
const LEFT_SHIFT: u32 = 20;

/// `a + b` value by value in int8, the addends and the sum each quantised their own way: each
/// addend less its zero point, shifted left by 20 bits, rescaled to twice the larger addend
/// scale; their sum rescaled to the output's quantisation, moved to its zero point and clamped
/// to its activation's range. Every rescaling rounds twice, as TensorFlow Lite's kernel does
/// ([`Multiplier::apply_rounding_twice`]).
///
/// # Examples
///
/// ```
/// use nn::quant::{Clamp, Quantization};
/// use nn::quantized_add::QuantizedAdd;
///
/// let (a, b) = (Quantization::from_range(-1.0, 1.0), Quantization::from_range(0.0, 4.0));
/// let sum = Quantization::from_range(-1.0, 5.0);
/// let add = QuantizedAdd::new([a, b], sum, Clamp::Whole);
/// let y = add.forward(&[a.quantize(0.5)], &[b.quantize(2.0)]);
/// assert!((sum.dequantize(y[0]) - 2.5).abs() < 0.03);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantizedAdd {
    /// The addends' zero points.
    pub input_zero_points: [i8; 2],
    /// Each addend's rescaling to twice the larger addend scale.
    pub input_multipliers: [Multiplier; 2],
    /// The sum's rescaling from twice the larger addend scale, shifted, to the output's.
    pub output_multiplier: Multiplier,
    /// The output's zero point.
    pub output_zero_point: i8,
    /// The clamp of the output, from the fused activation.
    pub output_min: i8,
    /// The top of the clamp.
    pub output_max: i8,
}

impl QuantizedAdd {
    /// The sum of addends quantised as `inputs` into `output`, clamped as `clamp` says, with
    /// TensorFlow Lite's multipliers: each addend's scale over twice the larger one, and twice
    /// the larger one over `2²⁰` times the output's, in `f64`.
    #[must_use]
    pub fn new(inputs: [Quantization; 2], output: Quantization, clamp: Clamp) -> Self {
        let twice_larger = 2.0 * f64::from(inputs[0].scale.max(inputs[1].scale));
        let multiplier = |real: f64| {
            if real.is_finite() {
                Multiplier::new(real)
            } else {
                Multiplier::default()
            }
        };
        let shifted = f64::from(1_u32 << LEFT_SHIFT) * f64::from(output.scale);
        Self {
            input_zero_points: inputs.map(|input| input.zero_point),
            input_multipliers: inputs
                .map(|input| multiplier(f64::from(input.scale) / twice_larger)),
            output_multiplier: multiplier(twice_larger / shifted),
            output_zero_point: output.zero_point,
            output_min: clamp.low(output),
            output_max: i8::MAX,
        }
    }

    /// `a + b` in int8, value by value.
    #[must_use]
    pub fn forward<const N: usize>(&self, a: &[i8; N], b: &[i8; N]) -> [i8; N] {
        let [(a_zero, a_scale), (b_zero, b_scale)] = [0, 1].map(|addend| {
            let zero = i32::from(self.input_zero_points[addend]);
            (zero, self.input_multipliers[addend])
        });
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        core::array::from_fn(|i| {
            let a = a_scale.apply_rounding_twice((i32::from(a[i]) - a_zero) << LEFT_SHIFT);
            let b = b_scale.apply_rounding_twice((i32::from(b[i]) - b_zero) << LEFT_SHIFT);
            let sum = self
                .output_multiplier
                .apply_rounding_twice(a.wrapping_add(b));
            requantize(sum, zero_point, low, high)
        })
    }
}
