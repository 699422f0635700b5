//! The 1-D convolution layer, channel first as in `PyTorch`: the 2-D convolution's products over
//! inputs of one row.

use bytemuck::Zeroable;

use crate::conv::Sliding;
use crate::layer::{Layer, Shape};
use crate::reshape::{reshape, reshape_mut};
use crate::{Scalar, kernel};

#[cfg(doc)]
use crate::Conv2d;

/// A 1-D convolution from `C` channels to `F` filters with kernels `K` long:
/// `u[f][x] = b[f] + Σ W[c][k][f] · x[c][x·s + k - p]` over the channels and the kernel's places
/// (`PyTorch`'s `nn.Conv1d`, which it sees through zeros where the padding puts it off the input).
///
/// `weights` is shaped `[C][K][F]`, a row per channel and kernel place as in [`Conv2d`];
/// `PyTorch` stores the transpose, `[F][C][K]`. The products are [`Conv2d`]'s over inputs of one
/// row: the values are the same.
///
/// # Examples
///
/// ```
/// use nn::Conv1d;
///
/// // A moving sum of three values, stride 1, one zero before and after.
/// let layer = Conv1d::<f32, 1, 1, 3>::new([[[1.0], [1.0], [1.0]]], [0.0]);
/// let mut u = [[0.0; 4]; 1];
/// layer.total_input(&[[1.0, 2.0, 3.0, 4.0]], 1, 1, &mut u);
/// assert_eq!(u, [[3.0, 6.0, 9.0, 7.0]]);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
pub struct Conv1d<T, const C: usize, const F: usize, const K: usize> {
    /// `W`: `weights[c][k]` holds the weights from channel `c` at kernel place `k` to every filter.
    pub weights: [[[T; F]; K]; C],
    /// `b`: one bias per filter.
    pub bias: [T; F],
}

// SAFETY: both fields are arrays of `T`, and the bound makes all-zero bytes a valid `T`, so they
// are a valid `Conv1d`: the layer of zeros.
#[allow(unsafe_code)]
unsafe impl<T: Zeroable, const C: usize, const F: usize, const K: usize> Zeroable
    for Conv1d<T, C, F, K>
{
}

/// How a kernel `stride` long with `padding` zeros before the input slides: as a 2-D kernel over
/// one row.
const fn sliding(stride: usize, padding: usize) -> Sliding {
    Sliding {
        stride: [1, stride],
        padding: [0, padding],
    }
}

impl<T: Scalar, const C: usize, const F: usize, const K: usize> Conv1d<T, C, F, K> {
    /// The number of parameters: `C * K * F` weights and `F` biases.
    pub const PARAMETERS: usize = Shape::conv1d(C, F, K, 1).parameters();

    /// A layer with the given weights and bias; `const`, so a layer can be built in a `static`.
    pub const fn new(weights: [[[T; F]; K]; C], bias: [T; F]) -> Self {
        Self { weights, bias }
    }

    /// A layer with every weight and bias set to `value`.
    pub const fn filled(value: T) -> Self {
        Self::new([[[value; F]; K]; C], [value; F])
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
        let others = other
            .weights
            .as_flattened()
            .as_flattened()
            .iter()
            .chain(&other.bias);
        let weights = self.weights.as_flattened_mut().as_flattened_mut();
        for (value, &delta) in weights.iter_mut().chain(&mut self.bias).zip(others) {
            *value += factor * delta;
        }
    }

    /// The total input `u` of the input `x`, the kernel stepping `stride` with `padding` zeros
    /// before the input, into `u` (written, not read); see [`Conv2d::total_input`].
    pub fn total_input<const L: usize, const OL: usize>(
        &self,
        x: &[[T; L]; C],
        stride: usize,
        padding: usize,
        u: &mut [[T; OL]; F],
    ) {
        kernel::conv::total_input::<T, C, F, 1, K, 1, L, 1, OL>(
            reshape(&self.weights),
            &self.bias,
            reshape(x),
            sliding(stride, padding),
            reshape_mut(u),
        );
    }

    /// The gradient with respect to the input, into `dx` (written, not read), given the gradient
    /// `du` with respect to `u`; see [`Conv2d::input_gradient`].
    pub fn input_gradient<const L: usize, const OL: usize>(
        &self,
        du: &[[T; OL]; F],
        stride: usize,
        padding: usize,
        dx: &mut [[T; L]; C],
    ) {
        kernel::conv::input_gradient::<T, C, F, 1, K, 1, L, 1, OL>(
            reshape(&self.weights),
            reshape(du),
            sliding(stride, padding),
            reshape_mut(dx),
        );
    }

    /// Adds the gradient with respect to the weights and biases into `self`, a layer used as a
    /// gradient; see [`Conv2d::add_gradient`].
    pub fn add_gradient<const L: usize, const OL: usize>(
        &mut self,
        x: &[[T; L]; C],
        du: &[[T; OL]; F],
        stride: usize,
        padding: usize,
    ) {
        self.add_scaled_gradient(x, du, stride, padding, T::ONE);
    }

    /// [`add_gradient`](Self::add_gradient) times `factor`; see
    /// [`Conv2d::add_scaled_gradient`].
    pub fn add_scaled_gradient<const L: usize, const OL: usize>(
        &mut self,
        x: &[[T; L]; C],
        du: &[[T; OL]; F],
        stride: usize,
        padding: usize,
        factor: T,
    ) {
        kernel::conv::add_scaled_gradient::<T, C, F, 1, K, 1, L, 1, OL>(
            reshape_mut(&mut self.weights),
            &mut self.bias,
            reshape(x),
            reshape(du),
            sliding(stride, padding),
            factor,
        );
    }
}

/// The products as [`Conv2d`]'s over inputs of one row: the geometry's `stride[1]` and
/// `padding[1]` are the kernel's steps and the zeros before the row ([`Sliding::VALID`]'s rows, a
/// stride of 1 and no padding, for the rows).
impl<T: Scalar, const C: usize, const F: usize, const K: usize, const L: usize, const OL: usize>
    Layer<T, [[T; L]; C], [[T; OL]; F]> for Conv1d<T, C, F, K>
{
    type Geometry = Sliding;

    fn total_input(&self, x: &[[T; L]; C], sliding: Sliding, u: &mut [[T; OL]; F]) {
        Conv1d::total_input(self, x, sliding.stride[1], sliding.padding[1], u);
    }

    fn input_gradient(
        &self,
        _: &[[T; L]; C],
        du: &[[T; OL]; F],
        sliding: Sliding,
        dx: &mut [[T; L]; C],
    ) {
        Conv1d::input_gradient(self, du, sliding.stride[1], sliding.padding[1], dx);
    }

    fn add_scaled_gradient(
        &mut self,
        x: &[[T; L]; C],
        du: &[[T; OL]; F],
        sliding: Sliding,
        factor: T,
    ) {
        let (stride, padding) = (sliding.stride[1], sliding.padding[1]);
        Conv1d::add_scaled_gradient(self, x, du, stride, padding, factor);
    }
}

#[cfg(test)]
mod tests {
    use super::Conv1d;
    use crate::{Conv2d, Sliding};

    #[test]
    fn products_are_a_2d_convolutions_over_one_row() {
        let value = |k: usize| ((k * 7_919 + 13) % 1_000) as f64 / 37.0 - 13.5;
        let mut layer = Conv1d::<f64, 2, 3, 3>::zeros();
        for (k, w) in layer
            .weights
            .as_flattened_mut()
            .as_flattened_mut()
            .iter_mut()
            .enumerate()
        {
            *w = value(k);
        }
        layer.bias = [0.5, -1.0, 2.0];
        let flat = Conv2d::<f64, 2, 3, 1, 3>::new(layer.weights.map(|rows| [rows]), layer.bias);
        let sliding = Sliding {
            stride: [1, 2],
            padding: [0, 1],
        };
        let x: [[f64; 9]; 2] =
            core::array::from_fn(|c| core::array::from_fn(|i| value(100 + 9 * c + i)));
        let (mut u, mut u2) = ([[0.0; 5]; 3], [[[0.0; 5]; 1]; 3]);
        layer.total_input(&x, 2, 1, &mut u);
        flat.total_input(&x.map(|row| [row]), sliding, &mut u2);
        assert_eq!(u, u2.map(|[row]| row));
        let du: [[f64; 5]; 3] =
            core::array::from_fn(|f| core::array::from_fn(|i| value(300 + 5 * f + i)));
        let (mut dx, mut dx2) = ([[0.0; 9]; 2], [[[0.0; 9]; 1]; 2]);
        layer.input_gradient(&du, 2, 1, &mut dx);
        flat.input_gradient(&du.map(|row| [row]), sliding, &mut dx2);
        assert_eq!(dx, dx2.map(|[row]| row));
        let (mut grad, mut grad2) = (layer.clone(), flat.clone());
        grad.add_gradient(&x, &du, 2, 1);
        grad2.add_gradient(&x.map(|row| [row]), &du.map(|row| [row]), sliding);
        assert_eq!(
            (grad.weights, grad.bias),
            (grad2.weights.map(|[rows]| rows), grad2.bias)
        );
    }
}
