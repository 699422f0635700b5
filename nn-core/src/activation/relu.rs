use super::{Activation, Differentiable, chain, map};
use crate::Scalar;

/// `z = max(0, u)`: the usual hidden-layer activation.
///
/// # Examples
///
/// ```
/// use nn_core::activation::{Activation, Relu};
///
/// assert_eq!(Relu::activate(&[-3.0, 0.0, 2.5]), [0.0, 0.0, 2.5]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relu;

impl Activation for Relu {
    const NAME: &'static str = "relu";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        // `<` rather than `max` so that NaN passes through, as with numpy's `maximum`.
        map(u, |x| if x < T::ZERO { T::ZERO } else { x })
    }
}

impl Differentiable for Relu {
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N] {
        // The seed's `d_relu`: 1 where u > 0, else 0.
        chain(u, z, dz, |u, _| if u > T::ZERO { T::ONE } else { T::ZERO })
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, Relu};

    #[test]
    fn clamps_negatives_and_keeps_nan() {
        let z = Relu::activate(&[-1.0_f64, 0.5, f64::NAN]);
        assert_eq!(&z[..2], &[0.0, 0.5]);
        assert!(z[2].is_nan());
    }
}
