use super::{Activation, Differentiable, chain, copied, map};
use crate::Scalar;

/// `z = 1 / (1 + e^-u)`: squashes into `(0, 1)`; the output of a binary classifier.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Sigmoid};
///
/// assert_eq!(Sigmoid::activate(&[0.0_f64]), [0.5]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sigmoid;

impl Activation for Sigmoid {
    const NAME: &'static str = "sigmoid";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        copied(u, Self::activate_in_place)
    }

    fn activate_in_place<T: Scalar, const N: usize>(values: &mut [T; N]) {
        map(values, |x| T::ONE / (T::ONE + (-x).exp()));
    }
}

impl Differentiable for Sigmoid {
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N] {
        copied(dz, |du| Self::backward_in_place(u, z, du))
    }

    fn backward_in_place<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], gradient: &mut [T; N]) {
        chain(u, z, gradient, |_, z| z * (T::ONE - z));
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, Sigmoid};

    #[test]
    fn matches_closed_form() {
        // 1 / (1 + e^-2) and its mirror, to the last bits of f64.
        let z = Sigmoid::activate(&[2.0_f64, -2.0]);
        assert!((z[0] - 0.880_797_077_977_882_3).abs() < 1e-16);
        assert!((z[1] - 0.119_202_922_022_117_6).abs() < 1e-16);
    }

    #[test]
    fn saturates_without_nan() {
        assert_eq!(Sigmoid::activate(&[1000.0_f32, -1000.0]), [1.0, 0.0]);
    }
}
