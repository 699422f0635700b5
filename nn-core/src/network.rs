//! The trait every generated network implements.

use crate::{Scalar, Summary};

/// A network declared with `network!`: what generic code (training loops, checks, save and load)
/// needs to know about it.
///
/// The generated struct also has inherent methods and constants of the same names, so the trait
/// only needs importing for code that is generic over networks.
///
/// # Examples
///
/// ```
/// use nn::Network;
///
/// nn::network! { struct Seed3 = 2 => relu 3 => relu 2 => identity 2; }
///
/// fn describe<N: Network>(net: &N, x: &N::Input) -> (usize, N::Output) {
///     (N::PARAMETERS, net.forward(x))
/// }
/// let (parameters, y) = describe(&Seed3::ones(), &[1.0, 2.0]);
/// assert_eq!(parameters, 23);
/// assert_eq!(y, [27.0, 27.0]); // 1+2+1 = 4, then 4·3+1 = 13, then 13·2+1 = 27
/// ```
pub trait Network {
    /// The number type, `f32` or `f64`.
    type Scalar: Scalar;
    /// `[Self::Scalar; INPUTS]`.
    type Input: Copy + AsRef<[Self::Scalar]> + AsMut<[Self::Scalar]>;
    /// `[Self::Scalar; OUTPUTS]`.
    type Output: Copy + AsRef<[Self::Scalar]> + AsMut<[Self::Scalar]>;

    /// The input width.
    const INPUTS: usize;
    /// The output width.
    const OUTPUTS: usize;
    /// The number of weights and biases.
    const PARAMETERS: usize;

    /// Runs the network on one input.
    fn forward(&self, input: &Self::Input) -> Self::Output;

    /// The table of layers, shapes and parameter counts.
    fn summary() -> Summary;
}
