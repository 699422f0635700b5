use super::{Activation, Differentiable, chain, copied, map};
use crate::Scalar;

/// `z = tanh(u)`: squashes into `(-1, 1)`.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Tanh};
///
/// assert_eq!(Tanh::activate(&[0.0_f64]), [0.0]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tanh;

impl Activation for Tanh {
    const NAME: &'static str = "tanh";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        copied(u, Self::activate_in_place)
    }

    fn activate_in_place<T: Scalar, const N: usize>(values: &mut [T; N]) {
        map(values, T::tanh);
    }
}

impl Differentiable for Tanh {
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N] {
        copied(dz, |du| Self::backward_in_place(u, z, du))
    }

    fn backward_in_place<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], gradient: &mut [T; N]) {
        chain(u, z, gradient, |_, z| T::ONE - z * z);
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, Tanh};

    #[test]
    fn matches_closed_form() {
        // tanh(1) = (e^2 - 1) / (e^2 + 1)
        let z = Tanh::activate(&[1.0_f64, -1.0]);
        assert!((z[0] - 0.761_594_155_955_764_9).abs() < 1e-16);
        assert_eq!(z[1], -z[0]);
    }
}
