#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use bytemuck::Zeroable;

use super::{Optimizer, decayed, trained};
use crate::{Network, Scalar};

/// `μ` unless set otherwise.
const DEFAULT_MOMENTUM: f64 = 0.9;

/// Gradient descent with momentum: `v = μ v - lr g; w += v`. The velocity `v` is a network of the
/// trained network's type.
///
/// # Examples
///
/// ```
/// use nn::optim::Momentum;
///
/// nn::network! { struct Net = 2 => relu 3 => identity 1; }
///
/// // In a `static`, as firmware would keep it.
/// static OPTIMIZER: Momentum<Net> = Momentum::new(0.01).with_momentum(0.8);
/// assert_eq!(OPTIMIZER.momentum, 0.8);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Momentum<N> {
    /// The step size.
    pub learning_rate: f64,
    /// How much of the previous update is kept, `μ`.
    pub momentum: f64,
    /// The L2 weight decay `λ`, 0 by default.
    pub weight_decay: f64,
    velocity: N,
}

// SAFETY: every field is an `f64` or an `N`; all-zero bytes are a valid `f64` (0.0) and, by the
// bound, a valid `N`.
#[allow(unsafe_code)]
unsafe impl<N: Zeroable> Zeroable for Momentum<N> {}

impl<N: Network> Momentum<N> {
    /// Momentum `0.9` with step size `learning_rate`, at rest.
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            momentum: DEFAULT_MOMENTUM,
            weight_decay: 0.0,
            velocity: N::ZERO,
        }
    }

    /// [`Momentum::new`] built in place on the heap, for networks too large for the stack: the
    /// velocity is allocated zeroed and never passes through the stack. Set the other
    /// hyper-parameters through the public fields (`optimizer.momentum = 0.8`).
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::optim::Momentum;
    ///
    /// nn::network! { struct Net = 2 => relu 3 => identity 1; }
    ///
    /// let mut boxed = Momentum::<Net>::new_boxed(0.1);
    /// assert_eq!(*boxed, Momentum::new(0.1));
    /// boxed.weight_decay = 1e-4;
    /// assert_eq!(*boxed, Momentum::new(0.1).with_weight_decay(1e-4));
    /// ```
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn new_boxed(learning_rate: f64) -> Box<Self> {
        let mut optimizer = crate::boxed::zeroed::<Self>();
        optimizer.learning_rate = learning_rate;
        optimizer.momentum = DEFAULT_MOMENTUM;
        optimizer
    }

    /// The same with momentum `μ`.
    #[must_use]
    pub const fn with_momentum(mut self, momentum: f64) -> Self {
        self.momentum = momentum;
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

    /// The velocity so far.
    pub const fn velocity(&self) -> &N {
        &self.velocity
    }
}

impl<N: Network> Optimizer<N> for Momentum<N> {
    fn step(&mut self, net: &mut N, grad: &N) {
        let learning_rate = N::Scalar::from_f64(self.learning_rate);
        let momentum = N::Scalar::from_f64(self.momentum);
        let decay = N::Scalar::from_f64(self.weight_decay);
        for index in trained::<N>() {
            let weights = net.tensor_mut(index).iter_mut();
            let state = weights
                .zip(grad.tensor(index))
                .zip(self.velocity.tensor_mut(index));
            for ((w, &g), v) in state {
                *v = momentum * *v - learning_rate * decayed(g, *w, decay);
                *w += *v;
            }
        }
    }
}
