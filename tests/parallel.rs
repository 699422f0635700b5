//! Mini-batch gradients on several threads: the same mean gradient and loss as one thread (to
//! rounding: a network trained in blocks splits each forward sum of a large layer in two, a small
//! one the batch), the same errors, and the same result on every run.

// Exact values are what these tests assert.
#![allow(clippy::float_cmp)]

mod common;

use common::assert_central_differences;
use nn::loss::{CrossEntropy, Loss, Mse, PairsWith};
use nn::optim::Sgd;
use nn::parallel::Parallel;
use nn::train::{self, TrainError};
use nn::{Network, Trainable, init};

nn::network! {
    /// Large enough (100 x 70 weights) to train in blocks of samples.
    struct Blocked: f64 = 100 => tanh 70 => relu 32 => identity 10 => softmax;
    /// A small regression network.
    struct Small: f64 = 3 => tanh 5 => identity 2;
    /// Its large layer (80 x 64 weights) second: its input gradient is shared too.
    struct Deep: f64 = 100 => tanh 80 => relu 64 => softmax;
}

fn samples(count: usize) -> Vec<([f64; 100], usize)> {
    let mut random = init::rng(3);
    (0..count)
        .map(|i| {
            let x = core::array::from_fn(|_| init::standard_normal(&mut random));
            (x, i % 10)
        })
        .collect()
}

/// Every parameter of `a` within `tolerance` of `b`'s, relative to the largest magnitude in its
/// tensor: sums in another order differ by rounding in proportion to their terms, not to their
/// result, which can cancel to almost nothing.
fn assert_close<N: Network<Scalar = f64>>(a: &N, b: &N, tolerance: f64) {
    for tensor in 0..N::TENSORS.len() {
        let scale = b.tensor(tensor).iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        for (index, (x, y)) in a.tensor(tensor).iter().zip(b.tensor(tensor)).enumerate() {
            assert!(
                (x - y).abs() <= tolerance * scale,
                "{}[{index}]: {x} vs {y}",
                N::TENSORS[tensor].name
            );
        }
    }
}

/// `Parallel::gradient` on one, two and three threads against `train::gradient`: bit for bit on
/// one thread, to rounding on more. The buffer starts full of ones: every value must be set.
fn assert_threads_give_one_threads_gradient<N>(net: &N, batch: &[([f64; 100], usize)])
where
    N: Trainable<Scalar = f64, Input = [f64; 100]> + Send + Sync + PartialEq + core::fmt::Debug,
    CrossEntropy: Loss<f64, N::Output, usize> + PairsWith<N::OutputActivation>,
{
    let mut expected = N::zeros();
    let expected_loss = train::gradient(net, batch, CrossEntropy, &mut expected).unwrap();
    for threads in [1, 2, 3] {
        let mut parallel = Parallel::new(threads).unwrap();
        assert_eq!(parallel.threads(), threads);
        let mut grad = N::zeros();
        grad.fill(1.0);
        let loss = parallel
            .gradient(net, batch, CrossEntropy, &mut grad)
            .unwrap();
        if threads == 1 {
            assert_eq!(grad, expected, "one thread is train::gradient, bit for bit");
            assert_eq!(loss, expected_loss);
        } else {
            assert_close(&grad, &expected, 1e-12);
            assert!((loss - expected_loss).abs() <= 1e-14 * expected_loss);
        }
    }
}

#[test]
fn the_mean_gradient_and_loss_of_one_thread() {
    let net = Blocked::initialized(init::Init::Xavier, &mut init::rng(1));
    // Whole blocks per thread, remainders, and fewer samples than threads.
    for count in [64, 75, 2] {
        assert_threads_give_one_threads_gradient(&net, &samples(count));
    }
}

#[test]
fn a_large_layer_after_a_small_one_shares_its_input_gradient() {
    let net = Deep::initialized(init::Init::Xavier, &mut init::rng(2));
    assert_threads_give_one_threads_gradient(&net, &samples(96));
}

/// Two threads split the forward sums of the large layer in two: the gradient they give is still
/// the loss's, by central differences, in the leftover rows and outputs of the tiles too.
#[test]
fn two_threads_give_the_gradient_of_central_differences() {
    let mut net = Blocked::initialized(init::Init::Xavier, &mut init::rng(5));
    let batch = samples(64);
    let mut grad = Blocked::zeros();
    let mut parallel = Parallel::new(2).unwrap();
    parallel
        .gradient(&net, &batch, CrossEntropy, &mut grad)
        .unwrap();
    let mean = |net: &Blocked| -> f64 {
        let total: f64 = batch
            .iter()
            .map(|(x, class)| net.loss(x, class, CrossEntropy))
            .sum();
        total / batch.len() as f64
    };
    // Tensor 0 is `layer1.weight`.
    assert_central_differences(&mut net, &grad, 0, &[0, 49, 50, 99], &[0, 31, 32, 69], mean);
}

#[test]
fn every_run_gives_the_same_bits() {
    let batch = samples(48);
    let mut parallel = Parallel::new(2).unwrap();
    let mut sgd = Sgd::new(0.1);
    let run = |parallel: &mut Parallel<Blocked>, sgd: &mut Sgd| {
        let mut net = Blocked::initialized(init::Init::Xavier, &mut init::rng(1));
        let mut grad = Blocked::zeros();
        for _ in 0..5 {
            parallel
                .step(&mut net, sgd, &batch, CrossEntropy, &mut grad)
                .unwrap();
        }
        net
    };
    let first = run(&mut parallel, &mut sgd);
    assert_ne!(
        first,
        Blocked::initialized(init::Init::Xavier, &mut init::rng(1))
    );
    for _ in 0..3 {
        assert_eq!(run(&mut parallel, &mut sgd), first);
    }
}

#[test]
fn bad_samples_are_the_errors_of_one_thread_and_change_nothing() {
    let mut parallel = Parallel::new(2).unwrap();
    let mut net = Small::ones();
    let mut grad = Small::zeros();
    let mut sgd = Sgd::new(0.1);
    let empty: [([f64; 3], [f64; 2]); 0] = [];
    assert_eq!(
        parallel.step(&mut net, &mut sgd, &empty, Mse, &mut grad),
        Err(TrainError::Empty)
    );
    let mut batch = vec![([0.5, -0.5, 1.0], [1.0, 0.0]); 9];
    batch[6].0[1] = f64::INFINITY;
    assert_eq!(
        parallel.step(&mut net, &mut sgd, &batch, Mse, &mut grad),
        Err(TrainError::NonFiniteInput { sample: 6 })
    );
    batch[6].0[1] = 0.0;
    batch[7].1[0] = f64::NAN;
    assert!(matches!(
        parallel.step(&mut net, &mut sgd, &batch, Mse, &mut grad),
        Err(TrainError::NonFiniteLoss { sample: 7, .. })
    ));
    assert_eq!(net, Small::ones());
    batch[7].1[0] = 1.0;
    let loss = parallel
        .step(&mut net, &mut sgd, &batch, Mse, &mut grad)
        .unwrap();
    assert!(loss.is_finite() && net != Small::ones());
}

/// A loss that panics on target 9, to fail inside a thread.
#[derive(Clone, Copy)]
struct Picky;

impl nn::loss::Loss<f64, [f64; 2], u8> for Picky {
    fn loss(&self, _: &[f64; 2], target: &u8) -> f64 {
        assert!(*target < 9, "target {target}");
        0.0
    }
    fn gradient(&self, _: &[f64; 2], _: &u8) -> [f64; 2] {
        [0.0; 2]
    }
}

impl nn::loss::PairsWith<nn::activation::Identity> for Picky {}

#[test]
fn a_panic_in_a_share_reaches_the_caller() {
    let mut parallel = Parallel::<Small>::new(2).unwrap();
    let net = Small::ones();
    let mut grad = Small::zeros();
    // The second share, which a thread other than the caller's computes, panics.
    let batch = [([0.0; 3], 0_u8), ([0.0; 3], 9)];
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parallel.gradient(&net, &batch, Picky, &mut grad)
    }));
    assert!(outcome.is_err());
    // The threads survive it.
    let batch = [([0.0; 3], 0_u8), ([0.0; 3], 1)];
    assert_eq!(parallel.gradient(&net, &batch, Picky, &mut grad), Ok(0.0));
}
