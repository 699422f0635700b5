use super::{LOG_GUARD, Loss, PairsWith};
use crate::Scalar;
use crate::activation::Sigmoid;

/// Binary cross entropy, `-mean(d log(y + 1e-7) + (1 - d) log(1 - y + 1e-7))`, after a `sigmoid`
/// output: the loss for binary classification, one independent yes/no per output.
///
/// # Examples
///
/// ```
/// use nn::loss::{BinaryCrossEntropy, Loss};
///
/// let loss = BinaryCrossEntropy.loss(&[0.9_f64, 0.2], &[1.0, 0.0]);
/// let expected = -((0.9_f64 + 1e-7).ln() + (0.8_f64 + 1e-7).ln()) / 2.0;
/// assert!((loss - expected).abs() < 1e-15);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BinaryCrossEntropy;

impl<T: Scalar, const N: usize> Loss<T, [T; N], [T; N]> for BinaryCrossEntropy {
    fn loss(&self, y: &[T; N], target: &[T; N]) -> T {
        let guard = T::from_f64(LOG_GUARD);
        let mut sum = T::ZERO;
        for (&y, &d) in y.iter().zip(target) {
            sum -= d * (y + guard).ln() + (T::ONE - d) * (T::ONE - y + guard).ln();
        }
        sum / T::from_f64(N as f64)
    }

    fn gradient(&self, y: &[T; N], target: &[T; N]) -> [T; N] {
        let guard = T::from_f64(LOG_GUARD);
        let scale = T::ONE / T::from_f64(N as f64);
        let mut dy = *y;
        for (dy, &d) in dy.iter_mut().zip(target) {
            let y = *dy;
            *dy = (-d / (y + guard) + (T::ONE - d) / (T::ONE - y + guard)) * scale;
        }
        dy
    }
}

impl PairsWith<Sigmoid> for BinaryCrossEntropy {}
