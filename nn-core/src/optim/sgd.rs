use super::{Optimizer, backward_then_step, decayed, trained};
use crate::loss::{Loss, PairsWith};
use crate::team::Team;
use crate::{Network, Scalar, Trainable, kernel};

/// Plain gradient descent, `w ← w - ε ∇E`: in numpy,
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
pub struct Sgd {
    /// The step size `ε`.
    pub learning_rate: f64,
    /// The L2 weight decay `λ`, 0 by default.
    pub weight_decay: f64,
}

impl Sgd {
    /// Gradient descent with step size `learning_rate`.
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            weight_decay: 0.0,
        }
    }

    /// The same with L2 weight decay `λ`.
    #[must_use]
    pub const fn with_weight_decay(self, weight_decay: f64) -> Self {
        Self {
            weight_decay,
            ..self
        }
    }

    /// Moves `net` by `-learning_rate * grad`.
    pub fn step<N: Network>(&self, net: &mut N, grad: &N) {
        let learning_rate = N::Scalar::from_f64(self.learning_rate);
        if self.weight_decay == 0.0 && N::TENSORS.iter().all(|t| t.kind.is_trained()) {
            net.add_scaled(grad, -learning_rate);
            return;
        }
        let decay = N::Scalar::from_f64(self.weight_decay);
        for index in trained::<N>() {
            for (w, &g) in net.tensor_mut(index).iter_mut().zip(grad.tensor(index)) {
                *w -= learning_rate * decayed(g, *w, decay);
            }
        }
    }
}

impl<N: Network> Optimizer<N> for Sgd {
    fn step(&mut self, net: &mut N, grad: &N) {
        Sgd::step(self, net, grad);
    }

    fn step_shared(&mut self, net: &mut N, grad: &N, team: &dyn Team) {
        if self.weight_decay != 0.0 {
            Sgd::step(self, net, grad);
            return;
        }
        // As `step`: `w += (-learning_rate) g`, not fused, tensor by tensor.
        let factor = -N::Scalar::from_f64(self.learning_rate);
        for (index, tensor) in N::TENSORS.iter().enumerate() {
            if !tensor.kind.is_trained() {
                continue;
            }
            let (values, delta) = (net.tensor_mut(index), grad.tensor(index));
            kernel::add_scaled_shared(values, delta, tensor.columns, factor, team);
        }
    }

    // A hint: without it, a program that also trained a CNN kept W2's step out of line, and it
    // took 211 instructions instead of 163 (`bash scripts/instruction-counts.sh`).
    #[inline]
    fn step_sample<L, D>(
        &mut self,
        net: &mut N,
        input: &N::Input,
        target: &D,
        loss: L,
        grad: &mut N,
    ) -> N::Scalar
    where
        N: Trainable,
        L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation>,
    {
        if self.weight_decay == 0.0 {
            net.descend(input, target, loss, self.learning_rate)
        } else {
            backward_then_step(self, net, input, target, loss, grad)
        }
    }
}
