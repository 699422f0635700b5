use super::{Optimizer, scaled_by_squares};
use crate::{Network, Scalar};

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

impl<N: Network> RmsProp<N> {
    /// RMSProp with step size `learning_rate`, `ρ = 0.99` and `ε = 1e-7`.
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            decay: 0.99,
            epsilon: 1e-7,
            weight_decay: 0.0,
            squares: N::ZERO,
        }
    }

    /// The same with decay `ρ`.
    #[must_use]
    pub const fn with_decay(mut self, decay: f64) -> Self {
        self.decay = decay;
        self
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
