//! Batch normalisation: each channel normalised by its mean and variance, then scaled and
//! shifted. In training by the statistics of the samples computed together, in inference by
//! running averages of them, or folded into the layer before it.

use bytemuck::Zeroable;

use crate::Scalar;
use crate::layer::Layer;

/// Batch normalisation of `C` channels (`PyTorch`'s `BatchNorm1d` and `BatchNorm2d`): each value
/// `x` of channel `c` becomes `u = (x - mean[c]) / √(var[c] + ε) · weight[c] + bias[c]`.
///
/// In training, `mean` and `var` are the channel's over the samples computed together and every
/// place of each (its rows and columns, for an image): the batch statistics. In inference they
/// are `running_mean` and `running_var`, the averages that training keeps of them
/// ([`BatchNorm::track`]), and the layer is an affine map per channel, which
/// [`BatchNorm::fold`] moves into the weights of the layer before it.
///
/// A channel's values are `[T; N]` (`N` places: rows times columns, a 1-D input's length, or 1
/// after a dense layer, whose outputs are the channels).
///
/// # Examples
///
/// ```
/// use nn::{BatchNorm, Normalization};
///
/// let mut layer = BatchNorm::<f64, 1>::new();
/// layer.weight = [2.0];
/// layer.bias = [1.0];
/// // A batch of two samples of one channel and two places: mean 2.5, variance 1.25.
/// let (a, b) = ([[1.0, 2.0]], [[3.0, 4.0]]);
/// let mut u = [[[0.0; 2]; 1]; 2];
/// let normalization = Normalization { eps: 0.0, momentum: 0.1 };
/// layer.normalize_batch(&[&a, &b], normalization, &mut u);
/// let sd = 1.25_f64.sqrt();
/// assert_eq!(u[0][0][0], (1.0 - 2.5) / sd * 2.0 + 1.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BatchNorm<T, const C: usize> {
    /// `γ`: each channel's scale after normalising (`PyTorch`'s `weight`).
    pub weight: [T; C],
    /// `β`: each channel's shift after scaling.
    pub bias: [T; C],
    /// Each channel's mean for inference. In a gradient, the sum over its samples of the means
    /// of their batches: the batch statistics that [`BatchNorm::track`] moves towards.
    pub running_mean: [T; C],
    /// Each channel's variance for inference; in a gradient, the sum over its samples of their
    /// batches' variances (unbiased, as `PyTorch` tracks them).
    pub running_var: [T; C],
}

// SAFETY: every field is an array of `T`, and the bound makes all-zero bytes a valid `T`, so they
// are a valid `BatchNorm`.
#[allow(unsafe_code)]
unsafe impl<T: Zeroable, const C: usize> Zeroable for BatchNorm<T, C> {}

/// How a [`BatchNorm`] normalises: `eps` added to each variance, and the `momentum` with which
/// the running averages follow the batch statistics, `running ← (1 - momentum) · running +
/// momentum · batch` (`PyTorch`'s convention; Keras's `momentum` is one minus this).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Normalization {
    /// `ε`, which keeps the division finite.
    pub eps: f64,
    /// How far each batch moves the running averages.
    pub momentum: f64,
}

impl Normalization {
    /// `PyTorch`'s defaults: `eps = 1e-5`, `momentum = 0.1`.
    pub const PYTORCH: Self = Self {
        eps: 1e-5,
        momentum: 0.1,
    };
}

/// A channel's mean and biased variance over a batch, and how many values they are of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Statistics<T, const C: usize> {
    /// Each channel's mean.
    pub mean: [T; C],
    /// Each channel's variance, the mean of the squared deviations (what normalises).
    pub variance: [T; C],
    /// The values of each channel they are over: samples times places.
    pub values: usize,
}

impl<T: Scalar, const C: usize> Statistics<T, C> {
    /// The statistics of `xs`, channel by channel: the mean, then the mean squared deviation
    /// from it.
    pub fn of<const N: usize>(xs: &[&[[T; N]; C]]) -> Self {
        let values = xs.len() * N;
        let count = T::from_f64(values as f64);
        let mut mean = [T::ZERO; C];
        let mut variance = [T::ZERO; C];
        for c in 0..C {
            let mut sum = T::ZERO;
            for x in xs {
                for &value in &x[c] {
                    sum += value;
                }
            }
            mean[c] = sum / count;
            let mut squares = T::ZERO;
            for x in xs {
                for &value in &x[c] {
                    let deviation = value - mean[c];
                    squares += deviation * deviation;
                }
            }
            variance[c] = squares / count;
        }
        Self {
            mean,
            variance,
            values,
        }
    }

    /// The variance as `PyTorch`'s running average takes it: unbiased, `· n / (n - 1)`, over more
    /// than one value.
    pub fn unbiased_variance(&self) -> [T; C] {
        let n = self.values as f64;
        let correction = T::from_f64(if self.values > 1 { n / (n - 1.0) } else { 1.0 });
        self.variance.map(|variance| variance * correction)
    }
}

/// The gradient of a batch's loss with respect to a [`BatchNorm`]'s scale and shift.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gradient<T, const C: usize> {
    /// With respect to `weight`, `γ`.
    pub weight: [T; C],
    /// With respect to `bias`, `β`.
    pub bias: [T; C],
}

impl<T: Scalar, const C: usize> Default for BatchNorm<T, C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Scalar, const C: usize> BatchNorm<T, C> {
    /// A layer as `PyTorch` makes one: scale 1, shift 0, running mean 0 and variance 1, so that
    /// in inference it changes nothing.
    pub const fn new() -> Self {
        Self {
            weight: [T::ONE; C],
            bias: [T::ZERO; C],
            running_mean: [T::ZERO; C],
            running_var: [T::ONE; C],
        }
    }

    /// A layer with every value set to `value`.
    pub const fn filled(value: T) -> Self {
        Self {
            weight: [value; C],
            bias: [value; C],
            running_mean: [value; C],
            running_var: [value; C],
        }
    }

    /// A layer of zeros.
    pub const fn zeros() -> Self {
        Self::filled(T::ZERO)
    }

    /// A layer of ones.
    pub const fn ones() -> Self {
        Self::filled(T::ONE)
    }

    /// Sets every value, the running averages too, to `value`.
    pub fn fill(&mut self, value: T) {
        *self = Self::filled(value);
    }

    /// Multiplies every value, the running averages too, by `factor`: a gradient's statistics
    /// scale with it.
    pub fn scale(&mut self, factor: T) {
        for values in [
            &mut self.weight,
            &mut self.bias,
            &mut self.running_mean,
            &mut self.running_var,
        ] {
            for value in values {
                *value *= factor;
            }
        }
    }

    /// Adds `factor * other` to every value, the running averages too.
    pub fn add_scaled(&mut self, other: &Self, factor: T) {
        let pairs = [
            (&mut self.weight, &other.weight),
            (&mut self.bias, &other.bias),
            (&mut self.running_mean, &other.running_mean),
            (&mut self.running_var, &other.running_var),
        ];
        for (values, others) in pairs {
            for (value, &other) in values.iter_mut().zip(others) {
                *value += factor * other;
            }
        }
    }

    /// Each channel's `(scale, shift)` in inference: `u = x · scale + shift`.
    pub fn affine(&self, eps: f64) -> ([T; C], [T; C]) {
        let eps = T::from_f64(eps);
        let mut scale = [T::ZERO; C];
        let mut shift = [T::ZERO; C];
        for c in 0..C {
            scale[c] = self.weight[c] / (self.running_var[c] + eps).sqrt();
            shift[c] = self.bias[c] - self.running_mean[c] * scale[c];
        }
        (scale, shift)
    }

    /// Inference: `x` normalised by the running averages, into `u` (written, not read).
    pub fn total_input<const N: usize>(
        &self,
        x: &[[T; N]; C],
        normalization: Normalization,
        u: &mut [[T; N]; C],
    ) {
        let (scale, shift) = self.affine(normalization.eps);
        for c in 0..C {
            for (u, &x) in u[c].iter_mut().zip(&x[c]) {
                *u = x * scale[c] + shift[c];
            }
        }
    }

    /// Training: the samples `xs` normalised by their own statistics, into `us` (written, not
    /// read), one per sample; returns the statistics.
    pub fn normalize_batch<const N: usize>(
        &self,
        xs: &[&[[T; N]; C]],
        normalization: Normalization,
        us: &mut [[[T; N]; C]],
    ) -> Statistics<T, C> {
        let statistics = Statistics::of(xs);
        let eps = T::from_f64(normalization.eps);
        for c in 0..C {
            let mean = statistics.mean[c];
            let deviation = (statistics.variance[c] + eps).sqrt();
            for (x, u) in xs.iter().zip(us.iter_mut()) {
                for (u, &x) in u[c].iter_mut().zip(&x[c]) {
                    *u = (x - mean) / deviation * self.weight[c] + self.bias[c];
                }
            }
        }
        statistics
    }

    /// Backpropagation through [`BatchNorm::normalize_batch`]: the gradient with respect to each
    /// input of `xs`, into `dxs` (written, not read), given the gradients `dus` with respect to
    /// the outputs and the `statistics` `normalize_batch` returned for `xs`; returns the gradient
    /// with respect to the scale and the shift. Each input's gradient goes through the statistics
    /// too, so it depends on every sample's: `dx = γ / σ · (du - mean(du) - x̂ · mean(du · x̂))`.
    pub fn backward_batch<const N: usize>(
        &self,
        xs: &[&[[T; N]; C]],
        dus: &[[[T; N]; C]],
        statistics: &Statistics<T, C>,
        normalization: Normalization,
        dxs: &mut [[[T; N]; C]],
    ) -> Gradient<T, C> {
        let eps = T::from_f64(normalization.eps);
        let count = T::from_f64(statistics.values as f64);
        let mut gradient = Gradient {
            weight: [T::ZERO; C],
            bias: [T::ZERO; C],
        };
        for c in 0..C {
            let mean = statistics.mean[c];
            let deviation = (statistics.variance[c] + eps).sqrt();
            let (mut sum, mut weighted) = (T::ZERO, T::ZERO);
            for (x, du) in xs.iter().zip(dus) {
                for (&x, &du) in x[c].iter().zip(&du[c]) {
                    sum += du;
                    weighted += du * ((x - mean) / deviation);
                }
            }
            gradient.weight[c] = weighted;
            gradient.bias[c] = sum;
            let (mean_du, mean_weighted) = (sum / count, weighted / count);
            let factor = self.weight[c] / deviation;
            for ((x, du), dx) in xs.iter().zip(dus).zip(dxs.iter_mut()) {
                for ((&x, &du), dx) in x[c].iter().zip(&du[c]).zip(dx[c].iter_mut()) {
                    let normalized = (x - mean) / deviation;
                    *dx = factor * (du - mean_du - normalized * mean_weighted);
                }
            }
        }
        gradient
    }

    /// Adds `factor` times `gradient` into the scale and the shift: into a gradient, or with
    /// `factor = -learning_rate`, a step of gradient descent.
    pub fn add_scaled_gradient(&mut self, gradient: &Gradient<T, C>, factor: T) {
        for c in 0..C {
            self.weight[c] += factor * gradient.weight[c];
            self.bias[c] += factor * gradient.bias[c];
        }
    }

    /// Adds a batch's statistics into a gradient's running averages, once per sample of the
    /// batch (`samples` of them): after the gradient is averaged over its samples, they hold the
    /// mean of the statistics of its batches, which [`BatchNorm::track`] moves towards.
    pub fn add_statistics(&mut self, statistics: &Statistics<T, C>, samples: usize) {
        let samples = T::from_f64(samples as f64);
        let variance = statistics.unbiased_variance();
        for (mean, &batch) in self.running_mean.iter_mut().zip(&statistics.mean) {
            *mean += samples * batch;
        }
        for (running, &batch) in self.running_var.iter_mut().zip(&variance) {
            *running += samples * batch;
        }
    }

    /// Moves the running averages towards a batch's statistics:
    /// `running ← running + momentum · (batch - running)`.
    pub fn track_batch(&mut self, statistics: &Statistics<T, C>, momentum: f64) {
        let variance = statistics.unbiased_variance();
        self.follow(&statistics.mean, &variance, momentum);
    }

    /// Moves the running averages towards those of `gradient`, an averaged gradient's: the mean
    /// statistics of the batches it was computed over.
    pub fn track(&mut self, gradient: &Self, momentum: f64) {
        self.follow(&gradient.running_mean, &gradient.running_var, momentum);
    }

    fn follow(&mut self, mean: &[T; C], variance: &[T; C], momentum: f64) {
        let momentum = T::from_f64(momentum);
        for c in 0..C {
            self.running_mean[c] += momentum * (mean[c] - self.running_mean[c]);
            self.running_var[c] += momentum * (variance[c] - self.running_var[c]);
        }
    }

    /// Folds the layer, as inference computes it, into the layer before it, whose `weights` are
    /// rows of a column per channel (a dense layer's outputs, a convolution's filters), row after
    /// row, and whose `bias` has one per channel: `W[·][c] · scale[c]`,
    /// `b[c] · scale[c] + β[c] - mean[c] · scale[c]`. The layer then computes what the pair did.
    pub fn fold(&self, eps: f64, weights: &mut [T], bias: &mut [T; C]) {
        let (scale, shift) = self.affine(eps);
        for row in weights.chunks_exact_mut(C) {
            for (w, &scale) in row.iter_mut().zip(&scale) {
                *w *= scale;
            }
        }
        for c in 0..C {
            bias[c] = bias[c] * scale[c] + shift[c];
        }
    }
}

impl<T: Scalar, const C: usize, const N: usize> Layer<T, [[T; N]; C], [[T; N]; C]>
    for BatchNorm<T, C>
{
    type Geometry = Normalization;

    /// Inference, by the running averages.
    fn total_input(&self, x: &[[T; N]; C], normalization: Normalization, u: &mut [[T; N]; C]) {
        BatchNorm::total_input(self, x, normalization, u);
    }

    /// Through inference's affine map (the batch statistics' gradient is
    /// [`BatchNorm::backward_batch`]'s).
    fn input_gradient(
        &self,
        _: &[[T; N]; C],
        du: &[[T; N]; C],
        normalization: Normalization,
        dx: &mut [[T; N]; C],
    ) {
        let (scale, _) = self.affine(normalization.eps);
        for c in 0..C {
            for (dx, &du) in dx[c].iter_mut().zip(&du[c]) {
                *dx = du * scale[c];
            }
        }
    }

    /// Of inference's affine map, by the running averages.
    fn add_scaled_gradient(
        &mut self,
        x: &[[T; N]; C],
        du: &[[T; N]; C],
        normalization: Normalization,
        factor: T,
    ) {
        let eps = T::from_f64(normalization.eps);
        for c in 0..C {
            let deviation = (self.running_var[c] + eps).sqrt();
            let (mut weight, mut bias) = (T::ZERO, T::ZERO);
            for (&x, &du) in x[c].iter().zip(&du[c]) {
                weight += du * ((x - self.running_mean[c]) / deviation);
                bias += du;
            }
            self.weight[c] += factor * weight;
            self.bias[c] += factor * bias;
        }
    }
}
