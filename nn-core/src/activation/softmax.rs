use super::{Activation, Differentiable, copied};
use crate::Scalar;

/// `z = e^(u - max u) / Σ e^(u - max u)`: turns scores into probabilities that sum to 1; the
/// output of a multi-class classifier.
///
/// Subtracting the maximum first is the usual guard against overflow: `e^1000` overflows, `e^0`
/// does not, and the result is the same. Any NaN input makes every output NaN.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Softmax};
///
/// let z = Softmax::activate(&[1000.0_f64, 1000.0]);
/// assert_eq!(z, [0.5, 0.5]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Softmax;

impl Activation for Softmax {
    const NAME: &'static str = "softmax";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        let max = u
            .iter()
            .fold(T::NEG_INFINITY, |max, &x| if x > max { x } else { max });
        let mut z = *u;
        let mut sum = T::ZERO;
        for value in &mut z {
            *value = (*value - max).exp();
            sum += *value;
        }
        for value in &mut z {
            *value /= sum;
        }
        z
    }
}

impl Differentiable for Softmax {
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N] {
        copied(dz, |du| Self::backward_in_place(u, z, du))
    }

    fn backward_in_place<T: Scalar, const N: usize>(_: &[T; N], z: &[T; N], gradient: &mut [T; N]) {
        // du_j = z_j (dz_j - sum_k dz_k z_k): the softmax Jacobian applied to dz.
        let mut dot = T::ZERO;
        for (&dz, &z) in gradient.iter().zip(z) {
            dot += dz * z;
        }
        for (du, &z) in gradient.iter_mut().zip(z) {
            *du = z * (*du - dot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, Softmax};

    #[test]
    fn sums_to_one() {
        let z = Softmax::activate(&[0.1_f64, -4.0, 2.5, 0.0]);
        assert!((z.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn shifting_inputs_changes_nothing() {
        let a = Softmax::activate(&[1.0_f64, 2.0, 3.0]);
        let b = Softmax::activate(&[701.0_f64, 702.0, 703.0]);
        for (a, b) in a.iter().zip(&b) {
            assert!((a - b).abs() < 1e-15);
        }
    }

    #[test]
    fn nan_spreads_to_every_output() {
        assert!(
            Softmax::activate(&[1.0_f32, f32::NAN])
                .iter()
                .all(|z| z.is_nan())
        );
    }
}
