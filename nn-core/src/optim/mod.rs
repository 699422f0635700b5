//! Optimisers: how a gradient changes the parameters.
//!
//! | optimiser | update, for each parameter `w` with gradient `g` | defaults |
//! | --- | --- | --- |
//! | [`Sgd`] | `w -= lr g` | `lr` |
//! | [`Momentum`] | `v = μ v - lr g; w += v` | `lr`, `μ = 0.9` |
//! | [`AdaGrad`] | `h += g²; w -= lr g / (√h + ε)` | `lr`, `ε = 1e-7` |
//! | [`RmsProp`] | `h = ρ h + (1 - ρ) g²; w -= lr g / (√h + ε)` | `lr`, `ρ = 0.99`, `ε = 1e-7` |
//! | [`Adam`] | `m = β₁ m + (1 - β₁) g; v = β₂ v + (1 - β₂) g²; w -= lr m̂ / (√v̂ + ε)`, with the bias corrections `m̂ = m / (1 - β₁ᵗ)`, `v̂ = v / (1 - β₂ᵗ)` | `lr = 0.001`, `β₁ = 0.9`, `β₂ = 0.999`, `ε = 1e-8` |
//!
//! Each has an optional L2 weight decay `λ` (`with_weight_decay`), which adds `λ w` to every
//! gradient. Hyper-parameters are `f64` whatever the network's scalar, so that every constructor
//! is a `const fn`: an optimiser and its network-shaped state can live in a `static` on firmware.
//! The one learning rate outside an optimiser, `descend`'s, is an `f64` too.
//! For networks too large for the stack, the optimisers with network-shaped state also have
//! `new_boxed` (feature `alloc`, part of `std`), which builds them in place on the heap.

mod adagrad;
mod adam;
mod momentum;
mod rmsprop;
mod sgd;

pub use adagrad::AdaGrad;
pub use adam::Adam;
pub use momentum::Momentum;
pub use rmsprop::RmsProp;
pub use sgd::Sgd;

use crate::loss::{Loss, PairsWith};
use crate::team::Team;
use crate::{Network, Scalar, Trainable};

/// The `ε` of [`AdaGrad`] and [`RmsProp`] unless set otherwise.
const DEFAULT_EPSILON: f64 = 1e-7;

/// Updates a network's parameters from a gradient of its own type.
///
/// Training loops in [`crate::train`] are generic over this trait.
pub trait Optimizer<N: Network> {
    /// Applies one update: `net` moves against `grad`.
    fn step(&mut self, net: &mut N, grad: &N);

    /// [`step`](Self::step) with the large tensors' updates shared among `team`'s threads, as
    /// [`Parallel`](crate::parallel::Parallel) takes it: the same result. By default the calling
    /// thread runs `step`; [`Sgd`] without weight decay shares each large tensor's columns.
    fn step_shared(&mut self, net: &mut N, grad: &N, team: &dyn Team) {
        let _ = team;
        self.step(net, grad);
    }

    /// One update from one sample: [`Trainable::backward`] into `grad` (cleared first), then
    /// [`step`](Self::step). Returns the loss; if it is NaN or infinite, nothing is updated.
    ///
    /// [`Sgd`] without weight decay does it in one pass with [`Trainable::descend`], without
    /// touching `grad`.
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
        backward_then_step(self, net, input, target, loss, grad)
    }
}

/// [`Optimizer::step_sample`] through a gradient buffer: `backward` into a cleared `grad`, then
/// `step` unless the loss is NaN or infinite.
fn backward_then_step<N, O, L, D>(
    optimizer: &mut O,
    net: &mut N,
    input: &N::Input,
    target: &D,
    loss: L,
    grad: &mut N,
) -> N::Scalar
where
    N: Trainable,
    O: Optimizer<N> + ?Sized,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation>,
{
    grad.fill(N::Scalar::ZERO);
    let value = net.backward(input, target, loss, grad);
    if value.is_finite() {
        optimizer.step(net, grad);
        net.track_statistics(grad);
    }
    value
}

/// The update AdaGrad and RMSProp share, `w -= lr g / (√h + ε)`, with `h` kept in `squares` and
/// renewed from each squared gradient by `accumulate(h, g²)`.
fn scaled_by_squares<N: Network>(
    net: &mut N,
    grad: &N,
    squares: &mut N,
    [learning_rate, epsilon, weight_decay]: [f64; 3],
    accumulate: impl Fn(N::Scalar, N::Scalar) -> N::Scalar,
) {
    let learning_rate = N::Scalar::from_f64(learning_rate);
    let epsilon = N::Scalar::from_f64(epsilon);
    let decay = N::Scalar::from_f64(weight_decay);
    for index in trained::<N>() {
        let weights = net.tensor_mut(index).iter_mut();
        let state = weights
            .zip(grad.tensor(index))
            .zip(squares.tensor_mut(index));
        for ((w, &g), h) in state {
            let g = decayed(g, *w, decay);
            *h = accumulate(*h, g * g);
            *w -= learning_rate * g / (h.sqrt() + epsilon);
        }
    }
}

/// The indices of the tensors gradient descent trains: all but batch normalisation's running
/// averages, which follow the batch statistics instead (`Trainable::track_statistics`).
fn trained<N: Network>() -> impl Iterator<Item = usize> {
    (0..N::TENSORS.len()).filter(|&index| N::TENSORS[index].kind.is_trained())
}

/// The gradient with L2 weight decay: `g + λ w`.
fn decayed<T: Scalar>(gradient: T, weight: T, weight_decay: T) -> T {
    gradient + weight_decay * weight
}
