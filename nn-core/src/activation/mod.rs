//! Activation functions: what a layer applies to its total input `u` to give its output `z`.
//!
//! | name in `network!` | type | `z` |
//! | --- | --- | --- |
//! | `identity` | [`Identity`] | `u` |
//! | `step` | [`Step`] | `1` where `u > 0`, else `0` |
//! | `sigmoid` | [`Sigmoid`] | `1 / (1 + e^-u)` |
//! | `relu` | [`Relu`] | `max(0, u)` |
//! | `tanh` | [`Tanh`] | `tanh(u)` |
//! | `leaky_relu` | [`LeakyRelu`] | `u` where `u > 0`, else `0.01 u` |
//! | `softmax` | [`Softmax`] | `e^(u - max u) / Σ e^(u - max u)` |
//!
//! All but `softmax` act element by element. NaN in gives NaN out, so bad data is never hidden
//! behind a plausible number.
//!
//! The list of names is [`NAMES`], which `network!` reads too: an activation is added by writing
//! its type in a file of its own and adding one line to the table at the end of this module.

mod identity;
mod leaky_relu;
mod relu;
mod sigmoid;
mod softmax;
mod step;
mod tanh;

pub use identity::Identity;
pub use leaky_relu::LeakyRelu;
pub use relu::Relu;
pub use sigmoid::Sigmoid;
pub use softmax::Softmax;
pub use step::Step;
pub use tanh::Tanh;

use crate::Scalar;

/// A function from a layer's total input `u` to its output `z`, applied to the whole vector.
///
/// # Examples
///
/// ```
/// use nn::activation::{Activation, Relu, Softmax};
///
/// assert_eq!(Relu::activate(&[-1.0, 2.0]), [0.0, 2.0]);
/// assert_eq!(Softmax::activate(&[5.0_f64, 5.0]), [0.5, 0.5]);
/// assert_eq!(Relu::NAME, "relu");
/// ```
pub trait Activation {
    /// The name `network!` knows this activation by.
    const NAME: &'static str;

    /// Computes `z = f(u)`.
    fn activate<T: Scalar, const N: usize>(u: &[T; N]) -> [T; N];

    /// Computes `z = f(u)` in place, `values` holding `u` then `z`: no second array, as inference
    /// in an arena needs (`forward_in`). By default through [`Activation::activate`].
    fn activate_in_place<T: Scalar, const N: usize>(values: &mut [T; N]) {
        *values = Self::activate(values);
    }
}

/// An activation that can be trained through: the backward pass of its forward function.
///
/// Every activation but [`Step`] implements it; a network containing `step` runs forward but cannot
/// be trained, and calling `backward` on it is a compile error that says so.
///
/// # Examples
///
/// ```
/// use nn::activation::{Differentiable, Activation, Sigmoid};
///
/// // d sigmoid / du at u = 0 is 1/4.
/// let u = [0.0_f64];
/// let z = Sigmoid::activate(&u);
/// assert_eq!(Sigmoid::backward(&u, &z, &[1.0]), [0.25]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no derivative to train with, so a network containing it cannot be trained",
    label = "this network contains `{Self}`",
    note = "`step` is flat everywhere except at 0: no gradient passes through it; a network with it can run `forward` only",
    note = "for a trainable network use `sigmoid` (the smooth step) or `relu`"
)]
pub trait Differentiable: Activation {
    /// Given the total input `u`, the output `z = f(u)` and the gradient `dz` of the loss with
    /// respect to `z`, returns the gradient with respect to `u` (the vector-Jacobian product).
    fn backward<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], dz: &[T; N]) -> [T; N];

    /// [`Differentiable::backward`] in place, `gradient` holding `dz` then `du`: no second
    /// array, as training in an arena needs (`backward_in`). By default through `backward`.
    fn backward_in_place<T: Scalar, const N: usize>(u: &[T; N], z: &[T; N], gradient: &mut [T; N]) {
        *gradient = Self::backward(u, z, gradient);
    }
}

/// Applies `f` to every element, in place: the shape of the element-wise activations.
fn map<T: Scalar, const N: usize>(values: &mut [T; N], f: impl Fn(T) -> T) {
    for value in values {
        *value = f(*value);
    }
}

/// `activate` of an element-wise activation: `activate_in_place` on a copy; or `backward`:
/// `backward_in_place` on a copy of `dz`.
fn copied<T: Scalar, const N: usize>(u: &[T; N], activate: impl Fn(&mut [T; N])) -> [T; N] {
    let mut z = *u;
    activate(&mut z);
    z
}

/// Ties each name in `network!` to its type, in one place.
macro_rules! table {
    ($($name:ident => $ty:ident,)*) => {
        /// Every activation name `network!` accepts, in the order of the table above.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The activation types under the names `network!` writes them with; generated code
        /// refers to these.
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub mod by_name {
            $(pub type $name = super::$ty;)*
        }

        $(const _: () = assert!(
            str_eq(<$ty as Activation>::NAME, stringify!($name)),
            concat!("`", stringify!($ty), "::NAME` must be `", stringify!($name), "`"),
        );)*
    };
}

table! {
    identity => Identity,
    step => Step,
    sigmoid => Sigmoid,
    relu => Relu,
    tanh => Tanh,
    leaky_relu => LeakyRelu,
    softmax => Softmax,
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `dz · f'(u)` element by element, in place in `gradient` (`dz`, then `du`), `derivative`
/// given `(u, z)`: the backward pass of the element-wise activations.
fn chain<T: Scalar, const N: usize>(
    u: &[T; N],
    z: &[T; N],
    gradient: &mut [T; N],
    derivative: impl Fn(T, T) -> T,
) {
    for ((du, &u), &z) in gradient.iter_mut().zip(u).zip(z) {
        *du *= derivative(u, z);
    }
}

#[cfg(test)]
mod tests {
    use super::{Differentiable, Identity, LeakyRelu, NAMES, Relu, Sigmoid, Softmax, Tanh, str_eq};

    #[test]
    fn table_lists_every_activation_once() {
        assert_eq!(
            NAMES,
            [
                "identity",
                "step",
                "sigmoid",
                "relu",
                "tanh",
                "leaky_relu",
                "softmax"
            ]
        );
    }

    #[test]
    fn str_eq_compares_bytes() {
        assert!(str_eq("relu", "relu"));
        assert!(!str_eq("relu", "rel"));
        assert!(!str_eq("relu", "relv"));
    }

    /// `backward_in_place` turns `dz` into `backward`'s `du`, bit for bit, and `activate_in_place`
    /// `u` into `activate`'s `z`.
    fn in_place_as_by_value<A: Differentiable>() {
        let u = [-2.5_f64, -0.0, 0.0, 0.3, 1.7, 40.0];
        let dz = [0.7, -1.3, 2.0, 0.25, -0.6, 3.1];
        let z = A::activate(&u);
        let mut values = u;
        A::activate_in_place(&mut values);
        assert_eq!(values, z, "{}", A::NAME);
        let mut gradient = dz;
        A::backward_in_place(&u, &z, &mut gradient);
        assert_eq!(gradient, A::backward(&u, &z, &dz), "{}", A::NAME);
        assert_ne!(
            gradient,
            dz,
            "{}: the derivative is not 1 everywhere",
            A::NAME
        );
    }

    #[test]
    fn in_place_forms_compute_the_by_value_ones() {
        in_place_as_by_value::<Relu>();
        in_place_as_by_value::<LeakyRelu>();
        in_place_as_by_value::<Sigmoid>();
        in_place_as_by_value::<Tanh>();
        in_place_as_by_value::<Softmax>();
        // Identity's derivative is 1: `du` is `dz`.
        let mut gradient = [0.5_f64, -2.0];
        Identity::backward_in_place(&[1.0, 2.0], &[1.0, 2.0], &mut gradient);
        assert_eq!(gradient, [0.5, -2.0]);
    }
}
