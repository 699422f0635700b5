//! Optimisers: how a gradient changes the parameters.

mod sgd;

pub use sgd::Sgd;

use crate::Network;

/// Updates a network's parameters from a gradient of its own type.
///
/// Training loops in [`crate::train`] are generic over this trait.
pub trait Optimizer<N: Network> {
    /// Applies one update: `net` moves against `grad`.
    fn step(&mut self, net: &mut N, grad: &N);
}
