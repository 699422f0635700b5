use super::{Activation, copied, map};
use crate::Scalar;

/// `z = 1` where `u > 0`, else `0`: numpy's `np.where(x > 0, 1, 0)`.
///
/// It has no useful derivative, so a network containing it can run forward but not be trained.
/// Unlike `np.where`, NaN stays NaN.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Step};
///
/// assert_eq!(Step::activate(&[-1.0, 0.0, 0.5]), [0.0, 0.0, 1.0]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Step;

impl Activation for Step {
    const NAME: &'static str = "step";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        copied(u, Self::activate_in_place)
    }

    fn activate_in_place<T: Scalar, const N: usize>(values: &mut [T; N]) {
        map(values, |x| {
            if x > T::ZERO {
                T::ONE
            } else if x <= T::ZERO {
                T::ZERO
            } else {
                x // NaN
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, Step};

    #[test]
    fn fires_above_zero_only() {
        assert_eq!(
            Step::activate(&[-2.0, 0.0, 1e-30, 3.0]),
            [0.0, 0.0, 1.0, 1.0]
        );
    }

    #[test]
    fn keeps_nan() {
        assert!(Step::activate(&[f64::NAN])[0].is_nan());
    }
}
