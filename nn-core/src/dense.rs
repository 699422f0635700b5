//! The fully connected layer.

use core::fmt;

use bytemuck::Zeroable;

use crate::layer::{Layer, Shape};
use crate::team::{Alone, Team};
use crate::{Activation, Matrix, Scalar, Vector, kernel};

/// How [`Dense::add_gradient_batch_shared`] meets the gradient already there. A batch's first
/// block can start from zero, so that the gradient needs no clearing first, and its last block
/// can multiply the sums by `1 / batch`, so that the mean needs no pass of its own: the same
/// values, bit for bit, as clearing, adding and scaling one after the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accumulate<T> {
    /// Start from zero rather than from the gradient's values.
    pub from_zero: bool,
    /// Multiply the gradient by this at the end.
    pub scale: Option<T>,
}

impl<T> Accumulate<T> {
    /// Add to the gradient, and nothing else.
    pub const ADD: Self = Self {
        from_zero: false,
        scale: None,
    };

    /// `self` for samples cut in two, as what the first part does and what the second does: the
    /// first starts from zero if `self` does, the second adds to it; the scaling comes at the end
    /// of the first part if it is `last` (nothing comes after it), else at the end of the second.
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::Accumulate;
    ///
    /// let mean = Accumulate { from_zero: true, scale: Some(0.25) };
    /// let (first, second) = mean.split(false);
    /// assert_eq!(first, Accumulate { from_zero: true, scale: None });
    /// assert_eq!(second, Accumulate { from_zero: false, scale: Some(0.25) });
    /// assert_eq!(mean.split(true), (mean, Accumulate::ADD));
    /// ```
    #[must_use]
    pub fn split(self, last: bool) -> (Self, Self) {
        let (first, second) = if last {
            (self.scale, None)
        } else {
            (None, self.scale)
        };
        let first = Self {
            from_zero: self.from_zero,
            scale: first,
        };
        let second = Self {
            from_zero: false,
            scale: second,
        };
        (first, second)
    }
}

/// A fully connected layer from `I` inputs to `O` outputs: `u = x·W + b`.
///
/// `weights` is shaped `[inputs][outputs]`, as in numpy's `np.dot(x, W) + b`; `PyTorch`'s
/// `nn.Linear` stores the transpose.
///
/// On `x86_64` and `aarch64` a layer starts on a 64-byte boundary, a cache line, and its size is
/// rounded up to a multiple of 64 bytes.
///
/// # Examples
///
/// ```
/// use nn::{Dense, activation::Relu};
///
/// // The first layer of a three-layer network.
/// let layer = Dense::new([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3]);
/// let u = layer.total_input(&[1.0_f64, 2.0]);
/// assert!((u[2] - 2.0).abs() < 1e-15);
/// assert_eq!(layer.forward::<Relu>(&[-10.0, 0.0]), [0.0; 3]);
/// ```
#[derive(Clone, Debug, PartialEq)]
// On a cache line, so that the kernels' vector loads of a row do not straddle two: on W3 the
// forward product took 31.0 µs with the weights 16 bytes past a line, 29.1 µs on one, and a
// training step 86 µs against 80.5 (AVX-512). Microcontrollers keep the natural alignment: no
// cache to align to, and less stack.
#[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
pub struct Dense<T, const I: usize, const O: usize> {
    /// `W`: row `i` holds the weights from input `i` to every output.
    pub weights: [[T; O]; I],
    /// `b`: one bias per output.
    pub bias: [T; O],
}

// SAFETY: both fields are arrays of `T`, and the bound makes all-zero bytes a valid `T`, so they
// are a valid `Dense`: the layer of zeros.
#[allow(unsafe_code)]
unsafe impl<T: Zeroable, const I: usize, const O: usize> Zeroable for Dense<T, I, O> {}

impl<T: Scalar, const I: usize, const O: usize> Dense<T, I, O> {
    /// The number of inputs.
    pub const INPUTS: usize = I;
    /// The number of outputs.
    pub const OUTPUTS: usize = O;
    /// The number of parameters: `I * O` weights and `O` biases.
    pub const PARAMETERS: usize = Shape::dense(I, O).parameters();

    /// A layer with the given weights and bias; `const`, so a layer can be built in a `static`.
    pub const fn new(weights: [[T; O]; I], bias: [T; O]) -> Self {
        Self { weights, bias }
    }

    /// A layer with every weight and bias set to `value`.
    pub const fn filled(value: T) -> Self {
        Self::new([[value; O]; I], [value; O])
    }

    /// A layer of zeros (numpy's `np.zeros`).
    pub const fn zeros() -> Self {
        Self::filled(T::ZERO)
    }

    /// A layer of ones (numpy's `np.ones`).
    pub const fn ones() -> Self {
        Self::filled(T::ONE)
    }

    /// The total input `u = x·W + b`.
    pub fn total_input(&self, x: &[T; I]) -> [T; O] {
        kernel::affine(&self.weights, &self.bias, x)
    }

    /// The output `z = A(x·W + b)` under the activation `A`.
    pub fn forward<A: Activation>(&self, x: &[T; I]) -> [T; O] {
        A::activate(&self.total_input(x))
    }

    /// The total inputs of a block of `B` samples at once, into `u`: as [`Dense::total_input`]
    /// for each, but each row of `W` is read once for the block. `u` is written, not read, so a
    /// block can live in a buffer kept between calls rather than on the stack.
    pub fn total_input_batch<const B: usize>(&self, x: &[&[T; I]; B], u: &mut [[T; O]; B]) {
        kernel::affine_batch(&self.weights, &self.bias, x, u, None);
    }

    /// [`Dense::total_input_batch`] with the rows of `W` shared in two among `team`'s threads
    /// (for a layer of 4,096 weights or more; a smaller one is computed by the caller): the second
    /// thread's sums go to `partial` (scratch, overwritten), and are then added to the first's.
    /// With [`Alone`] the values are `total_input_batch`'s; with two threads each sum is split in
    /// two, which rounds differently.
    pub fn total_input_batch_shared<const B: usize>(
        &self,
        x: &[&[T; I]; B],
        u: &mut [[T; O]; B],
        partial: &mut [[T; O]; B],
        team: &dyn Team,
    ) {
        kernel::affine_batch(&self.weights, &self.bias, x, u, Some((partial, team)));
    }

    /// [`Dense::add_gradient`] for a block of `B` samples at once, with the same result: each row
    /// of the gradient is read and written once for the block.
    pub fn add_gradient_batch<const B: usize>(&mut self, x: &[&[T; I]; B], du: &[[T; O]; B]) {
        self.add_gradient_batch_shared(x, du, Accumulate::ADD, &Alone);
    }

    /// [`Dense::add_gradient_batch`], from zero or scaled at the end as `sum` says, with the
    /// outputs shared among `team`'s threads (for a layer of 4,096 weights or more): the same
    /// values as clearing, adding and scaling one after the other.
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::{Accumulate, Dense, team::Alone};
    ///
    /// let mut grad = Dense::<f32, 2, 1>::filled(9.0);
    /// let (x, du) = ([1.0, 2.0], [[4.0]]);
    /// let mean = Accumulate { from_zero: true, scale: Some(0.5) };
    /// grad.add_gradient_batch_shared(&[&x], &du, mean, &Alone);
    /// assert_eq!((grad.weights, grad.bias), ([[2.0], [4.0]], [2.0]));
    /// ```
    pub fn add_gradient_batch_shared<const B: usize>(
        &mut self,
        x: &[&[T; I]; B],
        du: &[[T; O]; B],
        sum: Accumulate<T>,
        team: &dyn Team,
    ) {
        kernel::add_outer_batch(&mut self.weights, x, du, sum, team);
        if sum.from_zero {
            self.bias.fill(T::ZERO);
        }
        for dus in du {
            for (bj, &duj) in self.bias.iter_mut().zip(dus) {
                *bj += duj;
            }
        }
        if let Some(factor) = sum.scale {
            for bj in &mut self.bias {
                *bj *= factor;
            }
        }
    }

    /// Sets every weight and bias to `value`.
    #[inline]
    pub fn fill(&mut self, value: T) {
        self.weights.as_flattened_mut().fill(value);
        self.bias.fill(value);
    }

    /// Multiplies every weight and bias by `factor`.
    #[inline]
    pub fn scale(&mut self, factor: T) {
        kernel::scale(&mut self.weights, factor);
        for value in &mut self.bias {
            *value *= factor;
        }
    }

    /// Adds `factor * other` to every weight and bias.
    #[inline]
    pub fn add_scaled(&mut self, other: &Self, factor: T) {
        kernel::add_scaled(&mut self.weights, &other.weights, factor);
        for (value, &delta) in self.bias.iter_mut().zip(&other.bias) {
            *value += factor * delta;
        }
    }

    /// Backpropagation through `u = x·W + b`: the gradient with respect to the input `x`, given the
    /// gradient `du` with respect to `u` (numpy's `np.dot(delta, W.T)`).
    pub fn input_gradient(&self, du: &[T; O]) -> [T; I] {
        kernel::input_gradient(&self.weights, du)
    }

    /// [`Dense::input_gradient`] for a block of `B` samples at once, into `dx`, with the same
    /// results: each row of `W` is read once for the block. `du_columns` is scratch space for
    /// `du` transposed; both it and `dx` are written, not read, so they can live in buffers kept
    /// between calls rather than on the stack.
    pub fn input_gradient_batch<const B: usize>(
        &self,
        du: &[[T; O]; B],
        du_columns: &mut [[T; B]; O],
        dx: &mut [[T; I]; B],
    ) {
        self.input_gradient_batch_shared(du, du_columns, dx, &Alone);
    }

    /// [`Dense::input_gradient_batch`] with the inputs shared among `team`'s threads (for a layer
    /// of 4,096 weights or more): the same values.
    pub fn input_gradient_batch_shared<const B: usize>(
        &self,
        du: &[[T; O]; B],
        du_columns: &mut [[T; B]; O],
        dx: &mut [[T; I]; B],
        team: &dyn Team,
    ) {
        kernel::input_gradient_batch(&self.weights, du, du_columns, dx, team);
    }

    /// Adds the gradient of `u = x·W + b` with respect to `W` and `b` into `self`, a layer used as
    /// a gradient: `W += xᵀ·du` (numpy's `np.dot(x.T, delta)`) and `b += du`.
    #[inline]
    pub fn add_gradient(&mut self, x: &[T; I], du: &[T; O]) {
        kernel::add_outer(&mut self.weights, x, du);
        for (bj, &duj) in self.bias.iter_mut().zip(du) {
            *bj += duj;
        }
    }

    /// [`add_gradient`](Self::add_gradient) times `factor`: `W += (factor·x)ᵀ·du` and
    /// `b += factor·du`, a gradient-descent step for `factor = -learning_rate`. Scaling `x` rather
    /// than `du` keeps the multiplication off the backward pass's critical path.
    #[inline]
    pub fn add_scaled_gradient(&mut self, x: &[T; I], du: &[T; O], factor: T) {
        kernel::add_outer(&mut self.weights, &x.map(|xi| factor * xi), du);
        for (bj, &duj) in self.bias.iter_mut().zip(du) {
            *bj += factor * duj;
        }
    }
}

/// Prints `W` and `b` the way numpy prints arrays.
impl<T: Scalar, const I: usize, const O: usize> fmt::Display for Dense<T, I, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("W:\n")?;
        fmt::Display::fmt(&Matrix(&self.weights), f)?;
        f.write_str("\nb: ")?;
        fmt::Display::fmt(&Vector(&self.bias), f)
    }
}

impl<T: Scalar, const I: usize, const O: usize> Layer<T, [T; I], [T; O]> for Dense<T, I, O> {
    type Geometry = ();

    fn total_input(&self, x: &[T; I], (): (), u: &mut [T; O]) {
        *u = Dense::total_input(self, x);
    }

    fn input_gradient(&self, _: &[T; I], du: &[T; O], (): (), dx: &mut [T; I]) {
        *dx = Dense::input_gradient(self, du);
    }

    fn add_scaled_gradient(&mut self, x: &[T; I], du: &[T; O], (): (), factor: T) {
        Dense::add_scaled_gradient(self, x, du, factor);
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;

    use super::Dense;
    use crate::activation::Sigmoid;
    use crate::layer::Layer;

    #[test]
    fn total_input_is_x_dot_w_plus_b() {
        let layer = Dense::new([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0.5, -0.5]);
        // [1, 0, -1]·W = [1 - 5, 2 - 6]
        assert_eq!(layer.total_input(&[1.0_f64, 0.0, -1.0]), [-3.5, -4.5]);
    }

    #[test]
    fn forward_applies_the_activation() {
        let layer: Dense<f64, 1, 1> = Dense::new([[2.0]], [-2.0]);
        assert_eq!(layer.forward::<Sigmoid>(&[1.0]), [0.5]);
    }

    #[test]
    fn gradients_of_the_affine_map() {
        let layer = Dense::new([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0.5, -0.5]);
        // dx = W·du
        assert_eq!(layer.input_gradient(&[1.0_f64, -1.0]), [-1.0, -1.0, -1.0]);
        let mut grad = Dense::<f64, 3, 2>::zeros();
        grad.add_gradient(&[1.0, 0.0, 2.0], &[3.0, 4.0]);
        grad.add_gradient(&[1.0, 0.0, 0.0], &[1.0, 1.0]);
        assert_eq!(grad.weights, [[4.0, 5.0], [0.0, 0.0], [6.0, 8.0]]);
        assert_eq!(grad.bias, [4.0, 5.0]);
    }

    #[test]
    fn the_layer_trait_is_the_affine_map() {
        let mut layer = Dense::new([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0.5, -0.5]);
        let x = [1.0_f64, 0.0, -1.0];
        let (mut u, mut dx) = ([0.0; 2], [0.0; 3]);
        Layer::total_input(&layer, &x, (), &mut u);
        assert_eq!(u, [-3.5, -4.5]);
        Layer::input_gradient(&layer, &x, &[1.0, -1.0], (), &mut dx);
        assert_eq!(dx, [-1.0, -1.0, -1.0]);
        // A step of gradient descent with rate 0.5: w -= 0.5 · xᵀ·du, b -= 0.5 · du.
        Layer::add_scaled_gradient(&mut layer, &x, &[2.0, 4.0], (), -0.5);
        assert_eq!(layer.weights, [[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]]);
        assert_eq!(layer.bias, [-0.5, -2.5]);
    }

    #[test]
    fn batched_products_equal_per_sample_ones() {
        let layer = Dense::new([[1.5, -2.0], [0.25, 3.0], [-1.0, 0.5]], [0.1, -0.2]);
        let (a, b) = ([1.0_f32, 2.0, 3.0], [-0.5, 0.25, 4.0]);
        let mut u = [[f32::NAN; 2]; 2];
        layer.total_input_batch(&[&a, &b], &mut u);
        assert_eq!(u, [layer.total_input(&a), layer.total_input(&b)]);
        let (da, db) = ([0.3, -0.7], [1.1, 0.9]);
        let mut one_by_one = Dense::<f32, 3, 2>::zeros();
        one_by_one.add_gradient(&a, &da);
        one_by_one.add_gradient(&b, &db);
        let mut batched = Dense::<f32, 3, 2>::zeros();
        batched.add_gradient_batch(&[&a, &b], &[da, db]);
        assert_eq!(batched, one_by_one);
    }

    #[test]
    fn batched_input_gradients_equal_per_sample_ones_bit_for_bit() {
        // Awkward values, so that a term added in another order shows; 9 samples, 70 x 61.
        let value = |k: usize| ((k * 7_919 + 13) % 1_000) as f32 / 37.0 - 13.5;
        let mut layer = Dense::<f32, 70, 61>::zeros();
        for (k, w) in layer.weights.iter_mut().flatten().enumerate() {
            *w = value(k);
        }
        let du: [[f32; 61]; 9] =
            core::array::from_fn(|s| core::array::from_fn(|j| value(s * 61 + j + 50_000)));
        let mut columns = [[f32::NAN; 9]; 61];
        let mut dx = [[f32::NAN; 70]; 9];
        layer.input_gradient_batch(&du, &mut columns, &mut dx);
        for (dx, du) in dx.iter().zip(&du) {
            assert_eq!(*dx, layer.input_gradient(du));
        }
    }

    #[test]
    fn parameter_wise_operations() {
        let mut layer = Dense::new([[1.0, 2.0]], [3.0, 4.0]);
        let other = Dense::new([[1.0, 1.0]], [0.0, 2.0]);
        layer.add_scaled(&other, -2.0);
        assert_eq!((layer.weights, layer.bias), ([[-1.0, 0.0]], [3.0, 0.0]));
        layer.scale(0.5);
        assert_eq!((layer.weights, layer.bias), ([[-0.5, 0.0]], [1.5, 0.0]));
        layer.fill(7.0_f64);
        assert_eq!((layer.weights, layer.bias), ([[7.0, 7.0]], [7.0, 7.0]));
    }

    #[test]
    fn constructors_and_sizes() {
        const LAYER: Dense<f32, 3, 2> = Dense::ones();
        assert_eq!(LAYER.weights, [[1.0; 2]; 3]);
        assert_eq!(Dense::<f32, 3, 2>::zeros().bias, [0.0; 2]);
        assert_eq!(Dense::<f32, 3, 2>::PARAMETERS, 8);
    }

    #[test]
    fn displays_like_numpy() {
        let layer = Dense::new([[0.1, 0.2], [0.3, 0.4]], [1.0, -2.0]);
        assert_eq!(
            format!("{layer}"),
            "W:\n[[0.1, 0.2],\n [0.3, 0.4]]\nb: [1, -2]"
        );
    }
}
