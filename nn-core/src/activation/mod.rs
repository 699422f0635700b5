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
/// use nn_core::activation::{Activation, Relu, Softmax};
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
}

/// Applies `f` to every element: the shape of the element-wise activations.
fn map<T: Scalar, const N: usize>(u: &[T; N], f: impl Fn(T) -> T) -> [T; N] {
    let mut z = *u;
    for value in &mut z {
        *value = f(*value);
    }
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

#[cfg(test)]
mod tests {
    use super::{NAMES, str_eq};

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
}
