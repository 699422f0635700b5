//! A 2-D convolution in int8, as TensorFlow Lite's per-channel `CONV_2D` computes it: each output
//! place's patch of the input times each filter, rescaled to the output's int8 by an integer
//! multiplier per filter, no float anywhere.

use crate::Conv2d;
use crate::Pool2d;
use crate::Sliding;
use crate::quant::{
    Clamp, Multiplier, Quantization, Rescales, fold_zero_point, output_multiplier, quantize_bias,
    symmetric_channel,
};
use crate::quantized_kernel::sums;
#[cfg(not(nn_arm_dsp))]
use crate::quantized_kernel::sums_of_four;
#[cfg(nn_arm_dsp)]
use crate::quantized_kernel::{
    FourPlaces, filters_groups, sums_of_widened, widen_slot, widen_window,
};

/// A 2-D convolution in int8 from `C` channels to `F` filters with `KH x KW` kernels, channels
/// first: each output the filter's bias plus the products of its weights and the input under
/// the kernel, rescaled to the output's quantisation and clamped to its activation's range.
///
/// Made from a trained [`Conv2d`] by [`QuantizedConv2d::quantize`], given the quantisations
/// calibration chose for its input and output. The weights are symmetric per filter; the
/// input's zero point is folded into the bias ahead of time, as CMSIS-NN does, so a place where
/// the kernel lies off the input reads the zero point, the int8 value of the real 0 that
/// padding stands for.
///
/// # Examples
///
/// ```
/// use nn::{Conv2d, Sliding};
/// use nn::quant::{Clamp, Quantization};
/// use nn::quantized_conv::QuantizedConv2d;
///
/// // A 2 x 2 kernel of ones over one channel: each output sums a square.
/// let conv = Conv2d::<f32, 1, 1, 2, 2>::new([[[[1.0], [1.0]], [[1.0], [1.0]]]], [0.0]);
/// let (input, output) = (Quantization::from_range(0.0, 1.0), Quantization::from_range(0.0, 4.0));
/// let layer = QuantizedConv2d::quantize(&conv, input, output, Clamp::FromZero);
/// let x = [[[0.25, 0.5, 0.75], [0.0, 1.0, 0.5]]].map(|c| c.map(|r| r.map(|v| input.quantize(v))));
/// let mut u = [[[0; 2]; 1]; 1];
/// layer.forward(&x, Sliding::VALID, &mut u);
/// // 0.25 + 0.5 + 0 + 1 = 1.75 and 0.5 + 0.75 + 1 + 0.5 = 2.75, in steps of 4/255.
/// let [y0, y1] = u[0][0].map(|q| output.dequantize(q));
/// assert!((y0 - 1.75).abs() < 0.02 && (y1 - 2.75).abs() < 0.02);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantizedConv2d<const C: usize, const F: usize, const KH: usize, const KW: usize> {
    /// A filter per output channel, as TensorFlow Lite's `CONV_2D` holds them: its weights for
    /// each input channel and kernel place, so that an output is one dot product with the patch
    /// of the input under the kernel.
    pub weights: [[[[i8; KW]; KH]; C]; F],
    /// The bias at the scale of the input times each filter's weights, less the input's zero
    /// point times the filter's weights summed.
    pub bias: [i32; F],
    /// Each filter's rescaling: the input's scale times its weights', over the output's.
    pub multipliers: [Multiplier; F],
    /// The input's zero point: the value of the padding.
    pub input_zero_point: i8,
    /// The output's zero point.
    pub output_zero_point: i8,
    /// The clamp of the output, from the fused activation.
    pub output_min: i8,
    /// The top of the clamp.
    pub output_max: i8,
}

impl<const C: usize, const F: usize, const KH: usize, const KW: usize>
    QuantizedConv2d<C, F, KH, KW>
{
    /// `conv` in int8, between the quantisations of its `input` and `output`, with the output
    /// clamped as `clamp` says (a fused activation), as TensorFlow Lite's post-training
    /// quantiser makes it: weights symmetric per filter, the bias at the input's scale times the
    /// filter's.
    #[must_use]
    pub fn quantize(
        conv: &Conv2d<f32, C, F, KH, KW>,
        input: Quantization,
        output: Quantization,
        clamp: Clamp,
    ) -> Self {
        let mut weights = [[[[0; KW]; KH]; C]; F];
        let scales: [f32; F] = core::array::from_fn(|f| {
            let filter = conv.weights.map(|rows| rows.map(|row| row.map(|to| to[f])));
            let filter = filter.as_flattened().as_flattened();
            symmetric_channel(filter, weights[f].as_flattened_mut().as_flattened_mut())
        });
        let bias = core::array::from_fn(|f| quantize_bias(conv.bias[f], input.scale, scales[f]));
        Self::from_parts(weights, bias, scales, input, output, clamp)
    }

    /// The layer from int8 filters, `i32` biases (at the input's scale times each filter's
    /// weights'), each filter's weight scale, and the quantisations of the input and output, as
    /// a TensorFlow Lite model holds them: the input's zero point folded into the bias, a
    /// multiplier per filter.
    #[must_use]
    pub fn from_parts(
        weights: [[[[i8; KW]; KH]; C]; F],
        bias: [i32; F],
        weight_scales: [f32; F],
        input: Quantization,
        output: Quantization,
        clamp: Clamp,
    ) -> Self {
        let bias = core::array::from_fn(|f| {
            let filter = weights[f].as_flattened().as_flattened();
            fold_zero_point(bias[f], filter, input.zero_point)
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

    /// The output for `x` with the kernel placed as `sliding` says, into `u` (written, not
    /// read): at each place, the patch of the input under the kernel (the input's zero point
    /// where it lies off the input) times each filter, rescaled, moved to the output's zero
    /// point and clamped. Four places at a time, so that each filter's weights are read once for
    /// the four.
    pub fn forward<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        u: &mut [[[i8; OW]; OH]; F],
    ) {
        let mut scratch = Scratch::new(self.input_zero_point);
        let mut rescales = Rescales::UNSET;
        rescales.set(&self.multipliers, self.output_zero_point);
        let place = |index: usize| [index / OW, index % OW];
        let places = OH * OW;
        let u = u.as_flattened_mut().as_flattened_mut();
        let mut index = 0;
        while index + 4 <= places {
            let groups = ((places - index) / 4).min(GROUPS);
            let at = |group: usize, k: usize| place(index + 4 * group + k);
            let out = &mut u[index..];
            self.groups::<false, H, W>(
                x,
                sliding,
                groups,
                at,
                &rescales,
                &mut scratch,
                out,
                places,
            );
            index += 4 * groups;
        }
        for index in index..places {
            let sums = self.sums_at(x, sliding, place(index), &mut scratch);
            for (f, &sum) in sums.iter().enumerate() {
                u[f * places + index] = self.requantize(&rescales, f, sum);
            }
        }
    }

    /// [`forward`](Self::forward)'s output max-pooled by `pool` into `u` (written, not read),
    /// without the convolution's output in memory: the same values as [`Pool2d::max_int8`] of
    /// it. The convolution's output has `OH` rows of `OW`. A window of four places (2 x 2) is
    /// summed as [`forward`](Self::forward) sums four places; with the DSP extension, where the
    /// rescaling is in its short form (which keeps the sums' order), only each filter's largest
    /// sum of the four is rescaled (on the Cortex-M4 the digits CNN's int8 inference took
    /// 136,864 instructions with its max pooling apart, 131,056 this way). Other windows place
    /// by place.
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::{Conv2d, Pool2d, Sliding};
    /// use nn::quant::{Clamp, Quantization};
    /// use nn::quantized_conv::QuantizedConv2d;
    ///
    /// // Two filters of 2 x 2 over one channel.
    /// let weights = [[[[1.0, -1.0], [0.5, 0.0]], [[0.0, 1.0], [1.0, 0.5]]]];
    /// let conv = Conv2d::<f32, 1, 2, 2, 2>::new(weights, [0.0, 0.1]);
    /// let input = Quantization::from_range(0.0, 1.0);
    /// let output = Quantization::from_range(0.0, 3.0);
    /// let layer = QuantizedConv2d::quantize(&conv, input, output, Clamp::FromZero);
    /// let row = |y: usize| core::array::from_fn(|x| input.quantize(((y * 5 + x) % 7) as f32 / 7.0));
    /// let x = [core::array::from_fn(row)];
    /// let sliding = Sliding { stride: [1, 1], padding: [1, 1] };
    /// // 5 x 5 places of the kernel on the padded 4 x 4 input, pooled in squares of 2 x 2.
    /// let mut u = [[[0; 5]; 5]; 2];
    /// layer.forward::<4, 4, 5, 5>(&x, sliding, &mut u);
    /// let mut pooled = [[[0; 2]; 2]; 2];
    /// Pool2d::square(2).max_int8(&u, &mut pooled);
    /// let mut together = [[[0; 2]; 2]; 2];
    /// layer.forward_max_pooled::<4, 4, 5, 5, 2, 2>(&x, sliding, Pool2d::square(2), &mut together);
    /// assert_eq!(together, pooled);
    /// ```
    pub fn forward_max_pooled<
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
        const PH: usize,
        const PW: usize,
    >(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        pool: Pool2d,
        u: &mut [[[i8; PW]; PH]; F],
    ) {
        let mut scratch = Scratch::new(self.input_zero_point);
        let mut rescales = Rescales::UNSET;
        rescales.set(&self.multipliers, self.output_zero_point);
        let places = PH * PW;
        let u = u.as_flattened_mut().as_flattened_mut();
        let mut index = 0;
        // Squares of 2 x 2 side by side: several windows at once.
        if pool == Pool2d::square(2) {
            while index < places {
                let groups = (places - index).min(GROUPS);
                let at = |group: usize, k: usize| {
                    let (py, px) = ((index + group) / PW, (index + group) % PW);
                    [2 * py + k / 2, 2 * px + k % 2]
                };
                let out = &mut u[index..];
                self.groups::<true, H, W>(
                    x,
                    sliding,
                    groups,
                    at,
                    &rescales,
                    &mut scratch,
                    out,
                    places,
                );
                index += groups;
            }
        }
        for index in index..places {
            let (rows, columns) = (pool.under(0, index / PW, OH), pool.under(1, index % PW, OW));
            if rows.len() == 2 && columns.len() == 2 {
                let (top, left) = (rows.start, columns.start);
                let at = |_, k: usize| [top + k / 2, left + k % 2];
                let out = &mut u[index..];
                self.groups::<true, H, W>(x, sliding, 1, at, &rescales, &mut scratch, out, places);
                continue;
            }
            for f in 0..F {
                u[f * places + index] = i8::MIN;
            }
            for y in rows {
                for column in columns.clone() {
                    let sums = self.sums_at(x, sliding, [y, column], &mut scratch);
                    for (f, &sum) in sums.iter().enumerate() {
                        let value = self.requantize(&rescales, f, sum);
                        let largest = &mut u[f * places + index];
                        *largest = (*largest).max(value);
                    }
                }
            }
        }
    }

    /// Each filter's outputs at `groups` groups of four places (at most [`GROUPS`]; place `k`
    /// of group `g` at `at(g, k)`), into `out`: filter `f`'s four at `out[f * stride..]` for
    /// the first group, the next four after them for the next; or with `POOLED` each group's
    /// largest, a byte a group. With the DSP extension, the places' patches are widened
    /// straight from the input where they lie on it, the others gathered first (ResNet-8's
    /// int8 inference took 14,899,720 instructions on the Cortex-M4 with every patch gathered
    /// first, 14,616,960 this way), then summed by [`filters_groups`] for every group at once.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn groups<const POOLED: bool, const H: usize, const W: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        groups: usize,
        at: impl Fn(usize, usize) -> [usize; 2],
        rescales: &Rescales<'_, F>,
        scratch: &mut Scratch<C, KH, KW>,
        out: &mut [i8],
        stride: usize,
    ) {
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        let (weights, bias) = (&self.weights, &self.bias);
        let width = if POOLED { 1 } else { 4 };
        #[cfg(nn_arm_dsp)]
        {
            let Scratch {
                patches,
                places,
                row,
            } = scratch;
            let places = &mut places[..groups.min(GROUPS)];
            for (group, four) in places.iter_mut().enumerate() {
                let (widened, rest) = four.parts_mut();
                for k in 0..4 {
                    let at = at(group, k);
                    let on_input = Self::window(sliding, at, H, W);
                    if !on_input.is_some_and(|window| {
                        widen_window::<C, KH, KW, H, W>(x, window, k, widened, rest)
                    }) {
                        self.gather(x, sliding, at, &mut patches[0]);
                        widen_slot(patches[0].as_flattened().as_flattened(), k, widened, rest);
                    }
                }
            }
            let row = row.as_flattened_mut().as_flattened_mut();
            let written = rescales.short().is_some_and(|shorts| {
                let clamp = [low, high];
                if clamp == [i8::MIN, i8::MAX] {
                    filters_groups::<F, POOLED, false, C, KH, KW>(
                        weights, places, row, bias, shorts, clamp, out, stride,
                    )
                } else {
                    filters_groups::<F, POOLED, true, C, KH, KW>(
                        weights, places, row, bias, shorts, clamp, out, stride,
                    )
                }
            });
            if !written {
                let has_rest = !(C * KH * KW).is_multiple_of(4);
                for (group, four) in places.iter().enumerate() {
                    let (widened, rest) = four.parts();
                    let out = &mut out[group * width..];
                    let store = stored::<POOLED, F>(rescales, out, stride, [zero_point, low, high]);
                    sums_of_widened(widened, has_rest.then_some(rest), weights, bias, store);
                }
            }
        }
        #[cfg(not(nn_arm_dsp))]
        for group in 0..groups {
            let patches = &mut scratch.patches;
            for (k, patch) in patches.iter_mut().enumerate() {
                self.gather(x, sliding, at(group, k), patch);
            }
            let inputs = patches
                .each_ref()
                .map(|patch| patch.as_flattened().as_flattened());
            let out = &mut out[group * width..];
            let store = stored::<POOLED, F>(rescales, out, stride, [zero_point, low, high]);
            sums_of_four(inputs, weights, bias, store);
        }
    }

    /// Each filter's sum at output place `at`, its patch gathered into the scratch.
    fn sums_at<const H: usize, const W: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        at: [usize; 2],
        scratch: &mut Scratch<C, KH, KW>,
    ) -> [i32; F] {
        self.gather(x, sliding, at, &mut scratch.patches[0]);
        let patch = scratch.patches[0].as_flattened().as_flattened();
        sums(patch, &self.weights, &self.bias)
    }

    /// Filter `f`'s `sum` as an int8 output.
    fn requantize(&self, rescales: &Rescales<'_, F>, f: usize, sum: i32) -> i8 {
        let (zero_point, low, high) = (self.output_zero_point, self.output_min, self.output_max);
        rescales.requantize(f, sum, zero_point, low, high)
    }

    /// The input's row and column under the kernel's first value at output place `at`, on an
    /// input of `h` rows of `w`, where the kernel lies wholly on it.
    #[inline]
    fn window(sliding: Sliding, at: [usize; 2], h: usize, w: usize) -> Option<[usize; 2]> {
        let [sy, sx] = sliding.steps();
        let [py, px] = sliding.padding;
        let (y, x) = ((at[0] * sy).checked_sub(py)?, (at[1] * sx).checked_sub(px)?);
        (y + KH <= h && x + KW <= w).then_some([y, x])
    }

    /// The patch of `x` under the kernel at output place `at`, into `patch`: the input where
    /// the kernel lands on it, the zero point elsewhere.
    #[inline]
    fn gather<const H: usize, const W: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        sliding: Sliding,
        at: [usize; 2],
        patch: &mut [[[i8; KW]; KH]; C],
    ) {
        let [sy, sx] = sliding.steps();
        // The input's row and column under the kernel's first, `padding` before the place.
        let (top, left) = (at[0] * sy, at[1] * sx);
        let [py, px] = sliding.padding;
        if let Some([y, x0]) = Self::window(sliding, at, H, W) {
            // The kernel wholly on the input: `KH` rows of `KW` values from row `y`, column
            // `x0`, at offsets known when it is compiled.
            for (channel, patch) in x.iter().zip(patch.iter_mut()) {
                let Some(under) = channel[y..].first_chunk::<KH>() else {
                    continue;
                };
                for (row, patch) in under.iter().zip(patch.iter_mut()) {
                    if let Some(values) = row[x0..].first_chunk::<KW>() {
                        *patch = *values;
                    }
                }
            }
            return;
        }
        // The kernel partly off the input. The input's row and column under each of the
        // kernel's, wrapped past the end where they are before it.
        let ys: [usize; KH] = core::array::from_fn(|ky| (top + ky).wrapping_sub(py));
        let left = left.wrapping_sub(px);
        // Where the kernel's columns are on the input but for one at either end (a `same`
        // padding's edges), each row is copied as a block of the input beside it, moved by
        // one and the zero point put in (on the Cortex-M4 the digits CNN's int8 inference
        // took 126,600 instructions with every value of these patches copied alone, 118,720
        // this way).
        if let Some(nearest) = W.checked_sub(KW) {
            if left <= nearest {
                return self.gather_rows::<0, H, W>(x, ys, left, patch);
            } else if left == usize::MAX {
                return self.gather_rows::<-1, H, W>(x, ys, 0, patch);
            } else if left == nearest + 1 {
                return self.gather_rows::<1, H, W>(x, ys, nearest, patch);
            }
        }
        // Elsewhere value by value, as the rows are a few values long (a call to copy each
        // took 32 instructions on the Cortex-M4).
        let xs: [usize; KW] = core::array::from_fn(|kx| left.wrapping_add(kx));
        for (channel, patch) in x.iter().zip(patch.iter_mut()) {
            for (patch, &y) in patch.iter_mut().zip(&ys) {
                let Some(row) = channel.get(y) else {
                    *patch = [self.input_zero_point; KW];
                    continue;
                };
                for (value, &x) in patch.iter_mut().zip(&xs) {
                    *value = row.get(x).copied().unwrap_or(self.input_zero_point);
                }
            }
        }
    }

    /// The patch under a kernel whose rows are `ys` (wrapped past the end where off the
    /// input) and whose columns are those of the `KW` from column `start`, moved by `SHIFT`
    /// (-1, 0 or 1): each row on the input copied as a block, the value moved past the block's
    /// end replaced by the zero point; rows off the input the zero point.
    #[inline]
    fn gather_rows<const SHIFT: i8, const H: usize, const W: usize>(
        &self,
        x: &[[[i8; W]; H]; C],
        ys: [usize; KH],
        start: usize,
        patch: &mut [[[i8; KW]; KH]; C],
    ) {
        let zero_point = self.input_zero_point;
        for (channel, patch) in x.iter().zip(patch.iter_mut()) {
            for (patch, &y) in patch.iter_mut().zip(&ys) {
                let block = channel
                    .get(y)
                    .and_then(|row| row[start..].first_chunk::<KW>());
                let Some(&block) = block else {
                    *patch = [zero_point; KW];
                    continue;
                };
                *patch = core::array::from_fn(|kx| match SHIFT {
                    ..0 => kx.checked_sub(1).map_or(zero_point, |from| block[from]),
                    0 => block[kx],
                    _ => block.get(kx + 1).copied().unwrap_or(zero_point),
                });
            }
        }
    }
}

/// Filter `f`'s four sums, rescaled, moved to `zero_point` and clamped to `[low, high]`, into
/// `out`: four bytes at `out[f * stride..]`, or with `POOLED` the largest of the four at
/// `out[f * stride]`.
fn stored<'a, const POOLED: bool, const F: usize>(
    rescales: &'a Rescales<'a, F>,
    out: &'a mut [i8],
    stride: usize,
    [zero_point, low, high]: [i8; 3],
) -> impl FnMut(usize, [i32; 4]) + 'a {
    move |f, sums| {
        let values = rescales.requantize_four(f, sums, zero_point, low, high);
        if POOLED {
            out[f * stride] = values.into_iter().fold(i8::MIN, i8::max);
        } else {
            out[f * stride..f * stride + 4].copy_from_slice(&values);
        }
    }
}

/// How many groups of four places a convolution sums at once: each filter's row is widened
/// once for them ([`filters_groups`]).
const GROUPS: usize = 4;

/// What a convolution's forward pass works in: the patches of four places (with the DSP
/// extension, of one, gathered before it is widened), and with the DSP extension [`GROUPS`]
/// groups of four places widened, and a filter's row widened.
struct Scratch<const C: usize, const KH: usize, const KW: usize> {
    patches: [[[[i8; KW]; KH]; C]; 4],
    #[cfg(nn_arm_dsp)]
    places: [FourPlaces<C, KH, KW>; GROUPS],
    #[cfg(nn_arm_dsp)]
    row: [[[[u32; 2]; KW]; KH]; C],
}

impl<const C: usize, const KH: usize, const KW: usize> Scratch<C, KH, KW> {
    /// The scratch of a layer whose input's zero point is `zero_point`: the patches' padding.
    fn new(zero_point: i8) -> Self {
        Self {
            patches: [[[[zero_point; KW]; KH]; C]; 4],
            #[cfg(nn_arm_dsp)]
            places: [FourPlaces::ZERO; GROUPS],
            #[cfg(nn_arm_dsp)]
            row: [[[[0; 2]; KW]; KH]; C],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::QuantizedConv2d;
    use crate::init::{Rng, rng};
    use crate::quant::Multiplier;
    use crate::{Pool2d, Sliding};

    /// The convolution's output, max-pooled by `pool`, as `forward_max_pooled` makes it.
    fn check<const OH: usize, const OW: usize, const PH: usize, const PW: usize>(
        conv: &QuantizedConv2d<3, 5, 3, 3>,
        x: &[[[i8; 8]; 7]; 3],
        sliding: Sliding,
        pool: Pool2d,
    ) {
        let mut u = [[[0; OW]; OH]; 5];
        conv.forward(x, sliding, &mut u);
        let mut expected = [[[0; PW]; PH]; 5];
        pool.max_int8(&u, &mut expected);
        let mut pooled = [[[0; PW]; PH]; 5];
        conv.forward_max_pooled::<7, 8, OH, OW, PH, PW>(x, sliding, pool, &mut pooled);
        assert_eq!(pooled, expected, "{sliding:?} {pool:?}");
    }

    #[test]
    fn patches_are_the_input_under_the_kernel_or_the_zero_point() {
        let x: [[[i8; 4]; 5]; 2] = core::array::from_fn(|c| {
            core::array::from_fn(|y| {
                core::array::from_fn(|x| i8::try_from(c * 20 + y * 4 + x).unwrap_or(0))
            })
        });
        let conv = QuantizedConv2d::<2, 1, 3, 3> {
            weights: [[[[0; 3]; 3]; 2]],
            bias: [0],
            multipliers: [Multiplier::default()],
            input_zero_point: -7,
            output_zero_point: 0,
            output_min: -128,
            output_max: 127,
        };
        // Paddings of none, one and two rows and columns; each place of the output and past it.
        for padding in [[0, 0], [1, 1], [2, 1], [1, 2], [2, 2]] {
            let sliding = Sliding {
                stride: [1, 1],
                padding,
            };
            for at in (0..8).flat_map(|y| (0..7).map(move |x| [y, x])) {
                let mut patch = [[[0; 3]; 3]; 2];
                conv.gather(&x, sliding, at, &mut patch);
                let expected: [[[i8; 3]; 3]; 2] = core::array::from_fn(|c| {
                    core::array::from_fn(|ky| {
                        core::array::from_fn(|kx| {
                            let y = (at[0] + ky).checked_sub(padding[0]);
                            let column = (at[1] + kx).checked_sub(padding[1]);
                            y.zip(column)
                                .and_then(|(y, column)| x[c].get(y)?.get(column).copied())
                                .unwrap_or(-7)
                        })
                    })
                });
                assert_eq!(patch, expected, "{padding:?} {at:?}");
            }
        }
    }

    #[test]
    fn max_pooled_outputs_are_the_outputs_pooled() {
        let mut random = rng(2026);
        let mut byte = move || random.next_u32().to_le_bytes()[0].cast_signed();
        let x: [[[i8; 8]; 7]; 3] =
            core::array::from_fn(|_| core::array::from_fn(|_| core::array::from_fn(|_| byte())));
        let weights: [[[[i8; 3]; 3]; 3]; 5] = core::array::from_fn(|f| {
            core::array::from_fn(|c| {
                core::array::from_fn(|ky| core::array::from_fn(|kx| x[c][ky + f % 4][kx + f]))
            })
        });
        // The short form's rescaling, one with a left shift (the general form) and a negative
        // multiplier (which turns the sums' order around), each with and without a clamp.
        let multipliers = [
            (1_500_000_000, -9),
            (1_100_000_000, 2),
            (-1_200_000_000, -8),
        ];
        for (multiplier, shift) in multipliers {
            for output_min in [-128, -20] {
                let conv = QuantizedConv2d::<3, 5, 3, 3> {
                    weights,
                    bias: [-3_000, 0, 17, 2_500, -40_000],
                    multipliers: [Multiplier { multiplier, shift }; 5],
                    input_zero_point: -5,
                    output_zero_point: -20,
                    output_min,
                    output_max: 100,
                };
                let same = Sliding {
                    stride: [1, 1],
                    padding: [1, 1],
                };
                let halving = Sliding {
                    stride: [2, 2],
                    padding: [1, 1],
                };
                let squares = Pool2d::square(2);
                let overlapping = Pool2d {
                    window: [3, 3],
                    stride: [2, 2],
                };
                check::<7, 8, 3, 4>(&conv, &x, same, squares);
                check::<7, 8, 3, 3>(&conv, &x, same, overlapping);
                check::<4, 4, 2, 2>(&conv, &x, halving, squares);
                check::<5, 6, 2, 3>(&conv, &x, Sliding::VALID, squares);
            }
        }
    }
}
