//! The number type of a network.

use core::fmt::{Debug, Display, LowerExp};
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// The number type a network computes in: implemented for `f32` and `f64`.
///
/// `core` has no `exp`, `ln` or `tanh` without `std`, so these come from the
/// [`libm`](https://docs.rs/libm) crate: a pure-Rust port of musl's libm that builds for every
/// target, Cortex-M0 without an FPU included, and is what `num-traits` itself uses under its
/// `libm` feature. Depending on it directly keeps the few functions needed here without
/// `num-traits`' larger trait tower.
///
/// The trait is sealed: networks are generated for `f32` and `f64` only, and methods can be added
/// to it without breaking anyone.
///
/// # Examples
///
/// ```
/// use nn::Scalar;
///
/// fn logistic<T: Scalar>(x: T) -> T {
///     T::ONE / (T::ONE + (-x).exp())
/// }
/// assert_eq!(logistic(0.0_f64), 0.5);
/// assert_eq!(<f32 as Scalar>::NAME, "f32");
/// ```
pub trait Scalar:
    sealed::Sealed
    + bytemuck::Pod
    + Copy
    + Default
    + PartialOrd
    + Debug
    + Display
    + LowerExp
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Send
    + Sync
    + 'static
{
    /// `0`.
    const ZERO: Self;
    /// `1`.
    const ONE: Self;
    /// Negative infinity, the identity of `max`.
    const NEG_INFINITY: Self;
    /// Not a number: what a loss returns for a target it cannot score.
    const NAN: Self;
    /// The type's Rust name, `"f32"` or `"f64"`.
    const NAME: &'static str;
    /// Its size in bytes.
    const SIZE: usize;
    /// Its bytes, `[u8; SIZE]`.
    type Bytes: Copy + Default + AsRef<[u8]> + AsMut<[u8]>;

    /// The little-endian bytes.
    fn to_le_bytes(self) -> Self::Bytes;
    /// The value of little-endian bytes.
    #[must_use]
    fn from_le_bytes(bytes: Self::Bytes) -> Self;

    /// The value of a slice of little-endian bytes; `None` unless it is exactly `SIZE` long.
    fn from_le_slice(bytes: &[u8]) -> Option<Self> {
        let mut array = Self::Bytes::default();
        if bytes.len() != array.as_ref().len() {
            return None;
        }
        array.as_mut().copy_from_slice(bytes);
        Some(Self::from_le_bytes(array))
    }

    /// Converts from `f64`, rounding to the nearest value for `f32`.
    #[must_use]
    fn from_f64(value: f64) -> Self;
    /// Converts to `f64` (exact for both types).
    fn to_f64(self) -> f64;
    /// `e^self`.
    #[must_use]
    fn exp(self) -> Self;
    /// The natural logarithm.
    #[must_use]
    fn ln(self) -> Self;
    /// The hyperbolic tangent.
    #[must_use]
    fn tanh(self) -> Self;
    /// The square root.
    #[must_use]
    fn sqrt(self) -> Self;
    /// The absolute value.
    #[must_use]
    fn abs(self) -> Self;
    /// `true` unless the value is NaN or infinite.
    fn is_finite(self) -> bool;
    /// `self * a + b` with a single rounding. One instruction on a CPU with FMA when `std` is on
    /// (the large layers' kernels use it only there); a slow software routine otherwise.
    #[must_use]
    fn mul_add(self, a: Self, b: Self) -> Self;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

macro_rules! impl_scalar {
    ($t:ident, $exp:path, $ln:path, $tanh:path, $sqrt:path, $fma:path) => {
        impl Scalar for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const NEG_INFINITY: Self = $t::NEG_INFINITY;
            const NAN: Self = $t::NAN;
            const NAME: &'static str = stringify!($t);
            const SIZE: usize = core::mem::size_of::<$t>();
            type Bytes = [u8; core::mem::size_of::<$t>()];

            fn to_le_bytes(self) -> Self::Bytes {
                $t::to_le_bytes(self)
            }
            fn from_le_bytes(bytes: Self::Bytes) -> Self {
                $t::from_le_bytes(bytes)
            }

            #[allow(clippy::cast_possible_truncation)] // rounding to f32 is the point
            fn from_f64(value: f64) -> Self {
                value as $t
            }
            fn to_f64(self) -> f64 {
                f64::from(self)
            }
            fn exp(self) -> Self {
                $exp(self)
            }
            fn ln(self) -> Self {
                $ln(self)
            }
            fn tanh(self) -> Self {
                $tanh(self)
            }
            fn sqrt(self) -> Self {
                $sqrt(self)
            }
            fn abs(self) -> Self {
                $t::abs(self)
            }
            fn is_finite(self) -> bool {
                $t::is_finite(self)
            }
            #[cfg(feature = "std")]
            fn mul_add(self, a: Self, b: Self) -> Self {
                std::primitive::$t::mul_add(self, a, b)
            }
            #[cfg(not(feature = "std"))]
            fn mul_add(self, a: Self, b: Self) -> Self {
                $fma(self, a, b)
            }
        }
    };
}

impl_scalar!(
    f32,
    libm::expf,
    libm::logf,
    libm::tanhf,
    libm::sqrtf,
    libm::fmaf
);
impl_scalar!(f64, libm::exp, libm::log, libm::tanh, libm::sqrt, libm::fma);

#[cfg(test)]
mod tests {
    use super::Scalar;

    #[test]
    fn math_matches_known_values() {
        assert_eq!(Scalar::exp(0.0_f64), 1.0);
        assert!((Scalar::exp(1.0_f64) - core::f64::consts::E).abs() < 1e-15);
        assert!((Scalar::ln(core::f64::consts::E) - 1.0_f64).abs() < 1e-15);
        assert!((Scalar::tanh(0.5_f64) - 0.462_117_157_260_009_8).abs() < 1e-15);
        assert!((Scalar::exp(1.0_f32) - core::f32::consts::E).abs() < 1e-6);
        assert_eq!(Scalar::sqrt(9.0_f32), 3.0);
        assert_eq!(Scalar::abs(-2.5_f64), 2.5);
        // (1 + e)² = 1 + 2e + e² for e = 2^-30: e² survives only without a rounding between the
        // multiplication and the addition.
        let e = 1.0 / 1_073_741_824.0_f64;
        assert_eq!(Scalar::mul_add(1.0 + e, 1.0 + e, -1.0), 2.0 * e + e * e);
        assert_eq!((1.0 + e) * (1.0 + e) - 1.0, 2.0 * e);
    }

    #[test]
    fn bytes_are_little_endian() {
        assert_eq!(Scalar::to_le_bytes(1.0_f32), [0, 0, 0x80, 0x3f]);
        assert_eq!(
            <f64 as Scalar>::from_le_bytes(Scalar::to_le_bytes(-0.1_f64)),
            -0.1
        );
        assert_eq!((<f32 as Scalar>::SIZE, <f64 as Scalar>::SIZE), (4, 8));
        assert_eq!(
            <f32 as Scalar>::from_le_slice(&[0, 0, 0x80, 0x3f]),
            Some(1.0)
        );
        assert_eq!(<f32 as Scalar>::from_le_slice(&[0, 0, 0x80]), None);
    }

    #[test]
    fn conversions_round_trip() {
        assert_eq!(f32::from_f64(0.1).to_f64(), f64::from(0.1_f32));
        assert_eq!(f64::from_f64(0.1), 0.1);
        assert!(!f32::NEG_INFINITY.is_finite());
        assert!(!f64::from_f64(f64::NAN).is_finite());
    }
}
