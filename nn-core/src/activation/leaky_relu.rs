use super::{Activation, Differentiable, chain, copied, map};
use crate::Scalar;

/// `z = u` where `u > 0`, else `0.01 u`: a relu that keeps a small gradient for negative inputs.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, LeakyRelu};
///
/// assert_eq!(LeakyRelu::activate(&[-2.0_f64, 3.0]), [-0.02, 3.0]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeakyRelu;

impl LeakyRelu {
    /// The slope for negative inputs.
    pub const SLOPE: f64 = 0.01;
}

impl Activation for LeakyRelu {
    const NAME: &'static str = "leaky_relu";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        copied(u, Self::activate_in_place)
    }

    fn activate_in_place<T: Scalar, const N: usize>(values: &mut [T; N]) {
        let slope = T::from_f64(Self::SLOPE);
        map(values, |x| if x < T::ZERO { slope * x } else { x });
    }
}

impl Differentiable for LeakyRelu {
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N] {
        copied(dz, |du| Self::backward_in_place(u, z, du))
    }

    fn backward_in_place<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], gradient: &mut [T; N]) {
        let slope = T::from_f64(Self::SLOPE);
        chain(
            u,
            z,
            gradient,
            |u, _| if u < T::ZERO { slope } else { T::ONE },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{Activation, LeakyRelu};

    #[test]
    fn scales_negatives_by_the_slope() {
        let z = LeakyRelu::activate(&[-100.0_f32, 0.0, 4.0]);
        assert_eq!(z, [-100.0 * 0.01, 0.0, 4.0]);
    }
}
