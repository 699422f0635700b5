use super::{Loss, PairsWith};
use crate::Scalar;
use crate::activation::Activation;

/// Mean squared error, `mean((d - y)²) / 2` over every element: numpy's `np.mean((d - y) ** 2) / 2`.
///
/// The `1/2` makes the gradient `(y - d) / N`, its exact derivative.
///
/// # Examples
///
/// ```
/// use nn::loss::{Loss, Mse};
///
/// assert_eq!(Mse.loss(&[3.0_f64], &[1.0]), 2.0);
/// assert_eq!(Mse.gradient(&[3.0_f64], &[1.0]), [2.0]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mse;

impl<T: Scalar, const N: usize> Loss<T, [T; N], [T; N]> for Mse {
    fn loss(&self, y: &[T; N], target: &[T; N]) -> T {
        let mut sum = T::ZERO;
        for (&y, &d) in y.iter().zip(target) {
            sum += (d - y) * (d - y);
        }
        sum / T::from_f64(2.0 * N as f64)
    }

    fn gradient(&self, y: &[T; N], target: &[T; N]) -> [T; N] {
        let scale = T::ONE / T::from_f64(N as f64);
        let mut dy = *y;
        for (dy, &d) in dy.iter_mut().zip(target) {
            *dy = (*dy - d) * scale;
        }
        dy
    }
}

// Any output: whether the network can be trained at all is `Differentiable`'s question.
impl<A: Activation> PairsWith<A> for Mse {}
