//! numpy-like `Display` for vectors and matrices, without allocation.

use core::fmt::{self, Write};

use crate::Scalar;

/// numpy prints at most 8 decimals; so does this module unless a precision is given (`{:.3}`).
const DEFAULT_PRECISION: usize = 8;

/// Displays a slice as `[0.6, 1.3, 2]`, as numpy prints arrays: each number in the shortest form
/// that reads back the same, cut to at most 8 decimals (or the formatter's precision).
///
/// # Examples
///
/// ```
/// use nn::Vector;
///
/// let u = [1.4_f64, 2.2, 2.999_999_999_999_999_6];
/// assert_eq!(format!("{}", Vector(&u)), "[1.4, 2.2, 3]");
/// assert_eq!(format!("{:.2}", Vector(&[0.123_f32, 1e-9])), "[0.12, 1e-9]");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Vector<'a, T>(pub &'a [T]);

/// Displays a matrix one row per line, as numpy does.
///
/// # Examples
///
/// ```
/// use nn::Matrix;
///
/// let w = [[0.1_f64, 0.3], [0.2, 0.4]];
/// assert_eq!(format!("{}", Matrix(&w)), "[[0.1, 0.3],\n [0.2, 0.4]]");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Matrix<'a, T, const N: usize>(pub &'a [[T; N]]);

impl<T: Scalar> fmt::Display for Vector<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(DEFAULT_PRECISION);
        f.write_char('[')?;
        for (i, &x) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write_number(f, x, precision)?;
        }
        f.write_char(']')
    }
}

impl<T: Scalar, const N: usize> fmt::Display for Matrix<'_, T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('[')?;
        for (i, row) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",\n ")?;
            }
            fmt::Display::fmt(&Vector(row), f)?;
        }
        f.write_char(']')
    }
}

/// Writes `x` as numpy does: the shortest form that reads back as the same number, cut to at most
/// `precision` decimals; very large and very small magnitudes in scientific notation.
fn write_number<T: Scalar>(f: &mut fmt::Formatter<'_>, x: T, precision: usize) -> fmt::Result {
    let magnitude = x.abs().to_f64();
    let fixed = x == T::ZERO || (1e-4..1e16).contains(&magnitude);
    if !x.is_finite() || !fixed {
        return write!(f, "{x:e}");
    }
    let mut shortest = Buffer::new();
    if write!(shortest, "{x}").is_ok() && decimals(shortest.as_str()) <= precision {
        return f.write_str(shortest.as_str());
    }
    let mut rounded = Buffer::new();
    if write!(rounded, "{x:.precision$}").is_err() {
        // More digits than the buffer holds: print them all rather than trim.
        return write!(f, "{x:.precision$}");
    }
    f.write_str(trim_zeros(rounded.as_str()))
}

/// The number of digits after the decimal point.
fn decimals(number: &str) -> usize {
    number.find('.').map_or(0, |dot| number.len() - dot - 1)
}

/// `"3.1400"` -> `"3.14"`, `"3.000"` -> `"3"`; strings without a `.` are left alone.
fn trim_zeros(number: &str) -> &str {
    if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    }
}

/// A fixed-size ASCII buffer to format one number into before trimming it.
struct Buffer {
    bytes: [u8; 64],
    len: usize,
}

impl Buffer {
    fn new() -> Self {
        Self {
            bytes: [0; 64],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only `fmt::Write::write_str` fills the buffer, always with whole `&str`s.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl fmt::Write for Buffer {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let target = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        target.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;

    use super::{Matrix, Vector};

    #[test]
    fn trims_like_numpy() {
        let v = [0.6_f64, 1.3, 2.0, -0.0, 0.802_183_888_558_581_8];
        assert_eq!(format!("{}", Vector(&v)), "[0.6, 1.3, 2, -0, 0.80218389]");
    }

    #[test]
    fn f32_prints_its_own_shortest_form() {
        assert_eq!(format!("{}", Vector(&[0.6_f32, 1.3])), "[0.6, 1.3]");
        assert_eq!(format!("{}", Vector(&[1.400_000_1_f32])), "[1.4000001]");
        assert_eq!(format!("{}", Vector(&[0.123_456_789_f64])), "[0.12345679]");
    }

    #[test]
    fn extremes_use_scientific_notation() {
        let v = [1e-7_f64, 1e20, f64::INFINITY, f64::NAN];
        assert_eq!(format!("{}", Vector(&v)), "[1e-7, 1e20, inf, NaN]");
    }

    #[test]
    fn precision_is_honoured() {
        assert_eq!(format!("{:.3}", Vector(&[1.234_567_f64])), "[1.235]");
        assert_eq!(
            format!("{:.40}", Vector(&[1.0_f64 / 3.0])),
            "[0.3333333333333333]"
        );
    }

    #[test]
    fn empty_and_matrix() {
        assert_eq!(format!("{}", Vector::<f32>(&[])), "[]");
        let m = [[1.0_f32, 2.0], [3.0, 4.0], [5.0, 6.0]];
        assert_eq!(format!("{}", Matrix(&m)), "[[1, 2],\n [3, 4],\n [5, 6]]");
    }
}
