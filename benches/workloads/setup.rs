//! The workloads' networks and inputs, and the same networks as hand-written loops: one
//! definition for `benches/workloads` (timings) and `benches/instructions.rs` (instruction counts).
//!
//! Inline, so that each bench compiles the workload with its set-up in view, as it would written
//! in place: what the compiler may fold then stays the same for `nn` and the hand-written loops.

// Measured: without it, the hand-written W2 step counted 297 instructions instead of 199.
#![allow(clippy::inline_always)]

use nn::Dense;
use nn::init::{Init, rng};

use crate::hand_written;

nn::network! {
    /// W1.
    pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2;
    /// W2.
    pub struct Regression = 2 => relu 10 => identity 1;
    /// W3.
    pub struct Mlp784 = 784 => relu 128 => softmax 10;
    /// W4.
    pub struct DigitsCnn = [1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2)
        => relu conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10;
}

/// W3's mini-batch.
pub const BATCH: usize = 32;

/// W2's sample: `f(0.25, 0.75) = 3 · 0.25 + 2 · 0.75`.
pub const REGRESSION_SAMPLE: ([f32; 2], [f32; 1]) = ([0.25, 0.75], [2.25]);

/// W2's learning rate.
pub const REGRESSION_RATE: f32 = 0.07;

/// W1 with the weights of the course notes, and its hand-written twin.
#[inline(always)]
pub fn seed3() -> (Seed3, hand_written::Seed3) {
    let net = Seed3 {
        layer1: Dense::new([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3]),
        layer2: Dense::new([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]], [0.1, 0.2]),
        layer3: Dense::new([[0.1, 0.3], [0.2, 0.4]], [1.0, 2.0]),
    };
    let baseline = hand_written::Seed3 {
        w1: net.layer1.weights,
        b1: net.layer1.bias,
        w2: net.layer2.weights,
        b2: net.layer2.bias,
        w3: net.layer3.weights,
        b3: net.layer3.bias,
    };
    (net, baseline)
}

/// W2 drawn from the standard normal distribution, and its hand-written twin.
#[inline(always)]
pub fn regression() -> (Regression, hand_written::Regression) {
    let net = Regression::initialized(Init::StandardNormal, &mut rng(1));
    let baseline = hand_written::Regression {
        w1: net.layer1.weights,
        b1: net.layer1.bias,
        w2: net.layer2.weights,
        b2: net.layer2.bias,
    };
    (net, baseline)
}

/// W3 with He's initialisation and a gradient buffer, and their hand-written twins.
#[inline(always)]
pub fn mlp784() -> (
    Box<Mlp784>,
    Box<Mlp784>,
    Box<hand_written::Mlp>,
    Box<hand_written::Mlp>,
) {
    let net = Mlp784::initialized_boxed(Init::He, &mut rng(784));
    let grad = Mlp784::zeros_boxed();
    let baseline = Box::new(hand_written::Mlp {
        w1: net.layer1.weights,
        b1: net.layer1.bias,
        w2: net.layer2.weights,
        b2: net.layer2.bias,
    });
    let baseline_grad = Box::new(hand_written::Mlp {
        w1: grad.layer1.weights,
        b1: grad.layer1.bias,
        w2: grad.layer2.weights,
        b2: grad.layer2.bias,
    });
    (net, grad, baseline, baseline_grad)
}

/// W3's mini-batch of [`BATCH`] images, of made-up but fixed pixels.
#[inline(always)]
pub fn mlp784_batch() -> Vec<([f32; 784], usize)> {
    (0..BATCH)
        .map(|i| {
            (
                std::array::from_fn(|j| ((i * 31 + j * 7) % 256) as f32 / 255.0),
                i % 10,
            )
        })
        .collect()
}

/// W4 with He's initialisation, and its hand-written twin and gradient buffer.
#[inline(always)]
pub fn digits_cnn() -> (DigitsCnn, hand_written::DigitsCnn, hand_written::DigitsCnn) {
    let net = DigitsCnn::initialized(Init::He, &mut rng(64));
    let twin = |net: &DigitsCnn| hand_written::DigitsCnn {
        w1: net.layer1.weights,
        b1: net.layer1.bias,
        w3: net.layer3.weights,
        b3: net.layer3.bias,
        w5: net.layer5.weights,
        b5: net.layer5.bias,
        w6: net.layer6.weights,
        b6: net.layer6.bias,
    };
    let (baseline, baseline_grad) = (twin(&net), twin(&DigitsCnn::zeros()));
    (net, baseline, baseline_grad)
}

/// W4's mini-batch of [`BATCH`] 8 x 8 images, of made-up but fixed pixels.
#[inline(always)]
pub fn digits_batch() -> Vec<([f32; 64], usize)> {
    (0..BATCH)
        .map(|i| {
            (
                std::array::from_fn(|j| ((i * 31 + j * 7) % 17) as f32 / 16.0),
                i % 10,
            )
        })
        .collect()
}
