//! Seeded initialisers over any [`rand_core::Rng`], and the default generator.
//!
//! The default generator is [`rand_pcg::Pcg32`][Pcg32] ([`DefaultRng`]): the small PRNG of the
//! `rand` project itself, `no_std`, 16 bytes of state, fast on 32-bit microcontrollers, with good
//! statistical quality and a stable, documented output stream, so a seed gives the same network
//! on every platform and release.
//!
//! [Pcg32]: https://docs.rs/rand_pcg/0.10/rand_pcg/struct.Pcg32.html

use rand_core::SeedableRng;
pub use rand_core::{self, Rng};

use crate::{Network, Scalar, TensorKind};

/// The default generator: PCG-XSH-RR 64/32.
pub type DefaultRng = rand_pcg::Pcg32;

/// The default generator seeded with `seed`.
///
/// # Examples
///
/// ```
/// use nn::init::{Rng, rng};
///
/// assert_eq!(rng(42).next_u32(), rng(42).next_u32());
/// ```
pub fn rng(seed: u64) -> DefaultRng {
    DefaultRng::seed_from_u64(seed)
}

/// How to set a network's parameters; numpy's random calls and the usual scaled initialisers.
///
/// `Zeros` to `StandardNormal` fill weights and biases alike; `Xavier` and `He`
/// draw the weights of a layer with `n` inputs from a normal distribution scaled by its fan-in, and
/// set the biases to zero.
///
/// # Examples
///
/// ```
/// use nn::init::{Init, rng};
///
/// nn::network! { struct Net: f64 = 4 => relu 3; }
///
/// let mut net = Net::zeros();
/// Init::Integers { below: 5 }.apply(&mut net, &mut rng(0));
/// assert!(net.layer1.weights.iter().flatten().all(|&w| w.fract() == 0.0 && (0.0..5.0).contains(&w)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// `np.zeros`.
    Zeros,
    /// `np.ones`.
    Ones,
    /// Uniform in `[0, 1)`: `np.random.rand`.
    Uniform,
    /// Integers in `0..below`: `np.random.randint(below)`.
    Integers {
        /// One past the largest value.
        below: u32,
    },
    /// The standard normal distribution: `np.random.randn`.
    StandardNormal,
    /// Xavier (Glorot): `randn / sqrt(n)`, for `sigmoid` and `tanh` layers.
    Xavier,
    /// He: `randn * sqrt(2 / n)`, for `relu` layers.
    He,
}

impl Init {
    /// Sets every parameter of `net`.
    pub fn apply<N: Network, R: Rng + ?Sized>(self, net: &mut N, rng: &mut R) {
        for (index, tensor) in N::TENSORS.iter().enumerate() {
            if let (Some(value), false) = (
                tensor.kind.initial(),
                matches!(self, Self::Zeros | Self::Ones),
            ) {
                net.tensor_mut(index).fill(N::Scalar::from_f64(value));
                continue;
            }
            let fan_in = tensor.fan_in as f64;
            let scale = match (self, tensor.kind) {
                (Self::Xavier | Self::He, TensorKind::Bias) => 0.0,
                (Self::Xavier, TensorKind::Weight) => 1.0 / libm::sqrt(fan_in),
                (Self::He, TensorKind::Weight) => libm::sqrt(2.0 / fan_in),
                _ => 1.0,
            };
            for value in net.tensor_mut(index) {
                let sample = match self {
                    Self::Zeros | Self::Integers { below: 0 } => 0.0,
                    Self::Ones => 1.0,
                    Self::Uniform => uniform(rng),
                    Self::Integers { below: n } => below(rng, n as usize) as f64,
                    Self::StandardNormal | Self::Xavier | Self::He => standard_normal(rng),
                };
                *value = N::Scalar::from_f64(sample * scale);
            }
        }
    }
}

/// Uniform in `[0, 1)` with 53 random bits.
pub fn uniform<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1_u64 << 53) as f64)
}

/// Standard normal, by the Box–Muller transform.
pub fn standard_normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    // 1 - uniform is in (0, 1], so the logarithm is finite.
    let radius = libm::sqrt(-2.0 * libm::log(1.0 - uniform(rng)));
    radius * libm::cos(core::f64::consts::TAU * uniform(rng))
}

/// A uniform index in `0..n` (`n > 0`), without modulo bias (Lemire's method).
pub(crate) fn below<R: Rng + ?Sized>(rng: &mut R, n: usize) -> usize {
    let n = n as u64;
    let threshold = n.wrapping_neg() % n;
    loop {
        let product = u128::from(rng.next_u64()) * u128::from(n);
        #[allow(clippy::cast_possible_truncation)] // the low and high halves of a u128
        if product as u64 >= threshold {
            return (product >> 64) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{below, rng, standard_normal, uniform};

    #[test]
    fn uniform_mean_and_range() {
        let mut rng = rng(11);
        let values: [f64; 20_000] = core::array::from_fn(|_| uniform(&mut rng));
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        let mean = values.iter().sum::<f64>() / 20_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }

    #[test]
    fn normal_mean_and_variance() {
        let mut rng = rng(12);
        let values: [f64; 20_000] = core::array::from_fn(|_| standard_normal(&mut rng));
        let mean = values.iter().sum::<f64>() / 20_000.0;
        let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / 20_000.0;
        assert!(
            mean.abs() < 0.03 && (variance - 1.0).abs() < 0.03,
            "{mean} {variance}"
        );
    }

    #[test]
    fn below_is_uniform_and_in_range() {
        let mut rng = rng(3);
        let mut counts = [0_u32; 3];
        for _ in 0..30_000 {
            counts[below(&mut rng, 3)] += 1;
        }
        for count in counts {
            assert!((9_500..10_500).contains(&count), "{counts:?}");
        }
    }
}
