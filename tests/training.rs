//! Backpropagation and gradient descent against numpy, and every training form of the seed.

// Exact values are what these tests assert.
#![allow(clippy::float_cmp)]

mod common;

use common::{
    F32_TOLERANCE, F64_TOLERANCE, assert_central_differences, assert_close, dense, flat, reference,
    vector,
};
use nn::loss::{CrossEntropy, Loss, Mse};
use nn::optim::Sgd;
use nn::team::Alone;
use nn::train::{self, TrainError};
use nn::{Network, Scalar, Trainable, init};

nn::network! {
    /// The seed's regression network, in f64 as numpy computes.
    struct Regression: f64 = 2 => relu 10 => identity 1;
    /// The same in f32.
    struct Regression32 = 2 => relu 10 => identity 1;
    /// A small classifier for the error paths.
    struct Classifier: f64 = 2 => tanh 4 => softmax 3;
}

fn seed_regression() -> Regression {
    let r = reference("regression_step");
    Regression {
        layer1: dense(&r["W1"], &r["b1"]),
        layer2: dense(&r["W2"], &r["b2"]),
    }
}

/// The reference's name of each tensor of the regression network, in `TENSORS` order.
const TENSORS: [&str; 4] = ["W1", "b1", "W2", "b2"];

/// One `backward` and one `Sgd` step reproduce the seed's numpy code (`tests/reference/`).
fn regression_step_matches_numpy<N>(tolerance: f64)
where
    N: Trainable<Input = [<N as Network>::Scalar; 2], Output = [<N as Network>::Scalar; 1]>
        + Clone
        + PartialEq
        + core::fmt::Debug,
{
    let r = reference("regression_step");
    let mut net = N::zeros();
    for (tensor, key) in TENSORS.iter().enumerate() {
        for (slot, value) in net.tensor_mut(tensor).iter_mut().zip(flat(&r[*key])) {
            *slot = N::Scalar::from_f64(value);
        }
    }
    let (x, d) = (vector(&r["x"]), vector(&r["d"]));
    assert_close("y", net.forward(&x).as_ref(), &r["y"], tolerance);

    let mut grad = N::zeros();
    let loss = net.backward(&x, &d, Mse, &mut grad);
    assert_close("loss", &[loss], &r["loss"], tolerance);
    for (tensor, key) in TENSORS.iter().enumerate() {
        let name = format!("grad_{key}");
        assert_close(&name, grad.tensor(tensor), &r[&name], tolerance);
    }

    let before = net.clone();
    let sgd = Sgd::new(r["lr"].as_f64().unwrap());
    sgd.step(&mut net, &grad);
    for (tensor, key) in TENSORS.iter().enumerate() {
        let name = format!("{key}_after");
        assert_close(&name, net.tensor(tensor), &r[&name], tolerance);
    }

    // The same step in one pass, through `descend` and through the optimiser's per-sample step.
    let mut descended = before.clone();
    let loss = descended.descend(&x, &d, Mse, sgd.learning_rate);
    assert_close("loss", &[loss], &r["loss"], tolerance);
    let mut stepped = before;
    let mut unused = N::zeros();
    nn::optim::Optimizer::step_sample(&mut sgd.clone(), &mut stepped, &x, &d, Mse, &mut unused);
    assert_eq!(unused, N::zeros(), "plain Sgd needs no gradient buffer");
    for (tensor, key) in TENSORS.iter().enumerate() {
        let name = format!("{key}_after");
        assert_close(&name, descended.tensor(tensor), &r[&name], tolerance);
        assert_close(&name, stepped.tensor(tensor), &r[&name], tolerance);
    }
}

/// `descend` moves nothing when the loss is not finite, and says so by returning it.
#[test]
fn descend_leaves_the_network_alone_on_a_non_finite_loss() {
    let mut net = seed_regression();
    let loss = net.descend(&[0.25, 0.75], &[f64::NAN], Mse, 0.07);
    assert!(loss.is_nan());
    assert_eq!(net, seed_regression());
    let mut classifier = Classifier::ones();
    let loss = classifier.descend(&[1.0, 2.0], &7, CrossEntropy, 0.1);
    assert!(loss.is_nan(), "class 7 of 3: {loss}");
    assert_eq!(classifier, Classifier::ones());
}

#[test]
fn regression_step_matches_numpy_in_f64() {
    regression_step_matches_numpy::<Regression>(F64_TOLERANCE);
}

#[test]
fn regression_step_matches_numpy_in_f32() {
    regression_step_matches_numpy::<Regression32>(F32_TOLERANCE);
}

#[test]
fn backward_adds_into_the_gradient() {
    let r = reference("regression_step");
    let net = seed_regression();
    let (x, d) = (vector(&r["x"]), vector(&r["d"]));
    let mut once = Regression::zeros();
    net.backward(&x, &d, Mse, &mut once);
    let mut twice = Regression::zeros();
    net.backward(&x, &d, Mse, &mut twice);
    net.backward(&x, &d, Mse, &mut twice);
    once.scale(2.0);
    assert_eq!(once, twice);
}

#[test]
fn losses_match_numpy() {
    let r = reference("mse");
    let loss: f64 = Mse.loss(&vector::<f64, 3>(&r["y"]), &vector(&r["d"]));
    assert_close("mse", &[loss], &r["loss"], F64_TOLERANCE);

    // The seed averages cross entropy over the batch; ours is per sample.
    let r = reference("cross_entropy");
    let rows = r["y"].as_array().unwrap();
    let (y0, y1): ([f64; 3], [f64; 3]) = (vector(&rows[0]), vector(&rows[1]));
    let by_index = f64::midpoint(CrossEntropy.loss(&y0, &2), CrossEntropy.loss(&y1, &0));
    assert_close(
        "cross entropy by index",
        &[by_index],
        &r["loss_by_index"],
        F64_TOLERANCE,
    );
    let onehot = r["onehot"].as_array().unwrap();
    let by_onehot = f64::midpoint(
        CrossEntropy.loss(&y0, &vector(&onehot[0])),
        CrossEntropy.loss(&y1, &vector(&onehot[1])),
    );
    assert_close(
        "cross entropy one-hot",
        &[by_onehot],
        &r["loss"],
        F64_TOLERANCE,
    );
}

/// `y = 3 x0 + 2 x1` on a grid of points in [0, 1)².
fn linear_data() -> Vec<([f64; 2], [f64; 1])> {
    (0..64)
        .map(|i| {
            let x = [f64::from(i % 8) / 8.0, f64::from(i / 8) / 8.0];
            (x, [3.0 * x[0] + 2.0 * x[1]])
        })
        .collect()
}

fn mean_loss(net: &Regression, data: &[([f64; 2], [f64; 1])]) -> f64 {
    data.iter().map(|(x, d)| net.loss(x, d, Mse)).sum::<f64>() / data.len() as f64
}

#[test]
fn every_training_form_lowers_the_loss() {
    let mut data = linear_data();
    let start = Regression::initialized(init::Init::He, &mut init::rng(1));
    let before = mean_loss(&start, &data);
    let mut grad = Regression::zeros();
    let mut rng = init::rng(2);

    let mut full = start.clone();
    for _ in 0..300 {
        train::step(&mut full, &mut Sgd::new(0.1), &data, Mse, &mut grad).unwrap();
    }
    let mut minibatch = start.clone();
    for _ in 0..50 {
        train::epoch(
            &mut minibatch,
            &mut Sgd::new(0.05),
            &mut data,
            8,
            Mse,
            &mut grad,
            &mut rng,
        )
        .unwrap();
    }
    let mut stochastic = start.clone();
    let outcome = train::stochastic(
        &mut stochastic,
        &mut Sgd::new(0.05),
        &data,
        3000,
        Mse,
        &mut grad,
        &mut rng,
    )
    .unwrap();
    assert_eq!(outcome.samples, 3000);
    let mut online = start.clone();
    let stream = (0..3000).map(|i| {
        let x = [f64::from(i % 97) / 97.0, f64::from(i % 89) / 89.0];
        (x, [3.0 * x[0] + 2.0 * x[1]])
    });
    let outcome = train::online(&mut online, &mut Sgd::new(0.05), stream, Mse, &mut grad).unwrap();
    assert_eq!(outcome.samples, 3000);

    for (form, net) in [
        ("full batch", full),
        ("mini-batch", minibatch),
        ("stochastic", stochastic),
        ("online", online),
    ] {
        let after = mean_loss(&net, &data);
        assert!(after < before / 20.0, "{form}: {before} -> {after}");
    }
}

#[test]
fn batch_gradient_is_the_mean_of_sample_gradients() {
    let data = linear_data();
    let net = Regression::initialized(init::Init::StandardNormal, &mut init::rng(3));
    let mut batch = Regression::zeros();
    let mean = train::gradient(&net, &data[..4], Mse, &mut batch).unwrap();
    let mut sum = Regression::zeros();
    let mut total = 0.0;
    for (x, d) in &data[..4] {
        total += net.backward(x, d, Mse, &mut sum);
    }
    sum.scale(0.25);
    assert!((mean - total / 4.0).abs() < 1e-15);
    for tensor in 0..Regression::TENSORS.len() {
        for (a, b) in batch.tensor(tensor).iter().zip(sum.tensor(tensor)) {
            assert!((a - b).abs() < 1e-15);
        }
    }
}

#[test]
fn bad_data_is_reported_and_not_trained_on() {
    let net = Classifier::initialized(init::Init::Xavier, &mut init::rng(4));
    let mut grad = Classifier::zeros();
    let mut sgd = Sgd::new(0.1);

    let mut trained = net.clone();
    let batch = [([0.5, 0.5], 1), ([f64::NAN, 0.0], 2)];
    let error = train::step(&mut trained, &mut sgd, &batch, CrossEntropy, &mut grad);
    assert_eq!(error, Err(TrainError::NonFiniteInput { sample: 1 }));
    assert_eq!(trained, net, "the network must be untouched");

    let error = train::step(
        &mut trained,
        &mut sgd,
        &[([0.5, 0.5], 3)],
        CrossEntropy,
        &mut grad,
    );
    assert!(
        matches!(error, Err(TrainError::NonFiniteLoss { sample: 0, .. })),
        "class 3 of 3: {error:?}"
    );
    assert_eq!(trained, net);

    let empty: [([f64; 2], usize); 0] = [];
    assert_eq!(
        train::step(&mut trained, &mut sgd, &empty, CrossEntropy, &mut grad),
        Err(TrainError::Empty)
    );
    let mut one = [([0.5, 0.5], 0)];
    let error = train::epoch(
        &mut trained,
        &mut sgd,
        &mut one,
        0,
        CrossEntropy,
        &mut grad,
        &mut init::rng(0),
    );
    assert_eq!(error.unwrap_err(), TrainError::ZeroBatchSize);

    // tanh(inf) = 1 keeps the loss finite; the input check still stops it.
    let stream = [([0.1, 0.2], 0), ([0.3, f64::INFINITY], 1)];
    let mut online = net.clone();
    let error = train::online(&mut online, &mut sgd, stream, CrossEntropy, &mut grad).unwrap_err();
    assert_eq!(error, TrainError::NonFiniteInput { sample: 1 });
    assert!(online.is_finite());
    assert_eq!(
        error.to_string(),
        "the input of sample 1 holds NaN or an infinity"
    );

    let mut batches = [([0.1, 0.2], 0), ([0.3, 0.4], 1), ([0.5, 0.6], 7)];
    let error = train::epoch(
        &mut online,
        &mut sgd,
        &mut batches,
        2,
        CrossEntropy,
        &mut grad,
        &mut init::rng(1),
    )
    .unwrap_err();
    let TrainError::NonFiniteLoss { sample, .. } = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        batches[sample].1, 7,
        "the position is in the shuffled samples"
    );
    assert!(
        error.to_string().contains("class index out of range"),
        "{error}"
    );
}

#[test]
fn initialisers_are_seeded_and_scaled() {
    let a = Regression::initialized(init::Init::He, &mut init::rng(9));
    assert_eq!(
        a,
        Regression::initialized(init::Init::He, &mut init::rng(9))
    );
    assert_ne!(
        a,
        Regression::initialized(init::Init::He, &mut init::rng(10))
    );
    assert_eq!(a.layer2.bias, [0.0]);
    let ones = Regression::initialized(init::Init::Ones, &mut init::rng(0));
    assert_eq!(ones, Regression::ones());
    let uniform = Regression::initialized(init::Init::Uniform, &mut init::rng(0));
    assert!((0..4).all(|t| uniform.tensor(t).iter().all(|v| (0.0..1.0).contains(v))));
    let integers = Regression::initialized(init::Init::Integers { below: 5 }, &mut init::rng(0));
    let values: Vec<f64> = (0..4).flat_map(|t| integers.tensor(t).to_vec()).collect();
    assert!(
        values
            .iter()
            .all(|v| v.fract() == 0.0 && (0.0..5.0).contains(v))
    );
    assert!((0..5).all(|k| values.contains(&f64::from(k))), "{values:?}");
    let none = Regression::initialized(init::Init::Integers { below: 0 }, &mut init::rng(0));
    assert_eq!(none, Regression::zeros());
}

nn::network! {
    /// Large enough (100 x 70 weights) to train in blocks of samples; neither 100 rows nor 70
    /// outputs split into whole register tiles, so the kernels' leftover paths run too.
    struct Blocked = 100 => tanh 70 => relu 32 => identity 10 => softmax;
    /// The same in f64.
    struct Blocked64: f64 = 100 => tanh 70 => relu 32 => identity 10 => softmax;
    /// Convolutions and pooling in blocks too, a sample at a time within each: the first
    /// convolution (7,200 multiply-adds) and the dense layer are large.
    struct BlockedCnn = [1, 10, 10] => relu conv2d(8, 3x3, same) => max_pool2d(2x2)
        => tanh conv2d(6, 2x2, stride 2) => relu 70 => softmax 10;
    /// The same in f64.
    struct BlockedCnn64: f64 = [1, 10, 10] => relu conv2d(8, 3x3, same) => max_pool2d(2x2)
        => tanh conv2d(6, 2x2, stride 2) => relu 70 => softmax 10;
    /// A 1-D convolution and average pooling before a large dense layer (72 x 70).
    struct Blocked1d = [4, 25] => relu conv1d(6, 3, same) => avg_pool1d(2) => tanh 70 => softmax 10;
    /// Residual blocks: one of convolutions added to its input, one of dense layers with a
    /// dense shortcut, the two reading the same output, whose gradient they both add into.
    struct BlockedResidual = [1, 10, 10] => relu conv2d(8, 3x3, same)
        => relu residual { => relu conv2d(8, 3x3, same) => conv2d(8, 3x3, same) } => max_pool2d(2x2)
        => relu residual { => relu 70 => identity 16 } shortcut { => identity 16 } => softmax 10;
}

/// `count` samples of width 100 with classes 0 to 9, drawn from `random`.
fn blocked_samples<S: Scalar>(count: usize, random: &mut impl init::Rng) -> Vec<([S; 100], usize)> {
    (0..count)
        .map(|i| {
            let x = core::array::from_fn(|j| {
                S::from_f64(init::standard_normal(random) + (i * j) as f64 * 1e-3)
            });
            (x, i % 10)
        })
        .collect()
}

fn blocked_matches_per_sample<N>(count: usize)
where
    N: Trainable<Input = [<N as Network>::Scalar; 100]> + Clone + core::fmt::Debug + PartialEq,
    CrossEntropy: Loss<N::Scalar, N::Output, usize> + nn::loss::PairsWith<N::OutputActivation>,
{
    let mut random = init::rng(100);
    let net = N::initialized(init::Init::Xavier, &mut random);
    let samples = blocked_samples(count, &mut random);
    let mut blocked = N::zeros();
    let total = net.backward_samples(&samples, CrossEntropy, &mut blocked);
    let mut one_by_one = N::zeros();
    let mut sum = N::Scalar::ZERO;
    for (x, class) in &samples {
        sum += net.backward(x, class, CrossEntropy, &mut one_by_one);
    }
    assert_eq!(blocked, one_by_one, "{count} samples");
    assert_eq!(total.to_f64(), sum.to_f64());

    // The same in a workspace of the caller's.
    let mut workspace: Box<N::Workspace> = nn::boxed::zeroed();
    let mut in_workspace = N::zeros();
    let total = net.backward_samples_in(&samples, CrossEntropy, &mut in_workspace, &mut workspace);
    assert_eq!(in_workspace, one_by_one, "{count} samples in a workspace");
    assert_eq!(total.to_f64(), sum.to_f64());

    // Scaled, in fewer passes (the first block from zero, the last one scaling): the same as
    // clearing, adding and scaling, from any values in the buffer.
    let scale = N::Scalar::from_f64(0.3);
    let mut expected = one_by_one;
    expected.scale(scale);
    let mut scaled = net.clone();
    let total = net.scaled_gradient(&samples, CrossEntropy, &mut scaled, scale);
    assert_eq!(scaled, expected, "{count} samples, scaled");
    assert_eq!(total.to_f64(), sum.to_f64());
    let mut scaled = net.clone();
    let total = net.scaled_gradient_in(
        &samples,
        CrossEntropy,
        &mut scaled,
        scale,
        &mut workspace,
        &Alone,
    );
    assert_eq!(scaled, expected, "{count} samples, scaled in a workspace");
    assert_eq!(total.to_f64(), sum.to_f64());
}

/// A workspace in a `static`, as on firmware (here behind a `Mutex`, a `std` program's way to
/// share one): `step_in` updates the network as `step` does.
#[test]
fn a_static_workspace_trains_as_the_threads_buffers_do() {
    static WORKSPACE: std::sync::Mutex<BlockedWorkspace> =
        std::sync::Mutex::new(BlockedWorkspace::new());
    let mut random = init::rng(3);
    let mut net = Blocked::initialized(init::Init::Xavier, &mut random);
    let samples = blocked_samples::<f32>(70, &mut random);
    let mut twin = net.clone();
    let (mut grad, mut sgd) = (Blocked::zeros(), Sgd::new(0.05));
    let mut workspace = WORKSPACE.lock().unwrap();
    for _ in 0..3 {
        let loss = train::step_in(
            &mut net,
            &mut sgd,
            &samples,
            CrossEntropy,
            &mut grad,
            &mut workspace,
        );
        let twin_loss = train::step(&mut twin, &mut sgd, &samples, CrossEntropy, &mut grad);
        assert_eq!(loss.unwrap(), twin_loss.unwrap());
        assert_eq!(net, twin);
    }
    assert_ne!(
        net,
        Blocked::initialized(init::Init::Xavier, &mut init::rng(3))
    );
}

#[test]
fn blocked_backward_is_bit_for_bit_the_per_sample_one() {
    // One block, whole blocks, a remainder, fewer samples than a block.
    // Each has a workspace for its blocks: each trains in blocks.
    assert!(size_of::<<BlockedCnn as Trainable>::Workspace>() > 0);
    assert!(size_of::<<Blocked1d as Trainable>::Workspace>() > 0);
    assert!(size_of::<<BlockedResidual as Trainable>::Workspace>() > 0);
    for count in [32, 64, 75, 3] {
        blocked_matches_per_sample::<Blocked>(count);
        blocked_matches_per_sample::<Blocked64>(count);
        blocked_matches_per_sample::<BlockedCnn>(count);
        blocked_matches_per_sample::<BlockedCnn64>(count);
        blocked_matches_per_sample::<Blocked1d>(count);
        blocked_matches_per_sample::<BlockedResidual>(count);
    }
}

/// The blocked gradient of the first layer against central differences of the summed loss, at
/// weights inside whole register tiles and in the leftover rows and outputs.
#[test]
fn blocked_gradient_matches_central_differences() {
    let mut random = init::rng(7);
    let mut net = Blocked64::initialized(init::Init::Xavier, &mut random);
    let samples = blocked_samples::<f64>(64, &mut random);
    let mut grad = Blocked64::zeros();
    net.backward_samples(&samples, CrossEntropy, &mut grad);
    let total = |net: &Blocked64| -> f64 {
        samples
            .iter()
            .map(|(x, class)| net.loss(x, class, CrossEntropy))
            .sum()
    };
    // Tensor 0 is `layer1.weight`, tensor 1 `layer1.bias` (one row).
    let (rows, outputs) = ([0, 7, 31, 95, 96, 99], [0, 15, 31, 32, 63, 64, 69]);
    assert_central_differences(&mut net, &grad, 0, &rows, &outputs, total);
    assert_central_differences(&mut net, &grad, 1, &[0], &[0, 31, 32, 69], total);
}
