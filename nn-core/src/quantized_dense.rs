//! A dense layer in int8, as TensorFlow Lite's per-channel `FULLY_CONNECTED` computes it: `i32`
//! sums of int8 products, rescaled to the output's int8 by an integer multiplier per output, no
//! float anywhere.

use crate::Dense;
use crate::quant::{Multiplier, Quantization, int8, quantize_bias, symmetric_channel};
use crate::quantized_kernel::sums;

/// The range a quantised layer clamps its output to: where int8 layers fuse their activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clamp {
    /// The whole int8 range: no activation (`identity`).
    Whole,
    /// From the zero point, the real 0, up: a fused `relu`.
    FromZero,
}

/// A dense layer in int8: `u = x·W + b` on int8 values, each output rescaled from the `i32` sum
/// to the output's quantisation and clamped to its activation's range.
///
/// Made from a trained [`Dense`] by [`QuantizedDense::quantize`], given the quantisations
/// calibration chose for its input and output. The weights are symmetric per output (`max |w|`
/// over a column is 127); the input's zero point is folded into the bias ahead of time, as
/// CMSIS-NN does, so that a sum is the bias and the plain products of the int8 values.
///
/// # Examples
///
/// ```
/// use nn::Dense;
/// use nn::quant::Quantization;
/// use nn::quantized_dense::{Clamp, QuantizedDense};
///
/// let dense: Dense<f32, 2, 1> = Dense::new([[0.5], [-0.25]], [0.1]);
/// let (input, output) = (Quantization::from_range(-1.0, 1.0), Quantization::from_range(-1.0, 1.0));
/// let layer = QuantizedDense::quantize(&dense, input, output, Clamp::Whole);
/// let x = [input.quantize(0.8), input.quantize(-0.4)];
/// // 0.5 × 0.8 + 0.25 × 0.4 + 0.1 = 0.6, in the output's steps of 2/255.
/// let y = output.dequantize(layer.forward(&x)[0]);
/// assert!((y - 0.6).abs() < 0.01);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantizedDense<const I: usize, const O: usize> {
    /// `W` transposed: a row per output, its weights for each input, as TensorFlow Lite's
    /// `FULLY_CONNECTED` holds them, so that an output is one dot product.
    pub weights: [[i8; I]; O],
    /// The bias at the scale of the input times each output's weights, less the input's zero
    /// point times the output's weights summed.
    pub bias: [i32; O],
    /// Each output's rescaling: the input's scale times its weights', over the output's.
    pub multipliers: [Multiplier; O],
    /// The output's zero point.
    pub output_zero_point: i8,
    /// The clamp of the output, from the fused activation.
    pub output_min: i8,
    /// The top of the clamp.
    pub output_max: i8,
}

impl<const I: usize, const O: usize> QuantizedDense<I, O> {
    /// `dense` in int8, between the quantisations of its `input` and `output`, with the
    /// output clamped as `clamp` says (a fused activation), as TensorFlow Lite's post-training
    /// quantiser
    /// makes it: weights symmetric per output, the bias at the input's scale times the weights'.
    #[must_use]
    pub fn quantize(
        dense: &Dense<f32, I, O>,
        input: Quantization,
        output: Quantization,
        clamp: Clamp,
    ) -> Self {
        let mut weights = [[0; I]; O];
        let scales: [f32; O] = core::array::from_fn(|o| {
            let (scale, row) = symmetric_channel(dense.weights.map(|inputs| inputs[o]));
            weights[o] = row;
            scale
        });
        let bias = core::array::from_fn(|o| quantize_bias(dense.bias[o], input.scale, scales[o]));
        Self::from_parts(weights, bias, scales, input, output, clamp)
    }

    /// The layer from int8 weights (a row per output), `i32` biases (at the input's scale times each output's
    /// weights'), each output's weight scale, and the quantisations of the input and output, as
    /// a TensorFlow Lite model holds them: the input's zero point folded into the bias, a
    /// multiplier per output (`input scale × weight scale / output scale`, in `f64`).
    #[must_use]
    pub fn from_parts(
        weights: [[i8; I]; O],
        bias: [i32; O],
        weight_scales: [f32; O],
        input: Quantization,
        output: Quantization,
        clamp: Clamp,
    ) -> Self {
        let bias = core::array::from_fn(|o| {
            let sum: i32 = weights[o].iter().map(|&w| i32::from(w)).sum();
            bias[o].wrapping_sub(i32::from(input.zero_point).wrapping_mul(sum))
        });
        let multipliers = weight_scales.map(|scale| {
            let real = f64::from(input.scale) * f64::from(scale) / f64::from(output.scale);
            if real.is_finite() {
                Multiplier::new(real)
            } else {
                Multiplier::default()
            }
        });
        let output_min = match clamp {
            Clamp::Whole => i8::MIN,
            Clamp::FromZero => output.zero_point,
        };
        Self {
            weights,
            bias,
            multipliers,
            output_zero_point: output.zero_point,
            output_min,
            output_max: i8::MAX,
        }
    }

    /// The output for `x`: each output's sum, the bias plus the products of `x` and its
    /// weights, rescaled, moved to the output's zero point and clamped.
    #[must_use]
    pub fn forward(&self, x: &[i8; I]) -> [i8; O] {
        let (low, high) = (i32::from(self.output_min), i32::from(self.output_max));
        let sums = sums(x, &self.weights, &self.bias);
        core::array::from_fn(|o| {
            let value = self.multipliers[o].apply(sums[o]);
            int8(
                value
                    .saturating_add(i32::from(self.output_zero_point))
                    .clamp(low, high),
            )
        })
    }
}
