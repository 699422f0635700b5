#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use bytemuck::Zeroable;

use super::{DEFAULT_EPSILON, Optimizer, scaled_by_squares};
use crate::{Network, Scalar};

/// `ρ` unless set otherwise.
const DEFAULT_DECAY: f64 = 0.99;

/// RMSProp: AdaGrad with a decaying average of the squared gradients,
/// `h = ρ h + (1 - ρ) g²; w -= lr g / (√h + ε)`.
#[derive(Clone, Debug, PartialEq)]
pub struct RmsProp<N> {
    /// The step size.
    pub learning_rate: f64,
    /// How much of the running average is kept each step, `ρ`.
    pub decay: f64,
    /// Keeps the division finite, `ε`.
    pub epsilon: f64,
    /// The L2 weight decay `λ`, 0 by default.
    pub weight_decay: f64,
    squares: N,
}

// SAFETY: every field is an `f64` or an `N`; all-zero bytes are a valid `f64` (0.0) and, by the
// bound, a valid `N`.
#[allow(unsafe_code)]
unsafe impl<N: Zeroable> Zeroable for RmsProp<N> {}

impl<N: Network> RmsProp<N> {
    /// RMSProp with step size `learning_rate`, `ρ = 0.99` and `ε = 1e-7`.
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            decay: DEFAULT_DECAY,
            epsilon: DEFAULT_EPSILON,
            weight_decay: 0.0,
            squares: N::ZERO,
        }
    }

    /// [`RmsProp::new`] built in place on the heap, for networks too large for the stack: the
    /// running average of squared gradients is allocated zeroed and never passes through the
    /// stack. Set the other hyper-parameters through the public fields (`optimizer.decay = 0.9`).
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::optim::RmsProp;
    ///
    /// nn::network! { struct Net = 2 => relu 3 => identity 1; }
    ///
    /// let mut boxed = RmsProp::<Net>::new_boxed(0.1);
    /// assert_eq!(*boxed, RmsProp::new(0.1));
    /// boxed.weight_decay = 1e-4;
    /// assert_eq!(*boxed, RmsProp::new(0.1).with_weight_decay(1e-4));
    /// ```
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn new_boxed(learning_rate: f64) -> Box<Self> {
        let mut optimizer = crate::boxed::zeroed::<Self>();
        optimizer.learning_rate = learning_rate;
        optimizer.decay = DEFAULT_DECAY;
        optimizer.epsilon = DEFAULT_EPSILON;
        optimizer
    }

    /// The same with decay `ρ`.
    #[must_use]
    pub const fn with_decay(mut self, decay: f64) -> Self {
        self.decay = decay;
        self
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

impl<N: Network> Optimizer<N> for RmsProp<N> {
    fn step(&mut self, net: &mut N, grad: &N) {
        let rho = N::Scalar::from_f64(self.decay);
        let hyperparameters = [self.learning_rate, self.epsilon, self.weight_decay];
        scaled_by_squares(net, grad, &mut self.squares, hyperparameters, |h, g2| {
            rho * h + (N::Scalar::ONE - rho) * g2
        });
    }
}
