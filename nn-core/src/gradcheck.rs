//! The numerical gradient, `(E(w + h) - E(w - h)) / 2h`: slow, but independent of backpropagation,
//! so it checks it.

use crate::loss::{Loss, PairsWith};
use crate::{Network, Scalar, Trainable};

/// Writes into `grad` the central-difference gradient of `error` with respect to every parameter of
/// `net`: `(E(w_m + h) - E(w_m - h)) / 2h`. `net` is left exactly as it was.
///
/// # Examples
///
/// ```
/// use nn::{numerical_gradient, loss::Mse};
///
/// nn::network! { struct Line: f64 = 1 => identity 1; }
///
/// let mut net = Line::zeros();
/// let mut grad = Line::zeros();
/// numerical_gradient(&mut net, 1e-5, |net| net.loss(&[2.0], &[1.0], Mse), &mut grad);
/// // E = (1 - (2w + b))² / 2, so dE/dw = -2 and dE/db = -1 at w = b = 0.
/// assert!((grad.layer1.weights[0][0] + 2.0).abs() < 1e-9);
/// assert!((grad.layer1.bias[0] + 1.0).abs() < 1e-9);
/// ```
pub fn numerical_gradient<N: Network>(
    net: &mut N,
    h: N::Scalar,
    mut error: impl FnMut(&N) -> N::Scalar,
    grad: &mut N,
) {
    for tensor in 0..N::TENSORS.len() {
        for index in 0..net.tensor(tensor).len() {
            grad.tensor_mut(tensor)[index] = central_difference(net, tensor, index, h, &mut error);
        }
    }
}

/// `(E(w + h) - E(w - h)) / 2h` for parameter `index` of tensor `tensor`, which is left as it was.
fn central_difference<N: Network>(
    net: &mut N,
    tensor: usize,
    index: usize,
    h: N::Scalar,
    error: &mut impl FnMut(&N) -> N::Scalar,
) -> N::Scalar {
    let original = net.tensor(tensor)[index];
    net.tensor_mut(tensor)[index] = original + h;
    let above = error(net);
    net.tensor_mut(tensor)[index] = original - h;
    let below = error(net);
    net.tensor_mut(tensor)[index] = original;
    (above - below) / (h + h)
}

/// The worst disagreement [`gradient_check`] found between `backward` and the numerical gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientCheck<T> {
    /// `|analytic - numerical| / max(|analytic|, |numerical|, h)`: relative, except that a gradient
    /// smaller than the step `h` is measured against `h`. Central differences carry an absolute
    /// error of about `ε·|E| / h` from rounding plus `h²·|E'''| / 6` from truncation, so they
    /// cannot tell a tiny gradient's relative error from noise.
    pub relative_error: T,
    /// The tensor it is in, e.g. `layer2.weight`.
    pub tensor: &'static str,
    /// Its position in that tensor, row after row.
    pub index: usize,
    /// The gradient `backward` computed there.
    pub analytic: T,
    /// The numerical gradient there.
    pub numerical: T,
}

/// Compares `backward`'s gradient for one sample with the numerical gradient of step `h`,
/// parameter by parameter, and returns the worst disagreement (see
/// [`GradientCheck::relative_error`]). `net` is left exactly as it was.
///
/// It takes `&mut` because it moves each parameter of `net` by `±h` in place and puts it back:
/// a copy to perturb instead would cost as much memory again as the network.
///
/// `h = 1e-5` suits f64, `h = 1e-2` f32. It keeps one more network's worth of parameters while
/// it runs, `backward`'s gradient: on the heap with the `alloc` feature (part of `std`), on the
/// stack without.
///
/// # Examples
///
/// ```
/// use nn::{gradient_check, loss::CrossEntropy};
///
/// nn::network! { struct Net: f64 = 3 => tanh 4 => softmax 3; }
///
/// let mut net = Net::ones();
/// net.layer1.weights[0] = [0.5, -0.3, 0.2, 0.1];
/// let check = gradient_check(&mut net, &[0.1, -0.2, 0.3], &2, CrossEntropy, 1e-5);
/// assert!(check.relative_error < 1e-7, "{check:?}");
/// ```
pub fn gradient_check<N, L, D>(
    net: &mut N,
    input: &N::Input,
    target: &D,
    loss: L,
    h: N::Scalar,
) -> GradientCheck<N::Scalar>
where
    N: Trainable,
    L: Loss<N::Scalar, N::Output, D> + PairsWith<N::OutputActivation> + Copy,
{
    #[cfg(feature = "alloc")]
    let mut analytic = N::zeros_boxed();
    #[cfg(not(feature = "alloc"))]
    let mut analytic = N::zeros();
    net.backward(input, target, loss, &mut analytic);
    let mut error = |net: &N| net.training_loss(input, target, loss);

    let floor = h.abs();
    let mut worst = GradientCheck {
        relative_error: N::Scalar::ZERO,
        tensor: N::TENSORS.first().map_or("", |tensor| tensor.name),
        index: 0,
        analytic: N::Scalar::ZERO,
        numerical: N::Scalar::ZERO,
    };
    // Not the running averages: the loss does not depend on them, and their gradient holds the
    // batch statistics.
    let trained = N::TENSORS
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind.is_trained());
    for (tensor, info) in trained {
        for (index, &a) in analytic.tensor(tensor).iter().enumerate() {
            // The numerical gradient, one parameter at a time, needs no buffer of its own.
            let n = central_difference(net, tensor, index, h, &mut error);
            let scale = if a.abs() > n.abs() { a.abs() } else { n.abs() };
            let scale = if scale > floor { scale } else { floor };
            let error = (a - n).abs() / scale;
            // A NaN error is the worst of all and stays reported.
            if !error.is_finite() || error > worst.relative_error {
                worst = GradientCheck {
                    relative_error: error,
                    tensor: info.name,
                    index,
                    analytic: a,
                    numerical: n,
                };
            }
        }
    }
    worst
}
