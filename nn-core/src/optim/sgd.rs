use super::Optimizer;
use crate::{Network, Scalar};

/// Plain gradient descent, `w ← w - ε ∇E`: the seed's
/// `network[key] -= learning_rate * grad[key]`.
///
/// # Examples
///
/// ```
/// use nn::{loss::Mse, optim::Sgd};
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// let mut net = Line::zeros();
/// let mut grad = Line::zeros();
/// net.backward(&[1.0], &[1.0], Mse, &mut grad); // dE/dw = dE/db = -1
/// Sgd::new(0.5).step(&mut net, &grad);
/// assert_eq!((net.layer1.weights, net.layer1.bias), ([[0.5]], [0.5]));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd<T> {
    /// The step size `ε`.
    pub learning_rate: T,
}

impl<T: Scalar> Sgd<T> {
    /// Gradient descent with step size `learning_rate`.
    pub const fn new(learning_rate: T) -> Self {
        Self { learning_rate }
    }

    /// Moves `net` by `-learning_rate * grad`.
    pub fn step<N: Network<Scalar = T>>(&self, net: &mut N, grad: &N) {
        net.add_scaled(grad, -self.learning_rate);
    }
}

impl<T: Scalar, N: Network<Scalar = T>> Optimizer<N> for Sgd<T> {
    fn step(&mut self, net: &mut N, grad: &N) {
        Sgd::step(self, net, grad);
    }
}
