//! The generated `backward` of convolutional networks against the numerical gradient (central
//! differences), on random f64 networks: every kind of padding and stride, both poolings.
//!
//! Property tests with a fixed seed: the same cases run every time.

use nn::loss::{CrossEntropy, Mse};
use nn::{Network, Trainable, numerical_gradient};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// As in `tests/gradients.rs`: `|a - n| <= RELATIVE * max(|a|, |n|) + ABSOLUTE`, central
/// differences of step `H`.
const RELATIVE: f64 = 1e-6;
const ABSOLUTE: f64 = 1e-10;
const H: f64 = 1e-5;

nn::network! {
    /// Valid padding, stride 2 x 1, a non-square kernel, average pooling.
    struct Strided: f64 = [2, 7, 6] => tanh conv2d(3, 3x2, stride 2x1) => avg_pool2d(2x2) => identity 3;
    /// `same` padding with the odd zero after, two convolutions, global pooling, softmax.
    struct Same: f64 = [1, 6, 5] => sigmoid conv2d(2, 2x2, same) => tanh conv2d(3, 3x3, stride 2, same)
        => global_avg_pool2d() => softmax 3;
    /// 1-D: `same` with stride 2, symmetric padding, both poolings, global pooling.
    struct OneD: f64 = [2, 11] => tanh conv1d(3, 3, stride 2, same) => max_pool1d(2, stride 1)
        => sigmoid conv1d(4, 2, padding 1) => avg_pool1d(2) => global_avg_pool1d() => identity 3;
    /// Symmetric padding and max pooling with overlapping windows.
    struct Padded: f64 = [2, 5, 5] => tanh conv2d(2, 3x3, padding 1) => max_pool2d(3x3, stride 2)
        => sigmoid 4 => identity 3;
}

fn runner() -> TestRunner {
    let config = Config {
        cases: 16,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]))
}

/// Parameters in [-1, 1), an input in [-2, 2) and a target in [0, 1)^3.
fn case<N: Network>() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, [f64; 3])> {
    (
        proptest::collection::vec(-1.0..1.0, N::PARAMETERS),
        proptest::collection::vec(-2.0..2.0, N::INPUTS),
        proptest::array::uniform3(0.0..1.0),
    )
}

/// Every parameter's gradient from `backward` agrees with the numerical one.
fn check<N, L, D>(loss: L, target: impl Fn([f64; 3]) -> D)
where
    N: Trainable<Scalar = f64, Output = [f64; 3]>,
    N::Input: TryFrom<Vec<f64>>,
    L: nn::loss::Loss<f64, [f64; 3], D> + nn::loss::PairsWith<N::OutputActivation> + Copy,
{
    runner()
        .run(&case::<N>(), |(parameters, input, raw_target)| {
            let mut net = N::zeros();
            let mut values = parameters.iter();
            for tensor in 0..N::TENSORS.len() {
                for (slot, value) in net.tensor_mut(tensor).iter_mut().zip(&mut values) {
                    *slot = *value;
                }
            }
            let Ok(input) = N::Input::try_from(input) else {
                panic!("the input has the network's width");
            };
            let target = target(raw_target);
            let mut analytic = N::zeros();
            net.backward(&input, &target, loss, &mut analytic);
            let mut numerical = N::zeros();
            numerical_gradient(
                &mut net,
                H,
                |net| net.loss(&input, &target, loss),
                &mut numerical,
            );
            for (tensor, info) in N::TENSORS.iter().enumerate() {
                let pairs = analytic.tensor(tensor).iter().zip(numerical.tensor(tensor));
                for (index, (&a, &n)) in pairs.enumerate() {
                    prop_assert!(
                        (a - n).abs() <= RELATIVE * a.abs().max(n.abs()) + ABSOLUTE,
                        "{}[{index}]: backward {a:e}, numerical {n:e}",
                        info.name
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn strided_convolution_and_average_pooling() {
    check::<Strided, _, _>(Mse, |target| target);
}

#[test]
fn same_padding_and_global_pooling() {
    check::<Same, _, _>(CrossEntropy, |target| {
        let sum: f64 = target.iter().sum::<f64>() + 1e-3;
        target.map(|t| (t + 1e-3 / 3.0) / sum)
    });
}

#[test]
fn symmetric_padding_and_max_pooling() {
    check::<Padded, _, _>(Mse, |target| target);
}

#[test]
fn one_dimensional_layers() {
    check::<OneD, _, _>(Mse, |target| target);
}
