//! A dense layer in int8, as TensorFlow Lite's per-channel `FULLY_CONNECTED` computes it: `i32`
//! sums of int8 products, rescaled to the output's int8 by an integer multiplier per output, no
//! float anywhere.

use crate::Dense;
pub use crate::quant::Clamp;
use crate::quant::{
    Multiplier, Quantization, fold_zero_point, output_multiplier, quantize_bias, requantize_once,
    symmetric_channel,
};
use crate::quantized_kernel::sums;

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
            symmetric_channel(&dense.weights.map(|inputs| inputs[o]), &mut weights[o])
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
        let bias =
            core::array::from_fn(|o| fold_zero_point(bias[o], &weights[o], input.zero_point));
        Self {
            weights,
            bias,
            multipliers: weight_scales.map(|scale| output_multiplier(input, scale, output)),
            output_zero_point: output.zero_point,
            output_min: clamp.low(output),
            output_max: i8::MAX,
        }
    }

    /// The output for `x`: each output's sum, the bias plus the products of `x` and its
    /// weights, rescaled, moved to the output's zero point and clamped.
    #[must_use]
    pub fn forward(&self, x: &[i8; I]) -> [i8; O] {
        let sums = sums(x, &self.weights, &self.bias);
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        requantize_once(&sums, &self.multipliers, zero_point, low, high)
    }
}
