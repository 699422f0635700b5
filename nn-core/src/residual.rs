//! The sum that ends a residual block, and the gradients that add up where a value is read twice.

use crate::Scalar;

/// `sum = a + b`, value by value: a residual block's output plus its input (or its shortcut's
/// output).
///
/// # Examples
///
/// ```
/// let mut sum = [0.0; 3];
/// nn::residual::add(&[1.0, 2.0, 3.0], &[0.5, 0.5, -3.0], &mut sum);
/// assert_eq!(sum, [1.5, 2.5, 0.0]);
/// ```
pub fn add<T: Scalar, const N: usize>(a: &[T; N], b: &[T; N], sum: &mut [T; N]) {
    for ((sum, &a), &b) in sum.iter_mut().zip(a).zip(b) {
        *sum = a + b;
    }
}

/// `a += b`, value by value: a second gradient into the gradient of a value two layers read.
///
/// # Examples
///
/// ```
/// let mut gradient = [1.0, 2.0];
/// nn::residual::add_into(&mut gradient, &[0.25, -2.0]);
/// assert_eq!(gradient, [1.25, 0.0]);
/// ```
pub fn add_into<T: Scalar, const N: usize>(a: &mut [T; N], b: &[T; N]) {
    for (a, &b) in a.iter_mut().zip(b) {
        *a += b;
    }
}
