#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use bytemuck::Zeroable;

use super::{DEFAULT_EPSILON, Optimizer, scaled_by_squares};
use crate::Network;

/// AdaGrad: each parameter's step shrinks with the sum of its squared gradients,
/// `h += g²; w -= lr g / (√h + ε)`.
///
/// # Examples
///
/// ```
/// use nn::optim::AdaGrad;
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// let (mut net, mut grad) = (Line::zeros(), Line::zeros());
/// grad.layer1.weights = [[2.0]];
/// let mut adagrad = AdaGrad::new(0.1);
/// adagrad.step(&mut net, &grad); // h = 4, step 0.1 · 2 / 2
/// assert!((net.layer1.weights[0][0] + 0.1).abs() < 1e-7);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AdaGrad<N> {
    /// The step size.
    pub learning_rate: f64,
    /// Keeps the division finite, `ε`.
    pub epsilon: f64,
    /// The L2 weight decay `λ`, 0 by default.
    pub weight_decay: f64,
    squares: N,
}

// SAFETY: every field is an `f64` or an `N`; all-zero bytes are a valid `f64` (0.0) and, by the
// bound, a valid `N`.
#[allow(unsafe_code)]
unsafe impl<N: Zeroable> Zeroable for AdaGrad<N> {}

impl<N: Network> AdaGrad<N> {
    /// AdaGrad with step size `learning_rate` and `ε = 1e-7`.
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            epsilon: DEFAULT_EPSILON,
            weight_decay: 0.0,
            squares: N::ZERO,
        }
    }

    /// [`AdaGrad::new`] built in place on the heap, for networks too large for the stack: the
    /// sum of squared gradients is allocated zeroed and never passes through the stack. Set the
    /// other hyper-parameters through the public fields (`optimizer.epsilon = 1e-8`).
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::optim::AdaGrad;
    ///
    /// nn::network! { struct Net = 2 => relu 3 => identity 1; }
    ///
    /// let mut boxed = AdaGrad::<Net>::new_boxed(0.1);
    /// assert_eq!(*boxed, AdaGrad::new(0.1));
    /// boxed.weight_decay = 1e-4;
    /// assert_eq!(*boxed, AdaGrad::new(0.1).with_weight_decay(1e-4));
    /// ```
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn new_boxed(learning_rate: f64) -> Box<Self> {
        let mut optimizer = crate::boxed::zeroed::<Self>();
        optimizer.learning_rate = learning_rate;
        optimizer.epsilon = DEFAULT_EPSILON;
        optimizer
    }

    /// One update: `net` moves against `grad`. The same as [`Optimizer::step`], which generic
    /// code calls; this one needs no `use`.
    pub fn step(&mut self, net: &mut N, grad: &N) {
        <Self as Optimizer<N>>::step(self, net, grad);
    }

    /// The same with L2 weight decay `λ`.
    #[must_use]
    pub const fn with_weight_decay(mut self, weight_decay: f64) -> Self {
        self.weight_decay = weight_decay;
        self
    }
}

impl<N: Network> Optimizer<N> for AdaGrad<N> {
    fn step(&mut self, net: &mut N, grad: &N) {
        let hyperparameters = [self.learning_rate, self.epsilon, self.weight_decay];
        scaled_by_squares(net, grad, &mut self.squares, hyperparameters, |h, g2| {
            h + g2
        });
    }
}
