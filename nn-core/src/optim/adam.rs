#[cfg(feature = "alloc")]
use alloc::boxed::Box;

use bytemuck::Zeroable;

use super::{Optimizer, decayed, trained};
use crate::{Network, Scalar};

/// `β₁`, `β₂` and `ε` unless set otherwise.
const DEFAULT_BETA1: f64 = 0.9;
const DEFAULT_BETA2: f64 = 0.999;
const DEFAULT_EPSILON: f64 = 1e-8;

/// Adam: momentum and RMSProp together, with bias correction for the first steps.
///
/// `m = β₁ m + (1 - β₁) g; v = β₂ v + (1 - β₂) g²; w -= lr m̂ / (√v̂ + ε)` where
/// `m̂ = m / (1 - β₁ᵗ)` and `v̂ = v / (1 - β₂ᵗ)` at step `t`.
///
/// # Examples
///
/// ```
/// use nn::optim::Adam;
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// // The first step of Adam moves every parameter by about `lr`, whatever the gradient's size.
/// let (mut net, mut grad) = (Line::zeros(), Line::zeros());
/// grad.layer1.weights = [[1234.0]];
/// let mut adam = Adam::new(0.001);
/// adam.step(&mut net, &grad);
/// assert!((net.layer1.weights[0][0] + 0.001).abs() < 1e-9);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Adam<N> {
    /// The step size.
    pub learning_rate: f64,
    /// The decay of the first moment, `β₁`.
    pub beta1: f64,
    /// The decay of the second moment, `β₂`.
    pub beta2: f64,
    /// Keeps the division finite, `ε`.
    pub epsilon: f64,
    /// The L2 weight decay `λ`, 0 by default.
    pub weight_decay: f64,
    /// `β₁ᵗ` and `β₂ᵗ` after `t` steps.
    powers: (f64, f64),
    first_moment: N,
    second_moment: N,
}

// SAFETY: every field is an `f64`, a pair of `f64` or an `N`; all-zero bytes are a valid `f64`
// (0.0) and, by the bound, a valid `N`.
#[allow(unsafe_code)]
unsafe impl<N: Zeroable> Zeroable for Adam<N> {}

impl<N: Network> Adam<N> {
    /// Adam with step size `learning_rate`, `β₁ = 0.9`, `β₂ = 0.999` and `ε = 1e-8`
    /// (`learning_rate = 0.001` is the usual default).
    pub const fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            beta1: DEFAULT_BETA1,
            beta2: DEFAULT_BETA2,
            epsilon: DEFAULT_EPSILON,
            weight_decay: 0.0,
            powers: (1.0, 1.0),
            first_moment: N::ZERO,
            second_moment: N::ZERO,
        }
    }

    /// [`Adam::new`] built in place on the heap, for networks too large for the stack: the two
    /// moments are allocated zeroed and never pass through the stack. Set the other
    /// hyper-parameters through the public fields (`optimizer.beta2 = 0.99`).
    ///
    /// # Examples
    ///
    /// ```
    /// use nn::optim::Adam;
    ///
    /// nn::network! { struct Wide = 784 => relu 1024 => relu 1024 => softmax 10; }
    ///
    /// let (mut net, grad) = (Wide::zeros_boxed(), Wide::zeros_boxed());
    /// let mut optimizer = Adam::new_boxed(0.01);
    /// optimizer.weight_decay = 1e-4;
    /// optimizer.step(&mut *net, &grad);
    /// ```
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn new_boxed(learning_rate: f64) -> Box<Self> {
        let mut optimizer = crate::boxed::zeroed::<Self>();
        optimizer.learning_rate = learning_rate;
        optimizer.beta1 = DEFAULT_BETA1;
        optimizer.beta2 = DEFAULT_BETA2;
        optimizer.epsilon = DEFAULT_EPSILON;
        optimizer.powers = (1.0, 1.0);
        optimizer
    }

    /// The same with moment decays `β₁` and `β₂`.
    #[must_use]
    pub const fn with_betas(mut self, beta1: f64, beta2: f64) -> Self {
        self.beta1 = beta1;
        self.beta2 = beta2;
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

impl<N: Network> Optimizer<N> for Adam<N> {
    fn step(&mut self, net: &mut N, grad: &N) {
        self.powers = (self.powers.0 * self.beta1, self.powers.1 * self.beta2);
        let scalar = N::Scalar::from_f64;
        let (beta1, beta2) = (scalar(self.beta1), scalar(self.beta2));
        let (correction1, correction2) = (scalar(1.0 - self.powers.0), scalar(1.0 - self.powers.1));
        let learning_rate = scalar(self.learning_rate);
        let epsilon = scalar(self.epsilon);
        let decay = scalar(self.weight_decay);
        let one = N::Scalar::ONE;
        for index in trained::<N>() {
            let weights = net.tensor_mut(index).iter_mut();
            let moments = self
                .first_moment
                .tensor_mut(index)
                .iter_mut()
                .zip(self.second_moment.tensor_mut(index));
            for ((w, &g), (m, v)) in weights.zip(grad.tensor(index)).zip(moments) {
                let g = decayed(g, *w, decay);
                *m = beta1 * *m + (one - beta1) * g;
                *v = beta2 * *v + (one - beta2) * g * g;
                let (m_hat, v_hat) = (*m / correction1, *v / correction2);
                *w -= learning_rate * m_hat / (v_hat.sqrt() + epsilon);
            }
        }
    }
}
