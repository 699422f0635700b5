//! Optimisers: how a gradient changes the parameters.
//!
//! | optimiser | update, for each parameter `w` with gradient `g` | defaults |
//! | --- | --- | --- |
//! | [`Sgd`] | `w -= lr g` | (the seed's) |
//! | [`Momentum`] | `v = μ v - lr g; w += v` | `lr`, `μ = 0.9` |
//! | [`AdaGrad`] | `h += g²; w -= lr g / (√h + ε)` | `lr`, `ε = 1e-7` |
//! | [`RmsProp`] | `h = ρ h + (1 - ρ) g²; w -= lr g / (√h + ε)` | `lr`, `ρ = 0.99`, `ε = 1e-7` |
//! | [`Adam`] | `m = β₁ m + (1 - β₁) g; v = β₂ v + (1 - β₂) g²; w -= lr m̂ / (√v̂ + ε)`, with the bias corrections `m̂ = m / (1 - β₁ᵗ)`, `v̂ = v / (1 - β₂ᵗ)` | `lr = 0.001`, `β₁ = 0.9`, `β₂ = 0.999`, `ε = 1e-8` |
//!
//! Each has an optional L2 weight decay `λ` (`with_weight_decay`), which adds `λ w` to every
//! gradient. Hyper-parameters are `f64` whatever the network's scalar, so that every constructor
//! is a `const fn`: an optimiser and its network-shaped state can live in a `static` on firmware.

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

use crate::{Network, Scalar};

/// Updates a network's parameters from a gradient of its own type.
///
/// Training loops in [`crate::train`] are generic over this trait.
pub trait Optimizer<N: Network> {
    /// Applies one update: `net` moves against `grad`.
    fn step(&mut self, net: &mut N, grad: &N);
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
    for index in 0..N::TENSORS.len() {
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

/// The gradient with L2 weight decay: `g + λ w`.
fn decayed<T: Scalar>(gradient: T, weight: T, weight_decay: T) -> T {
    gradient + weight_decay * weight
}
