use super::{LOG_GUARD, Loss, PairsWith};
use crate::Scalar;
use crate::activation::Softmax;

/// Cross entropy of probabilities, `-Σ d log(y + 1e-7)` (in numpy,
/// `-np.sum(d * np.log(y + 1e-7))`) for one sample, after a `softmax` output.
///
/// The target is a class index (`usize`) or a one-hot `[T; N]`; a one-hot target gives exactly that
/// value, and any other distribution (label smoothing) is scored the same way. A class index
/// out of range has no loss: the result is NaN and the gradient zero, so it is reported, not
/// trained on.
///
/// # Examples
///
/// ```
/// use nn::loss::{CrossEntropy, Loss};
///
/// let y = [0.1_f64, 0.7, 0.2];
/// let by_index = CrossEntropy.loss(&y, &1);
/// assert_eq!(by_index, CrossEntropy.loss(&y, &[0.0, 1.0, 0.0]));
/// assert!((by_index - -(0.7_f64 + 1e-7).ln()).abs() < 1e-15);
/// assert!(CrossEntropy.loss(&y, &3).is_nan());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CrossEntropy;

impl<T: Scalar, const N: usize> Loss<T, [T; N], usize> for CrossEntropy {
    fn loss(&self, y: &[T; N], target: &usize) -> T {
        match y.get(*target) {
            Some(&y) => -(y + T::from_f64(LOG_GUARD)).ln(),
            None => T::NAN,
        }
    }

    fn gradient(&self, y: &[T; N], target: &usize) -> [T; N] {
        let mut dy = [T::ZERO; N];
        if let (Some(dy), Some(&y)) = (dy.get_mut(*target), y.get(*target)) {
            *dy = -T::ONE / (y + T::from_f64(LOG_GUARD));
        }
        dy
    }
}

impl<T: Scalar, const N: usize> Loss<T, [T; N], [T; N]> for CrossEntropy {
    fn loss(&self, y: &[T; N], target: &[T; N]) -> T {
        let mut sum = T::ZERO;
        for (&y, &d) in y.iter().zip(target) {
            if d != T::ZERO {
                sum -= d * (y + T::from_f64(LOG_GUARD)).ln();
            }
        }
        sum
    }

    fn gradient(&self, y: &[T; N], target: &[T; N]) -> [T; N] {
        let mut dy = *y;
        for (dy, &d) in dy.iter_mut().zip(target) {
            *dy = -d / (*dy + T::from_f64(LOG_GUARD));
        }
        dy
    }
}

impl PairsWith<Softmax> for CrossEntropy {}
