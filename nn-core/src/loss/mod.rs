//! Loss functions: how far a network's output `y` is from the target `d`, and its gradient.
//!
//! | loss | pairs with the output | target | value for one sample |
//! | --- | --- | --- | --- |
//! | [`Mse`] | any trainable activation (regression: `identity`) | `[T; N]` | `mean((d - y)²) / 2` |
//! | [`CrossEntropy`] | `softmax` (multi-class) | class index `usize`, or one-hot `[T; N]` | `-Σ d log(y + 1e-7)` |
//! | [`BinaryCrossEntropy`] | `sigmoid` (binary, multi-label) | `[T; N]` of 0 and 1 | `-mean(d log(y + 1e-7) + (1 - d) log(1 - y + 1e-7))` |
//!
//! Pairing a loss with an output it cannot be right for (cross entropy after `identity`, say) is a
//! compile error naming the pair; so is a target of the wrong width.

mod binary_cross_entropy;
mod cross_entropy;
mod mse;

pub use binary_cross_entropy::BinaryCrossEntropy;
pub use cross_entropy::CrossEntropy;
pub use mse::Mse;

/// The guard against `log(0)`: `np.log(y + 1e-7)`.
const LOG_GUARD: f64 = 1e-7;

/// A loss for network outputs `Y` (`[T; N]`) against targets of type `Target`.
///
/// # Examples
///
/// ```
/// use nn::loss::{Loss, Mse};
///
/// let (y, d) = ([1.5_f64, 1.0, 3.25], [1.0, 2.0, 3.0]);
/// assert_eq!(Mse.loss(&y, &d), 0.21875);
/// assert_eq!(Mse.gradient(&y, &d), [0.5 / 3.0, -1.0 / 3.0, 0.25 / 3.0]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot compare a network output `{Y}` with a target of type `{Target}`",
    label = "`{Self}` does not take a `{Target}` target here",
    note = "a target is an array of the network's output width, `{Y}`; `CrossEntropy` also takes a class index `usize`"
)]
pub trait Loss<T, Y, Target> {
    /// The loss of one sample.
    fn loss(&self, y: &Y, target: &Target) -> T;
    /// The exact derivative of [`Loss::loss`] with respect to `y`.
    fn gradient(&self, y: &Y, target: &Target) -> Y;
}

/// Marks the output activations a loss is right for. A network's `backward` requires its loss to
/// pair with the network's output activation.
#[diagnostic::on_unimplemented(
    message = "the loss `{Self}` does not pair with the output activation `{A}`",
    label = "`{Self}` after an output layer of `{A}`",
    note = "`Mse` pairs with every trainable output; `CrossEntropy` needs the probabilities of `softmax`; `BinaryCrossEntropy` needs those of `sigmoid`"
)]
pub trait PairsWith<A> {}
