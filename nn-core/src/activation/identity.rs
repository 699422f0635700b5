use super::{Activation, Differentiable};
use crate::Scalar;

/// `z = u`: the output of a regression network.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Identity};
///
/// assert_eq!(Identity::activate(&[-1.5, 2.0]), [-1.5, 2.0]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Identity;

impl Activation for Identity {
    const NAME: &'static str = "identity";

    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N] {
        *u
    }

    fn activate_in_place<T: Scalar, const N: usize>(_: &mut [T; N]) {}
}

impl Differentiable for Identity {
    fn backward<T: Scalar, const N: usize>(_: &[T; N], _: &[T; N], dz: &[T; N]) -> [T; N] {
        *dz
    }

    fn backward_in_place<T: Scalar, const N: usize>(_: &[T; N], _: &[T; N], _: &mut [T; N]) {}
}
