//! A depthwise 2-D convolution in int8, as TensorFlow Lite's per-channel `DEPTHWISE_CONV_2D`
//! computes it: each channel's kernel over that channel alone, rescaled to the output's int8 by
//! an integer multiplier per channel, no float anywhere.

use crate::DepthwiseConv2d;
use crate::Sliding;
use crate::quant::{
    Clamp, Multiplier, Quantization, Rescale, fold_zero_point, output_multiplier, quantize_bias,
    requantize, symmetric_channel,
};

/// A depthwise 2-D convolution in int8 of `C` channels with `KH x KW` kernels, channels first:
/// each output its channel's bias plus the products of its kernel and the input under it,
/// rescaled to the output's quantisation and clamped to its activation's range.
///
/// Made from a trained [`DepthwiseConv2d`] by [`QuantizedDepthwiseConv2d::quantize`], given the
/// quantisations calibration chose for its input and output. The weights are symmetric per
/// channel; the input's zero point is folded into the bias ahead of time, as in
/// [`QuantizedConv2d`](crate::quantized_conv::QuantizedConv2d), so a place where the kernel
/// lies off the input reads the zero point.
///
/// # Examples
///
/// ```
/// use nn::{DepthwiseConv2d, Sliding};
/// use nn::quant::{Clamp, Quantization};
/// use nn::quantized_depthwise::QuantizedDepthwiseConv2d;
///
/// // One channel, a 1 x 2 kernel that sums neighbours.
/// let conv = DepthwiseConv2d::<f32, 1, 1, 2>::new([[[1.0], [1.0]]], [0.0]);
/// let (input, output) = (Quantization::from_range(0.0, 1.0), Quantization::from_range(0.0, 2.0));
/// let layer = QuantizedDepthwiseConv2d::quantize(&conv, input, output, Clamp::Whole);
/// let x = [[[0.25_f32, 0.5, 1.0]]].map(|c| c.map(|r| r.map(|v| input.quantize(v))));
/// let mut u = [[[0; 2]; 1]; 1];
/// layer.forward(&x, Sliding::VALID, &mut u);
/// let [y0, y1] = u[0][0].map(|q| output.dequantize(q));
/// assert!((y0 - 0.75).abs() < 0.01 && (y1 - 1.5).abs() < 0.01);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantizedDepthwiseConv2d<const C: usize, const KH: usize, const KW: usize> {
    /// Each channel's kernel.
    pub weights: [[[i8; KW]; KH]; C],
    /// The bias at the scale of the input times each channel's weights, less the input's zero
    /// point times the channel's weights summed.
    pub bias: [i32; C],
    /// Each channel's rescaling: the input's scale times its weights', over the output's.
    pub multipliers: [Multiplier; C],
    /// The input's zero point: the value of the padding.
    pub input_zero_point: i8,
    /// The output's zero point.
    pub output_zero_point: i8,
    /// The clamp of the output, from the fused activation.
    pub output_min: i8,
    /// The top of the clamp.
    pub output_max: i8,
}

impl<const C: usize, const KH: usize, const KW: usize> QuantizedDepthwiseConv2d<C, KH, KW> {
    /// `conv` in int8, between the quantisations of its `input` and `output`, with the output
    /// clamped as `clamp` says, as TensorFlow Lite's post-training quantiser makes it: weights
    /// symmetric per channel, the bias at the input's scale times the channel's.
    #[must_use]
    pub fn quantize(
        conv: &DepthwiseConv2d<f32, C, KH, KW>,
        input: Quantization,
        output: Quantization,
        clamp: Clamp,
    ) -> Self {
        let mut weights = [[[0; KW]; KH]; C];
        let scales: [f32; C] = core::array::from_fn(|c| {
            let kernel = conv.weights.map(|row| row.map(|place| place[c]));
            symmetric_channel(kernel.as_flattened(), weights[c].as_flattened_mut())
        });
        let bias = core::array::from_fn(|c| quantize_bias(conv.bias[c], input.scale, scales[c]));
        Self::from_parts(weights, bias, scales, input, output, clamp)
    }

    /// The layer from int8 kernels, `i32` biases (at the input's scale times each channel's
    /// weights'), each channel's weight scale, and the quantisations of the input and output, as
    /// a TensorFlow Lite model holds them: the input's zero point folded into the bias, a
    /// multiplier per channel.
    #[must_use]
    pub fn from_parts(
        weights: [[[i8; KW]; KH]; C],
        bias: [i32; C],
        weight_scales: [f32; C],
        input: Quantization,
        output: Quantization,
        clamp: Clamp,
    ) -> Self {
        let bias = core::array::from_fn(|c| {
            fold_zero_point(bias[c], weights[c].as_flattened(), input.zero_point)
        });
        Self {
            weights,
            bias,
            multipliers: weight_scales.map(|scale| output_multiplier(input, scale, output)),
            input_zero_point: input.zero_point,
            output_zero_point: output.zero_point,
            output_min: clamp.low(output),
            output_max: i8::MAX,
        }
    }

    /// The output for `x` with the kernels placed as `sliding` says, into `u` (written, not
    /// read): each channel's sums of its kernel times the input under it, the input's zero
    /// point where the kernel lies off the input, rescaled in two roundings, moved to the
    /// output's zero point and clamped. On the Cortex-M4 a 3 x 3 kernel on 25 x 5 places
    /// takes 8 instructions a product, the rescaling included; 31 when the kernel's places on
    /// the input were worked out for each output.
    pub fn forward<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        u: &mut [[[i8; OW]; OH]; C],
    ) {
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        let padding = self.input_zero_point;
        let [sy, sx] = sliding.steps();
        let [py, px] = sliding.padding;
        let channels = x.iter().zip(u).zip(&self.weights).zip(&self.bias);
        for ((((xc, uc), kernel), &bias), &multiplier) in channels.zip(&self.multipliers) {
            let rescale = Rescale::new(multiplier);
            let kernel = kernel.map(|row| row.map(i32::from));
            for (oy, row) in uc.iter_mut().enumerate() {
                // Rows and columns before the input wrap around to past its end: off it too.
                let top = (oy * sy).wrapping_sub(py);
                for (ox, out) in row.iter_mut().enumerate() {
                    let left = (ox * sx).wrapping_sub(px);
                    let mut sum = bias;
                    for (ky, weights) in kernel.iter().enumerate() {
                        let input = xc.get(top.wrapping_add(ky));
                        for (kx, &w) in weights.iter().enumerate() {
                            let at = left.wrapping_add(kx);
                            let x = input.and_then(|row| row.get(at)).map_or(padding, |&x| x);
                            sum = sum.wrapping_add(i32::from(x) * w);
                        }
                    }
                    *out = requantize(rescale.apply(sum), zero_point, low, high);
                }
            }
        }
    }
}
