//! The generated `backward` against the numerical gradient (central differences), for every
//! differentiable activation and every loss it pairs with, on random three-layer f64 networks,
//! and on random convolutional networks: every kind of padding and stride, both poolings, 1-D.
//!
//! Property tests with a fixed seed: the same cases run every time.

use nn::loss::{BinaryCrossEntropy, CrossEntropy, Loss, Mse, PairsWith};
use nn::{Network, Trainable, numerical_gradient};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Agreement asked of `backward`, as `np.isclose` puts it: `|a - n| <= RELATIVE * max(|a|, |n|) +
/// ABSOLUTE * max(|E|, 1)`. Central differences resolve a gradient to about ε^(2/3) ≈ 4e-11 in f64
/// at best (rounding ε·|E|/h against truncation h²·|E'''|/6), so `ABSOLUTE` is that floor, for a
/// loss `E` of 1 or less, and the check is purely relative for every gradient above 1e-4.
const RELATIVE: f64 = 1e-6;
const ABSOLUTE: f64 = 1e-10;
/// The step of the central differences: small enough for their O(h²) error, large enough that
/// rounding (about 1e-16 / h) stays far below the tolerance.
const H: f64 = 1e-5;
/// ReLU-like activations have a kink at 0, where the numerical gradient straddles two slopes;
/// cases with a total input this close to 0 are skipped.
const KINK_MARGIN: f64 = 1e-3;

nn::network! {
    struct IdentityNet: f64 = 3 => identity 4 => identity 4 => identity 3;
    struct SigmoidNet: f64 = 3 => sigmoid 4 => sigmoid 4 => sigmoid 3;
    struct ReluNet: f64 = 3 => relu 4 => relu 4 => relu 3;
    struct TanhNet: f64 = 3 => tanh 4 => tanh 4 => tanh 3;
    struct LeakyReluNet: f64 = 3 => leaky_relu 4 => leaky_relu 4 => leaky_relu 3;
    struct SoftmaxNet: f64 = 3 => softmax 4 => softmax 4 => softmax 3;
    /// Every activation, with softmax as a final stage without a width.
    struct MixedNet: f64 = 3 => tanh 5 => relu 4 => leaky_relu 4 => sigmoid 4 => identity 3 => softmax;
    /// Valid padding, stride 2 x 1, a non-square kernel, average pooling.
    struct Strided: f64 = [2, 7, 6] => tanh conv2d(3, 3x2, stride 2x1) => avg_pool2d(2x2) => identity 3;
    /// `same` padding with the odd zero after, two convolutions, global pooling, softmax.
    struct Same: f64 = [1, 6, 5] => sigmoid conv2d(2, 2x2, same) => tanh conv2d(3, 3x3, stride 2, same)
        => global_avg_pool2d() => softmax 3;
    /// Symmetric padding and max pooling with overlapping windows.
    struct Padded: f64 = [2, 5, 5] => tanh conv2d(2, 3x3, padding 1) => max_pool2d(3x3, stride 2)
        => sigmoid 4 => identity 3;
    /// 1-D: `same` with stride 2, symmetric padding, both poolings, global pooling.
    struct OneD: f64 = [2, 11] => tanh conv1d(3, 3, stride 2, same) => max_pool1d(2, stride 1)
        => sigmoid conv1d(4, 2, padding 1) => avg_pool1d(2) => global_avg_pool1d() => identity 3;
    /// Depthwise-separable: a depthwise convolution (stride 2, `same`, a non-square kernel, then
    /// symmetric padding) each followed by a pointwise one.
    struct Separable: f64 = [3, 7, 6] => tanh depthwise_conv2d(3x2, stride 2, same)
        => sigmoid conv2d(4, 1x1) => tanh depthwise_conv2d(3x3, padding 1) => identity 3;
    /// Residual blocks as `ResNet`'s: one added to its input, one with a strided shortcut, then
    /// a dense block that reads the network's input and one nested in another.
    struct Residual: f64 = [2, 6, 6] => tanh conv2d(3, 3x3, same)
        => tanh residual { => tanh conv2d(3, 3x3, same) => conv2d(3, 3x3, same) }
        => sigmoid residual { => tanh conv2d(4, 3x3, stride 2, same) => depthwise_conv2d(3x3, same) }
            shortcut { => conv2d(4, 1x1, stride 2) }
        => global_avg_pool2d() => identity 3;
    /// Batch normalisation by the sample's own statistics, after a convolution and in a
    /// residual block, and of a 1-D convolution's channels.
    struct Normalized: f64 = [2, 5, 5] => conv2d(3, 3x3, same) => tanh batch_norm()
        => residual { => conv2d(3, 3x3, same) => batch_norm(eps 0.001) } => max_pool2d(2x2)
        => identity 3;
    struct NormalizedOneD: f64 = [2, 9] => conv1d(3, 3) => sigmoid batch_norm() => identity 3;
    struct DenseResidual: f64 = 3 => residual { => tanh 4 => identity 3 }
        => tanh residual { => sigmoid residual { => tanh 3 } => identity 3 } => identity 3;
}

fn runner() -> TestRunner {
    let config = Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
}

/// Parameters in [-1, 1), an input in [-2, 2) and a target in [0, 1)³ for network `N`.
fn case<N: Network>() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, [f64; 3])> {
    (
        proptest::collection::vec(-1.0..1.0, N::PARAMETERS),
        proptest::collection::vec(-2.0..2.0, N::INPUTS),
        proptest::array::uniform3(0.0..1.0),
    )
}

fn with_parameters<N: Network<Scalar = f64>>(parameters: &[f64]) -> N {
    let mut net = N::zeros();
    let mut values = parameters.iter();
    for tensor in 0..N::TENSORS.len() {
        for (slot, value) in net.tensor_mut(tensor).iter_mut().zip(&mut values) {
            *slot = *value;
        }
    }
    net
}

/// Runs the property for one network type and one loss; `target` turns the random target in
/// [0, 1)³ into the loss's target type; `kinks` lists the total inputs to keep away from 0.
fn check<N, L, D>(
    loss: L,
    target: impl Fn([f64; 3]) -> D,
    kinks: impl Fn(&N, &N::Input) -> Vec<f64>,
) where
    N: Trainable<Scalar = f64, Output = [f64; 3]> + core::fmt::Debug,
    N::Input: TryFrom<Vec<f64>>,
    L: Loss<f64, [f64; 3], D> + PairsWith<N::OutputActivation> + Copy,
{
    runner()
        .run(&case::<N>(), |(parameters, input, raw_target)| {
            let mut net: N = with_parameters(&parameters);
            let Ok(input) = N::Input::try_from(input) else {
                panic!("the input has the network's width");
            };
            prop_assume!(kinks(&net, &input).iter().all(|u| u.abs() > KINK_MARGIN));
            let target = target(raw_target);
            let mut analytic = N::zeros();
            let value = net.backward(&input, &target, loss, &mut analytic);
            let floor = ABSOLUTE * value.abs().max(1.0);
            let mut numerical = N::zeros();
            numerical_gradient(
                &mut net,
                H,
                |net| net.training_loss(&input, &target, loss),
                &mut numerical,
            );
            // Not batch normalisation's running averages: the loss in training does not read
            // them, and their gradient holds the statistics they follow.
            let trained = N::TENSORS
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind.is_trained());
            for (tensor, info) in trained {
                let pairs = analytic.tensor(tensor).iter().zip(numerical.tensor(tensor));
                for (index, (&a, &n)) in pairs.enumerate() {
                    prop_assert!(
                        (a - n).abs() <= RELATIVE * a.abs().max(n.abs()) + floor,
                        "{}[{index}]: backward {a:e}, numerical {n:e}",
                        info.name
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

fn none<N, X>(_: &N, _: &X) -> Vec<f64> {
    Vec::new()
}

fn same<T>(target: T) -> T {
    target
}

/// The target as a probability distribution, for cross entropy.
fn distribution(target: [f64; 3]) -> [f64; 3] {
    let sum: f64 = target.iter().sum::<f64>() + 1e-3;
    target.map(|t| (t + 1e-3 / 3.0) / sum)
}

/// The target as a class index: which third of [0, 1) its first value falls in.
fn class(target: [f64; 3]) -> usize {
    [1.0 / 3.0, 2.0 / 3.0]
        .iter()
        .filter(|&&edge| target[0] >= edge)
        .count()
}

#[test]
fn identity_with_mse() {
    check::<IdentityNet, _, _>(Mse, same, none);
}

#[test]
fn sigmoid_with_mse() {
    check::<SigmoidNet, _, _>(Mse, same, none);
}

#[test]
fn sigmoid_with_binary_cross_entropy() {
    check::<SigmoidNet, _, _>(BinaryCrossEntropy, |t| t.map(f64::round), none);
}

#[test]
fn relu_with_mse() {
    check::<ReluNet, _, _>(Mse, same, |net, x| {
        let t = net.trace(x);
        [&t.layer1.u[..], &t.layer2.u, &t.layer3.u].concat()
    });
}

#[test]
fn tanh_with_mse() {
    check::<TanhNet, _, _>(Mse, same, none);
}

#[test]
fn leaky_relu_with_mse() {
    check::<LeakyReluNet, _, _>(Mse, same, |net, x| {
        let t = net.trace(x);
        [&t.layer1.u[..], &t.layer2.u, &t.layer3.u].concat()
    });
}

#[test]
fn softmax_with_mse() {
    check::<SoftmaxNet, _, _>(Mse, same, none);
}

#[test]
fn softmax_with_cross_entropy_on_a_class_index() {
    check::<SoftmaxNet, _, _>(CrossEntropy, class, none);
}

#[test]
fn softmax_with_cross_entropy_on_a_distribution() {
    check::<SoftmaxNet, _, _>(CrossEntropy, distribution, none);
}

#[test]
fn every_activation_then_a_softmax_stage_with_cross_entropy() {
    check::<MixedNet, _, _>(CrossEntropy, class, |net, x| {
        let t = net.trace(x);
        [&t.layer2.u[..], &t.layer3.u].concat()
    });
}

#[test]
fn strided_convolution_and_average_pooling() {
    check::<Strided, _, _>(Mse, same, none);
}

#[test]
fn same_padding_and_global_pooling() {
    check::<Same, _, _>(CrossEntropy, distribution, none);
}

#[test]
fn symmetric_padding_and_max_pooling() {
    check::<Padded, _, _>(Mse, same, none);
}

#[test]
fn one_dimensional_layers() {
    check::<OneD, _, _>(Mse, same, none);
}

#[test]
fn depthwise_separable_convolutions() {
    check::<Separable, _, _>(Mse, same, none);
}

#[test]
fn batch_normalisation() {
    check::<Normalized, _, _>(Mse, same, none);
    check::<NormalizedOneD, _, _>(Mse, same, none);
}

#[test]
fn residual_blocks() {
    check::<Residual, _, _>(Mse, same, none);
    check::<DenseResidual, _, _>(Mse, same, none);
}

/// The check itself must be able to fail: a wrong gradient is caught.
#[test]
fn a_wrong_gradient_is_caught() {
    let mut net: TanhNet = with_parameters(&[0.3; 200]);
    let mut analytic = TanhNet::zeros();
    net.backward(&[0.1, 0.2, 0.3], &[0.0, 1.0, 0.0], Mse, &mut analytic);
    analytic.layer2.weights[1][2] *= 1.0 + 1e-5;
    let mut numerical = TanhNet::zeros();
    numerical_gradient(
        &mut net,
        H,
        |n| n.loss(&[0.1, 0.2, 0.3], &[0.0, 1.0, 0.0], Mse),
        &mut numerical,
    );
    let close = |a: f64, n: f64| (a - n).abs() <= RELATIVE * a.abs().max(n.abs()) + ABSOLUTE;
    let (a, n) = (
        analytic.layer2.weights[1][2],
        numerical.layer2.weights[1][2],
    );
    assert!(a.abs() > 1e-3 && !close(a, n), "{a} {n}");
    assert!(close(
        analytic.layer2.weights[1][1],
        numerical.layer2.weights[1][1]
    ));
}
