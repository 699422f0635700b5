//! The 2-D convolution layer, channel first as in `PyTorch`.

use core::ops::Range;

use bytemuck::Zeroable;

use crate::layer::{Layer, Shape};
use crate::{Scalar, kernel};

/// How a kernel slides over its input: `stride` rows and columns at a time, its first place
/// `padding` rows above and columns left of the input's first value. The zeros it meets there are
/// not stored; those below and right of the input follow from the output's size. A stride of 0 is
/// taken as 1.
///
/// # Examples
///
/// ```
/// use nn::Sliding;
///
/// // TensorFlow's `same` padding of a 3 x 3 kernel, stride 1: one row and column of zeros
/// // around the input.
/// let same = Sliding { stride: [1, 1], padding: [1, 1] };
/// assert_eq!(same.output_len(8, 3, 1), 8);
/// assert_eq!(Sliding::VALID.output_len(8, 3, 1), 6);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sliding {
    /// The step between two places of the kernel: rows, columns.
    pub stride: [usize; 2],
    /// The zeros before the input's first row and first column.
    pub padding: [usize; 2],
}

impl Sliding {
    /// Stride 1, no padding: every place where the kernel lies wholly on the input.
    pub const VALID: Self = Self {
        stride: [1, 1],
        padding: [0, 0],
    };

    /// The number of places along `axis` (0 for rows, 1 for columns) of a kernel `kernel` long on
    /// `input` values, with as many zeros after them as before (`PyTorch`'s padding):
    /// `(input + 2 · padding - kernel) / stride + 1`, 0 where the kernel does not fit.
    pub const fn output_len(self, input: usize, kernel: usize, axis: usize) -> usize {
        self.output_len_padded(input, kernel, axis, self.padding[axis])
    }

    /// [`Sliding::output_len`] with `padding_after` zeros after the input, not as many as before
    /// (TensorFlow's `same` padding puts the odd one after).
    pub const fn output_len_padded(
        self,
        input: usize,
        kernel: usize,
        axis: usize,
        padding_after: usize,
    ) -> usize {
        let padded = input + self.padding[axis] + padding_after;
        let stride = step(self.stride[axis]);
        if padded < kernel {
            0
        } else {
            (padded - kernel) / stride + 1
        }
    }

    /// The strides, rows then columns, with 0 taken as 1.
    pub(crate) fn steps(self) -> [usize; 2] {
        self.stride.map(step)
    }

    /// The outputs, `0..outputs`, whose kernel's offset `k` lands on the input along `axis`,
    /// `input` long: those for which `output * stride + k - padding` is in `0..input`.
    pub(crate) fn on_input(
        self,
        axis: usize,
        k: usize,
        input: usize,
        outputs: usize,
    ) -> Range<usize> {
        let (stride, padding) = (self.steps()[axis], self.padding[axis]);
        // The first output at or past the padding, and the first past the input's end.
        let first = padding.saturating_sub(k).div_ceil(stride);
        let end = (input + padding).saturating_sub(k).div_ceil(stride);
        first.min(outputs)..end.min(outputs)
    }

    /// The offsets, `0..kernel`, at which output `output`'s kernel lands on the input along
    /// `axis`, `input` long: those for which `output * stride + k - padding` is in `0..input`.
    pub(crate) fn kernel_on_input(
        self,
        axis: usize,
        output: usize,
        input: usize,
        kernel: usize,
    ) -> Range<usize> {
        let (start, padding) = (output * self.steps()[axis], self.padding[axis]);
        let end = (input + padding).saturating_sub(start).min(kernel);
        padding.saturating_sub(start).min(end)..end
    }
}

/// A stride, with 0 taken as 1.
const fn step(stride: usize) -> usize {
    if stride == 0 { 1 } else { stride }
}

/// A 2-D convolution from `C` channels to `F` filters with `KH x KW` kernels:
/// `u[f][y][x] = b[f] + Σ W[c][ky][kx][f] · x[c][y·sy + ky - py][x·sx + kx - px]`, over the input's
/// channels and the kernel's rows and columns (`PyTorch`'s `nn.Conv2d`, which it sees through
/// zeros where the padding puts it off the input).
///
/// `weights` is shaped `[C][KH][KW][F]`: each of its rows, one per channel and kernel place, holds
/// the weights from that input to every filter, as a [`Dense`](crate::Dense) layer's row holds those
/// from one input to every output. `PyTorch` stores the transpose, `[F][C][KH][KW]`.
///
/// Where the kernel goes over the input is given to each product ([`Sliding`]), and the input's
/// and output's heights and widths are their arrays': the layer's own type holds its parameters
/// only.
///
/// # Examples
///
/// ```
/// use nn::{Conv2d, Sliding};
///
/// // One channel, one filter, a 2 x 2 kernel of ones: each output sums a 2 x 2 square.
/// let layer = Conv2d::<f32, 1, 1, 2, 2>::new([[[[1.0], [1.0]], [[1.0], [1.0]]]], [0.5]);
/// let x = [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]];
/// let mut u = [[[0.0; 2]; 1]; 1];
/// layer.total_input(&x, Sliding::VALID, &mut u);
/// assert_eq!(u, [[[12.5, 16.5]]]);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
pub struct Conv2d<T, const C: usize, const F: usize, const KH: usize, const KW: usize> {
    /// `W`: `weights[c][ky][kx]` holds the weights from channel `c` at kernel place `(ky, kx)` to
    /// every filter.
    pub weights: [[[[T; F]; KW]; KH]; C],
    /// `b`: one bias per filter.
    pub bias: [T; F],
}

// SAFETY: both fields are arrays of `T`, and the bound makes all-zero bytes a valid `T`, so they
// are a valid `Conv2d`: the layer of zeros.
#[allow(unsafe_code)]
unsafe impl<T: Zeroable, const C: usize, const F: usize, const KH: usize, const KW: usize> Zeroable
    for Conv2d<T, C, F, KH, KW>
{
}

/// The parameter count does not depend on the output's size, which the layer's type does not know.
const OUTPUT_UNSEEN: [usize; 2] = [1, 1];

impl<T: Scalar, const C: usize, const F: usize, const KH: usize, const KW: usize>
    Conv2d<T, C, F, KH, KW>
{
    /// The number of parameters: `C * KH * KW * F` weights and `F` biases.
    pub const PARAMETERS: usize = Shape::conv2d(C, F, [KH, KW], OUTPUT_UNSEEN).parameters();

    /// A layer with the given weights and bias; `const`, so a layer can be built in a `static`.
    pub const fn new(weights: [[[[T; F]; KW]; KH]; C], bias: [T; F]) -> Self {
        Self { weights, bias }
    }

    /// A layer with every weight and bias set to `value`.
    pub const fn filled(value: T) -> Self {
        Self::new([[[[value; F]; KW]; KH]; C], [value; F])
    }

    /// A layer of zeros.
    pub const fn zeros() -> Self {
        Self::filled(T::ZERO)
    }

    /// A layer of ones.
    pub const fn ones() -> Self {
        Self::filled(T::ONE)
    }

    /// Sets every weight and bias to `value`.
    pub fn fill(&mut self, value: T) {
        self.weight_rows_mut().as_flattened_mut().fill(value);
        self.bias.fill(value);
    }

    /// Multiplies every weight and bias by `factor`.
    pub fn scale(&mut self, factor: T) {
        let weights = self.weights.as_flattened_mut().as_flattened_mut();
        for value in weights.as_flattened_mut().iter_mut().chain(&mut self.bias) {
            *value *= factor;
        }
    }

    /// Adds `factor * other` to every weight and bias.
    pub fn add_scaled(&mut self, other: &Self, factor: T) {
        let others = other.weight_rows().as_flattened().iter().chain(&other.bias);
        let weights = self.weights.as_flattened_mut().as_flattened_mut();
        let values = weights.as_flattened_mut().iter_mut().chain(&mut self.bias);
        for (value, &delta) in values.zip(others) {
            *value += factor * delta;
        }
    }

    /// The weights as a matrix, one row per channel and kernel place (the fan-in), one column per
    /// filter.
    pub fn weight_rows(&self) -> &[[T; F]] {
        self.weights.as_flattened().as_flattened()
    }

    /// [`Conv2d::weight_rows`], to change them.
    pub fn weight_rows_mut(&mut self) -> &mut [[T; F]] {
        self.weights.as_flattened_mut().as_flattened_mut()
    }

    /// The total input `u` of the input `x` with the kernel placed as `sliding` says, into `u`
    /// (written, not read). Each sum starts from the bias and adds the terms in the order of the
    /// weights' rows.
    pub fn total_input<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        x: &[[[T; W]; H]; C],
        sliding: Sliding,
        u: &mut [[[T; OW]; OH]; F],
    ) {
        kernel::conv::total_input(&self.weights, &self.bias, x, sliding, u);
    }

    /// Backpropagation through the convolution: the gradient with respect to the input `x`, into
    /// `dx` (written, not read), given the gradient `du` with respect to `u`.
    pub fn input_gradient<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
        dx: &mut [[[T; W]; H]; C],
    ) {
        kernel::conv::input_gradient(&self.weights, du, sliding, dx);
    }

    /// Adds the gradient of `u` with respect to the weights and biases into `self`, a layer used
    /// as a gradient, given the input `x` and the gradient `du` with respect to `u`.
    pub fn add_gradient<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &mut self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
    ) {
        self.add_scaled_gradient(x, du, sliding, T::ONE);
    }

    /// [`add_gradient`](Self::add_gradient) times `factor`: a gradient-descent step for
    /// `factor = -learning_rate`. Each weight's and bias's gradient is summed, then scaled once.
    pub fn add_scaled_gradient<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &mut self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
        factor: T,
    ) {
        kernel::conv::add_scaled_gradient(
            &mut self.weights,
            &mut self.bias,
            x,
            du,
            sliding,
            factor,
        );
    }
}

impl<
    T: Scalar,
    const C: usize,
    const F: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
> Layer<T, [[[T; W]; H]; C], [[[T; OW]; OH]; F]> for Conv2d<T, C, F, KH, KW>
{
    type Geometry = Sliding;

    fn total_input(&self, x: &[[[T; W]; H]; C], sliding: Sliding, u: &mut [[[T; OW]; OH]; F]) {
        Conv2d::total_input(self, x, sliding, u);
    }

    fn input_gradient(
        &self,
        _: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
        dx: &mut [[[T; W]; H]; C],
    ) {
        Conv2d::input_gradient(self, du, sliding, dx);
    }

    fn add_scaled_gradient(
        &mut self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
        factor: T,
    ) {
        Conv2d::add_scaled_gradient(self, x, du, sliding, factor);
    }
}

#[cfg(test)]
mod tests {
    use super::{Conv2d, Sliding};

    #[test]
    fn places_on_the_input() {
        // 5 inputs, a kernel of 3, stride 2, one zero before: places at -1, 1, 3.
        let sliding = Sliding {
            stride: [2, 2],
            padding: [1, 1],
        };
        assert_eq!(sliding.output_len(5, 3, 0), 3);
        // Offset 0 lands on the input from the second place (inputs 1 and 3), offset 1 at every
        // place (0, 2, 4), offset 2 at the first two (1, 3; the third is past the end).
        assert_eq!(sliding.on_input(0, 0, 5, 3), 1..3);
        assert_eq!(sliding.on_input(0, 1, 5, 3), 0..3);
        assert_eq!(sliding.on_input(0, 2, 5, 3), 0..2);
        // An output longer than the places: the rest reads zeros only.
        assert_eq!(sliding.on_input(0, 1, 5, 5), 0..3);
        // The same from the outputs: the first place sees offsets 1 and 2, the second all, the
        // third 0 and 1, a fourth none.
        assert_eq!(sliding.kernel_on_input(0, 0, 5, 3), 1..3);
        assert_eq!(sliding.kernel_on_input(0, 1, 5, 3), 0..3);
        assert_eq!(sliding.kernel_on_input(0, 2, 5, 3), 0..2);
        assert!(sliding.kernel_on_input(0, 3, 5, 3).is_empty());
        assert_eq!(Sliding::VALID.output_len(2, 3, 1), 0);
    }

    #[test]
    fn a_kernel_over_zeros_and_values() {
        // One channel 2 x 2, one filter 2 x 2 of [[1, 2], [3, 4]], one zero all around.
        let layer = Conv2d::<f64, 1, 1, 2, 2>::new([[[[1.0], [2.0]], [[3.0], [4.0]]]], [0.0]);
        let x = [[[1.0, 2.0], [3.0, 4.0]]];
        let sliding = Sliding {
            stride: [1, 1],
            padding: [1, 1],
        };
        let mut u = [[[f64::NAN; 3]; 3]; 1];
        layer.total_input(&x, sliding, &mut u);
        // The top-left place sees only x[0][0], under the kernel's bottom-right weight.
        assert_eq!(u[0][0], [4.0, 3.0 * 1.0 + 4.0 * 2.0, 3.0 * 2.0]);
        assert_eq!(u[0][1][1], 1.0 + 4.0 + 9.0 + 16.0);
        assert_eq!(u[0][2], [2.0 * 3.0, 1.0 * 3.0 + 2.0 * 4.0, 1.0 * 4.0]);
    }
}
