//! What a network computed, layer by layer.

use core::fmt;

use crate::{Scalar, Vector};

/// What one dense layer computed: its total input `u = x·W + b` and its output `z = f(u)`.
///
/// A generated network's `trace` returns one of these per layer.
///
/// # Examples
///
/// ```
/// nn::network! { struct Net: f64 = 2 => relu 2; }
///
/// let mut net = Net::ones();
/// net.layer1.bias = [-4.0, 0.0];
/// let trace = net.trace(&[1.0, 2.0]);
/// assert_eq!(trace.layer1.u, [-1.0, 3.0]);
/// assert_eq!(trace.layer1.z, [0.0, 3.0]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerTrace<T, const N: usize> {
    /// The total input `u = x·W + b`.
    pub u: [T; N],
    /// The output `z = f(u)`.
    pub z: [T; N],
}

/// Writes one line of a trace, `label = [values]`, the label padded to `width` characters so the
/// values line up. Generated `Display` impls call this.
#[doc(hidden)]
pub fn write_row<T: Scalar>(
    f: &mut fmt::Formatter<'_>,
    label: &str,
    width: usize,
    values: &[T],
) -> fmt::Result {
    f.write_str(label)?;
    for _ in label.chars().count()..width {
        f.write_str(" ")?;
    }
    f.write_str(" = ")?;
    fmt::Display::fmt(&Vector(values), f)?;
    f.write_str("\n")
}
