use super::{Activation, Differentiable, copied, map};
use crate::Scalar;

/// `z = max(0, u)`: the usual hidden-layer activation.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Relu};
///
/// assert_eq!(Relu::activate(&[-3.0, 0.0, 2.5]), [0.0, 0.0, 2.5]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relu;

impl Activation for Relu {
    const NAME: &'static str = "relu";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        copied(u, Self::activate_in_place)
    }

    fn activate_in_place<T: Scalar, const N: usize>(values: &mut [T; N]) {
        // `<` rather than `max` so that NaN passes through, as with numpy's `maximum`.
        map(values, |x| if x < T::ZERO { T::ZERO } else { x });
    }
}

impl Differentiable for Relu {
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N] {
        copied(dz, |du| Self::backward_in_place(u, z, du))
    }

    fn backward_in_place<T: Scalar, const N: usize>(u: &[T; N], _: &[T; N], gradient: &mut [T; N]) {
        // The derivative `d_relu` (1 where u > 0, else 0) applied as a selection rather than a
        // product, as PyTorch's `threshold_backward` does: a mask instead of a multiplication on
        // the critical path of a training step.
        for (du, &u) in gradient.iter_mut().zip(u) {
            *du = if u > T::ZERO { *du } else { T::ZERO };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, Differentiable, Relu};

    #[test]
    fn clamps_negatives_and_keeps_nan() {
        let z = Relu::activate(&[-1.0_f64, 0.5, f64::NAN]);
        assert_eq!(&z[..2], &[0.0, 0.5]);
        assert!(z[2].is_nan());
    }

    #[test]
    fn passes_the_gradient_of_open_units_only() {
        let u = [-1.0_f64, 0.5, 0.0, f64::NAN];
        let du = Relu::backward(&u, &Relu::activate(&u), &[f64::NAN, 2.0, 3.0, 4.0]);
        assert_eq!(du, [0.0, 2.0, 0.0, 0.0]);
    }
}
