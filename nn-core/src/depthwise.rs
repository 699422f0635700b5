//! The depthwise 2-D convolution layer: one kernel per channel, each channel convolved alone.

use bytemuck::Zeroable;

use crate::Scalar;
use crate::conv::Sliding;
use crate::layer::{Layer, Shape};

/// A depthwise 2-D convolution of `C` channels with `KH x KW` kernels, one per channel:
/// `u[c][y][x] = b[c] + Σ W[ky][kx][c] · x[c][y·sy + ky - py][x·sx + kx - px]`, over the
/// kernel's rows and columns only (`PyTorch`'s `nn.Conv2d(C, C, kernel, groups=C)`, Keras's
/// `DepthwiseConv2D`, which see through zeros where the padding puts the kernel off the input).
/// The output has the input's channels; followed by a 1 x 1 [`Conv2d`](crate::Conv2d), it is the
/// depthwise-separable convolution of `MobileNet`s and DS-CNN, at a fraction of a full
/// convolution's multiply-adds.
///
/// `weights` is shaped `[KH][KW][C]`: a row per kernel place, a column per channel. `PyTorch`
/// stores the transpose, `[C][1][KH][KW]`.
///
/// # Examples
///
/// ```
/// use nn::{DepthwiseConv2d, Sliding};
///
/// // Two channels, a 1 x 2 kernel each: the first sums neighbours, the second subtracts them.
/// let layer = DepthwiseConv2d::<f32, 2, 1, 2>::new([[[1.0, -1.0], [1.0, 1.0]]], [0.0, 0.5]);
/// let x = [[[1.0, 2.0, 4.0]], [[1.0, 2.0, 4.0]]];
/// let mut u = [[[0.0; 2]; 1]; 2];
/// layer.total_input(&x, Sliding::VALID, &mut u);
/// assert_eq!(u, [[[3.0, 6.0]], [[1.5, 2.5]]]);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
pub struct DepthwiseConv2d<T, const C: usize, const KH: usize, const KW: usize> {
    /// `W`: `weights[ky][kx][c]` is channel `c`'s weight at kernel place `(ky, kx)`.
    pub weights: [[[T; C]; KW]; KH],
    /// `b`: one bias per channel.
    pub bias: [T; C],
}

// SAFETY: both fields are arrays of `T`, and the bound makes all-zero bytes a valid `T`, so they
// are a valid `DepthwiseConv2d`: the layer of zeros.
#[allow(unsafe_code)]
unsafe impl<T: Zeroable, const C: usize, const KH: usize, const KW: usize> Zeroable
    for DepthwiseConv2d<T, C, KH, KW>
{
}

/// The parameter count does not depend on the output's size, which the layer's type does not know.
const OUTPUT_UNSEEN: [usize; 2] = [1, 1];

/// `out[o] += w * input[first + (o - outputs.start) * stride]` for `o` in `outputs`: one kernel
/// weight over one row.
fn add_row<T: Scalar>(
    out: &mut [T],
    input: &[T],
    w: T,
    outputs: core::ops::Range<usize>,
    first: usize,
    stride: usize,
) {
    let (out, input) = (&mut out[outputs], &input[first..]);
    if stride == 1 {
        // Contiguous on both sides: vectorised.
        for (out, &x) in out.iter_mut().zip(input) {
            *out += w * x;
        }
    } else {
        for (out, &x) in out.iter_mut().zip(input.iter().step_by(stride)) {
            *out += w * x;
        }
    }
}

impl<T: Scalar, const C: usize, const KH: usize, const KW: usize> DepthwiseConv2d<T, C, KH, KW> {
    /// The number of parameters: `KH * KW * C` weights and `C` biases.
    pub const PARAMETERS: usize = Shape::depthwise_conv2d(C, [KH, KW], OUTPUT_UNSEEN).parameters();

    /// A layer with the given weights and bias; `const`, so a layer can be built in a `static`.
    pub const fn new(weights: [[[T; C]; KW]; KH], bias: [T; C]) -> Self {
        Self { weights, bias }
    }

    /// A layer with every weight and bias set to `value`.
    pub const fn filled(value: T) -> Self {
        Self::new([[[value; C]; KW]; KH], [value; C])
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
        self.weights
            .as_flattened_mut()
            .as_flattened_mut()
            .fill(value);
        self.bias.fill(value);
    }

    /// Multiplies every weight and bias by `factor`.
    pub fn scale(&mut self, factor: T) {
        let weights = self.weights.as_flattened_mut().as_flattened_mut();
        for value in weights.iter_mut().chain(&mut self.bias) {
            *value *= factor;
        }
    }

    /// Adds `factor * other` to every weight and bias.
    pub fn add_scaled(&mut self, other: &Self, factor: T) {
        let others = other.weights.as_flattened().as_flattened();
        let others = others.iter().chain(&other.bias);
        let weights = self.weights.as_flattened_mut().as_flattened_mut();
        for (value, &delta) in weights.iter_mut().chain(&mut self.bias).zip(others) {
            *value += factor * delta;
        }
    }

    /// The total input `u` of the input `x` with the kernels placed as `sliding` says, into `u`
    /// (written, not read). Each sum starts from the bias and adds the terms kernel row by row.
    pub fn total_input<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        x: &[[[T; W]; H]; C],
        sliding: Sliding,
        u: &mut [[[T; OW]; OH]; C],
    ) {
        let ([sy, sx], [py, px]) = (sliding.steps(), sliding.padding);
        for (c, (x, u)) in x.iter().zip(u.iter_mut()).enumerate() {
            for row in u.iter_mut() {
                row.fill(self.bias[c]);
            }
            for (ky, kernel_row) in self.weights.iter().enumerate() {
                for (kx, weights) in kernel_row.iter().enumerate() {
                    let columns = sliding.on_input(1, kx, W, OW);
                    if columns.is_empty() {
                        continue;
                    }
                    // The input column under the first output's kernel place `kx`.
                    let first = columns.start * sx + kx - px;
                    for oy in sliding.on_input(0, ky, H, OH) {
                        let input = &x[oy * sy + ky - py];
                        add_row(&mut u[oy], input, weights[c], columns.clone(), first, sx);
                    }
                }
            }
        }
    }

    /// Backpropagation through the convolution: the gradient with respect to the input `x`, into
    /// `dx` (written, not read), given the gradient `du` with respect to `u`.
    pub fn input_gradient<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &self,
        du: &[[[T; OW]; OH]; C],
        sliding: Sliding,
        dx: &mut [[[T; W]; H]; C],
    ) {
        let ([sy, sx], [py, px]) = (sliding.steps(), sliding.padding);
        for (c, (du, dx)) in du.iter().zip(dx.iter_mut()).enumerate() {
            for row in dx.iter_mut() {
                row.fill(T::ZERO);
            }
            for (ky, kernel_row) in self.weights.iter().enumerate() {
                for (kx, weights) in kernel_row.iter().enumerate() {
                    let w = weights[c];
                    let columns = sliding.on_input(1, kx, W, OW);
                    for oy in sliding.on_input(0, ky, H, OH) {
                        let (du, dx) = (&du[oy], &mut dx[oy * sy + ky - py]);
                        for ox in columns.clone() {
                            dx[ox * sx + kx - px] += w * du[ox];
                        }
                    }
                }
            }
        }
    }

    /// Adds the gradient of `u` with respect to the weights and biases into `self`, a layer used
    /// as a gradient, given the input `x` and the gradient `du` with respect to `u`.
    pub fn add_gradient<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &mut self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        sliding: Sliding,
    ) {
        self.add_scaled_gradient(x, du, sliding, T::ONE);
    }

    /// [`add_gradient`](Self::add_gradient) times `factor`: a gradient-descent step for
    /// `factor = -learning_rate`. Each weight's and bias's gradient is summed, then scaled once.
    pub fn add_scaled_gradient<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        &mut self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        sliding: Sliding,
        factor: T,
    ) {
        let ([sy, sx], [py, px]) = (sliding.steps(), sliding.padding);
        for (c, (x, du)) in x.iter().zip(du).enumerate() {
            let mut bias = T::ZERO;
            for &value in du.as_flattened() {
                bias += value;
            }
            self.bias[c] += factor * bias;
            for (ky, kernel_row) in self.weights.iter_mut().enumerate() {
                for (kx, weights) in kernel_row.iter_mut().enumerate() {
                    let columns = sliding.on_input(1, kx, W, OW);
                    let mut sum = T::ZERO;
                    for oy in sliding.on_input(0, ky, H, OH) {
                        let (du, x) = (&du[oy], &x[oy * sy + ky - py]);
                        for ox in columns.clone() {
                            sum += du[ox] * x[ox * sx + kx - px];
                        }
                    }
                    weights[c] += factor * sum;
                }
            }
        }
    }
}

impl<
    T: Scalar,
    const C: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
> Layer<T, [[[T; W]; H]; C], [[[T; OW]; OH]; C]> for DepthwiseConv2d<T, C, KH, KW>
{
    type Geometry = Sliding;

    fn total_input(&self, x: &[[[T; W]; H]; C], sliding: Sliding, u: &mut [[[T; OW]; OH]; C]) {
        DepthwiseConv2d::total_input(self, x, sliding, u);
    }

    fn input_gradient(
        &self,
        _: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        sliding: Sliding,
        dx: &mut [[[T; W]; H]; C],
    ) {
        DepthwiseConv2d::input_gradient(self, du, sliding, dx);
    }

    fn add_scaled_gradient(
        &mut self,
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; C],
        sliding: Sliding,
        factor: T,
    ) {
        DepthwiseConv2d::add_scaled_gradient(self, x, du, sliding, factor);
    }
}

#[cfg(test)]
// The definition's indices, as it is written.
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::{DepthwiseConv2d, Sliding};

    /// `u` term by term from the definition, zeros off the input.
    fn by_definition<const H: usize, const W: usize, const OH: usize, const OW: usize>(
        layer: &DepthwiseConv2d<f64, 2, 3, 2>,
        x: &[[[f64; W]; H]; 2],
        sliding: Sliding,
    ) -> [[[f64; OW]; OH]; 2] {
        let mut u = [[[0.0; OW]; OH]; 2];
        let [sy, sx] = sliding.steps();
        for c in 0..2 {
            for oy in 0..OH {
                for ox in 0..OW {
                    let mut sum = layer.bias[c];
                    for ky in 0..3 {
                        for kx in 0..2 {
                            let (iy, ix) = (oy * sy + ky, ox * sx + kx);
                            let (iy, ix) = (
                                iy.wrapping_sub(sliding.padding[0]),
                                ix.wrapping_sub(sliding.padding[1]),
                            );
                            if iy < H && ix < W {
                                sum += layer.weights[ky][kx][c] * x[c][iy][ix];
                            }
                        }
                    }
                    u[c][oy][ox] = sum;
                }
            }
        }
        u
    }

    #[test]
    fn every_product_by_its_definition() {
        let mut layer = DepthwiseConv2d::<f64, 2, 3, 2>::zeros();
        for (i, w) in layer
            .weights
            .as_flattened_mut()
            .as_flattened_mut()
            .iter_mut()
            .enumerate()
        {
            *w = f64::from(u8::try_from(i).unwrap()) * 0.5 - 2.0;
        }
        layer.bias = [0.25, -1.0];
        let mut x = [[[0.0; 5]; 4]; 2];
        for (i, v) in x
            .as_flattened_mut()
            .as_flattened_mut()
            .iter_mut()
            .enumerate()
        {
            *v = f64::from(u8::try_from(i * 7 % 11).unwrap()) - 5.0;
        }
        // Valid, `same` with strides 2 and the odd zero after, and outputs past the input.
        let cases = [
            Sliding::VALID,
            Sliding {
                stride: [2, 2],
                padding: [1, 0],
            },
            Sliding {
                stride: [1, 3],
                padding: [2, 1],
            },
        ];
        for sliding in cases {
            check::<2, 3>(&layer, &x, sliding);
            check::<3, 2>(&layer, &x, sliding);
        }
    }

    /// Each product against the definition: `u`, and the gradients as the sums of `u`'s
    /// derivatives, one output at a time.
    fn check<const OH: usize, const OW: usize>(
        layer: &DepthwiseConv2d<f64, 2, 3, 2>,
        x: &[[[f64; 5]; 4]; 2],
        sliding: Sliding,
    ) {
        let mut u = [[[0.0; OW]; OH]; 2];
        layer.total_input(x, sliding, &mut u);
        assert_eq!(u, by_definition(layer, x, sliding), "{sliding:?}");
        // du = 1 at one output: dx is the kernel where it lands, dW the inputs it saw.
        for c in 0..2 {
            for oy in 0..OH {
                for ox in 0..OW {
                    let mut du = [[[0.0; OW]; OH]; 2];
                    du[c][oy][ox] = 1.0;
                    let mut dx = [[[f64::NAN; 5]; 4]; 2];
                    layer.input_gradient(&du, sliding, &mut dx);
                    let mut grad = DepthwiseConv2d::<f64, 2, 3, 2>::zeros();
                    grad.add_gradient(x, &du, sliding);
                    let mut expected_dx = [[[0.0; 5]; 4]; 2];
                    let mut expected = DepthwiseConv2d::<f64, 2, 3, 2>::zeros();
                    expected.bias[c] = 1.0;
                    let [sy, sx] = sliding.steps();
                    for ky in 0..3 {
                        for kx in 0..2 {
                            let iy = (oy * sy + ky).wrapping_sub(sliding.padding[0]);
                            let ix = (ox * sx + kx).wrapping_sub(sliding.padding[1]);
                            if iy < 4 && ix < 5 {
                                expected_dx[c][iy][ix] += layer.weights[ky][kx][c];
                                expected.weights[ky][kx][c] = x[c][iy][ix];
                            }
                        }
                    }
                    assert_eq!(dx, expected_dx, "{sliding:?} at {c} {oy} {ox}");
                    assert_eq!(grad, expected, "{sliding:?} at {c} {oy} {ox}");
                }
            }
        }
    }
}
