use super::{Optimizer, scaled_by_squares};
use crate::Network;

/// AdaGrad: each parameter's step shrinks with the sum of its squared gradients,
/// `h += g²; w -= lr g / (√h + ε)`.
///
/// # Examples
///
/// ```
/// use nn::optim::{AdaGrad, Optimizer};
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

impl<N: Network> AdaGrad<N> {
    /// AdaGrad with step size `learning_rate` and `ε = 1e-7`.
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            epsilon: 1e-7,
            weight_decay: 0.0,
            squares: N::ZERO,
        }
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
