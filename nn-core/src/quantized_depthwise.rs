//! A depthwise 2-D convolution in int8, as TensorFlow Lite's per-channel `DEPTHWISE_CONV_2D`
//! computes it: each channel's kernel over that channel alone, rescaled to the output's int8 by
//! an integer multiplier per channel, no float anywhere.

use crate::DepthwiseConv2d;
use crate::Sliding;
use crate::quant::{
    Clamp, Multiplier, Quantization, Rescale, fold_zero_point, output_multiplier, quantize_bias,
    symmetric_channel,
};
use crate::quantized_kernel::{KernelThree, Taps};

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
    /// output's zero point and clamped.
    ///
    /// Each channel is copied once into a plane with the zero point around it, so that an
    /// output's products are its kernel against the plane at offsets known at compile time,
    /// with no test for the input's edge. A 3 x 3 kernel takes a row of outputs at once
    /// (`KernelThree`: on the Cortex-M4 each kernel row's three products from one word of the
    /// plane, two places a pass where the stride is 1, in a written-out loop); other kernels a
    /// kernel row at a time (`Taps`); a channel's sums are rescaled in a loop of their own,
    /// four at a time. On the Cortex-M4 a 3 x 3 kernel on 25 x 5 places of 64 channels takes
    /// 3.4 instructions a product, the rescaling included (`examples/cortex-m/src/bin/layers.rs`;
    /// 4.6 a kernel row at a time, 8.1 with the kernel's places on the input checked for each
    /// product, 13.1 for `DepthwiseConv2d`'s sums in `f32`).
    pub fn forward<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        u: &mut [[[i8; OW]; OH]; C],
    ) {
        let [sy, sx] = sliding.steps();
        let [py, px] = sliding.padding;
        // The plane, twice the input's height and width, and the rows and columns the outputs
        // read in it, the padding and a kernel row of three's fourth byte included.
        let (width, height) = (2 * W, 2 * H);
        let rows = OH.saturating_sub(1) * sy + KH;
        let columns = OW.saturating_sub(1) * sx + KW + 1;
        if rows > height || columns > width || py + H > height || px + W > width {
            self.forward_each(x, sliding, u);
            return;
        }
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        let mut plane = [[[[self.input_zero_point; W]; 2]; H]; 2];
        let plane = plane
            .as_flattened_mut()
            .as_flattened_mut()
            .as_flattened_mut();
        // From an output's first value in the plane to past its last.
        let reach = KH.saturating_sub(1) * width + KW + 1;
        // Every sum is written for each channel: the plane holds every place's kernel.
        let mut sums = [[0; OW]; OH];
        let channels = x.iter().zip(u).zip(&self.weights).zip(&self.bias);
        for ((((xc, uc), kernel), &bias), &multiplier) in channels.zip(&self.multipliers) {
            let rescale = Rescale::new(multiplier);
            for (row, input) in plane[py * width + px..].chunks_mut(width).zip(xc) {
                row[..W].copy_from_slice(input);
            }
            let rows = kernel.map(|row| Taps::new(&row));
            let three = KernelThree::new(kernel);
            // The channel summed, then rescaled: apart, each loop's values fit the registers.
            for (oy, row) in sums.iter_mut().enumerate() {
                let top = oy * sy * width;
                if let Some(three) = &three {
                    row.fill(bias);
                    if three.add_row::<W>(plane, top, sx, row) {
                        continue;
                    }
                }
                let mut ox = 0;
                // Neighbours two at a time where the stride is 1: a kernel row's values once
                // for both.
                if sx == 1 {
                    while let Some([first, second]) = row.get_mut(ox..ox + 2) {
                        let start = top + ox;
                        let Some(under) = plane.get(start..start + reach) else {
                            break;
                        };
                        let mut two = [bias; 2];
                        for (ky, taps) in rows.iter().enumerate() {
                            two = taps.dot_two(&under[ky * width..], two);
                        }
                        [*first, *second] = two;
                        ox += 2;
                    }
                }
                for (ox, sum) in row.iter_mut().enumerate().skip(ox) {
                    let start = top + ox * sx;
                    *sum = bias;
                    if let Some(under) = plane.get(start..start + reach) {
                        for (ky, taps) in rows.iter().enumerate() {
                            *sum = taps.dot(&under[ky * width..], *sum);
                        }
                    }
                }
            }
            let (sums, outputs) = (sums.as_flattened(), uc.as_flattened_mut());
            rescale.requantize_all(sums, outputs, zero_point, low, high);
        }
    }

    /// [`QuantizedDepthwiseConv2d::forward`] a product at a time, each of the kernel's places
    /// checked against the input: for outputs that read past a plane of twice the input's height
    /// and width (a kernel far larger than the input).
    fn forward_each<const H: usize, const W: usize, const OH: usize, const OW: usize>(
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
                            sum = sum.wrapping_add(i32::from(x) * i32::from(w));
                        }
                    }
                    *out = rescale.requantize(sum, zero_point, low, high);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::QuantizedDepthwiseConv2d;
    use crate::Sliding;
    use crate::init::{Rng, rng};
    use crate::quant::Multiplier;

    /// A layer of random int8 kernels and biases, a multiplier and zero points per seed.
    fn layer<const C: usize, const KH: usize, const KW: usize>(
        seed: u64,
    ) -> QuantizedDepthwiseConv2d<C, KH, KW> {
        let mut random = rng(seed);
        let mut byte = || random.next_u32().to_le_bytes()[0].cast_signed();
        let weights =
            core::array::from_fn(|_| core::array::from_fn(|_| core::array::from_fn(|_| byte())));
        QuantizedDepthwiseConv2d {
            weights,
            bias: core::array::from_fn(|c| i32::from(byte()) * 50 + i32::try_from(c).unwrap_or(0)),
            multipliers: core::array::from_fn(|c| Multiplier {
                multiplier: (1 << 30) + i32::from(byte()) * 1_000_003,
                shift: -7 - i32::try_from(c % 3).unwrap_or(0),
            }),
            input_zero_point: byte(),
            output_zero_point: byte(),
            output_min: -100,
            output_max: 120,
        }
    }

    /// A layer's output.
    type Output<const C: usize, const OH: usize, const OW: usize> = [[[i8; OW]; OH]; C];

    /// The output of `forward` and that of the product-at-a-time form, for an input of
    /// random values.
    fn both<
        const C: usize,
        const KH: usize,
        const KW: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        layer: &QuantizedDepthwiseConv2d<C, KH, KW>,
        sliding: Sliding,
    ) -> (Output<C, OH, OW>, Output<C, OH, OW>) {
        let mut random = rng(7);
        let x: [[[i8; W]; H]; C] = core::array::from_fn(|_| {
            core::array::from_fn(|_| {
                core::array::from_fn(|_| random.next_u32().to_le_bytes()[1].cast_signed())
            })
        });
        let (mut fast, mut each) = ([[[0; OW]; OH]; C], [[[0; OW]; OH]; C]);
        layer.forward(&x, sliding, &mut fast);
        layer.forward_each(&x, sliding, &mut each);
        (fast, each)
    }

    #[test]
    fn the_plane_gives_the_products_of_the_kernel_on_the_input() {
        let same = Sliding {
            stride: [1, 1],
            padding: [1, 1],
        };
        let (fast, each) = both::<3, 3, 3, 7, 5, 7, 5>(&layer(1), same);
        assert_eq!(fast, each);
        // The outputs differ from channel to channel and place to place.
        assert_ne!(fast[0][0], fast[1][0]);
        assert_ne!(fast[0][1], fast[0][2]);
        let strided = Sliding {
            stride: [2, 2],
            padding: [0, 1],
        };
        let (fast, each) = both::<2, 3, 3, 6, 6, 2, 3>(&layer(2), strided);
        assert_eq!(fast, each);
        // Other kernels than rows of three: products one at a time.
        let (fast, each) = both::<2, 2, 5, 6, 9, 5, 7>(
            &layer(3),
            Sliding {
                stride: [1, 1],
                padding: [0, 1],
            },
        );
        assert_eq!(fast, each);
        let (fast, each) = both::<2, 1, 1, 4, 4, 4, 4>(&layer(4), Sliding::VALID);
        assert_eq!(fast, each);
        // An input narrower than the kernel: the plane cannot hold it, the other form runs.
        let (fast, each) = both::<2, 3, 3, 1, 1, 1, 1>(&layer(5), same);
        assert_eq!(fast, each);
    }
}
