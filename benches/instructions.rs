//! The workloads of `benches/workloads`, one at a time, for counting instructions:
//! `scripts/instruction-counts.sh` runs this binary under valgrind's callgrind, which counts the
//! same instructions for the same binary and input whatever else the machine does, so ratios
//! between `nn` and the hand-written loops hold where timings are noisy.
//!
//! ```sh
//! cargo bench --bench instructions -- W2 nn 1000000
//! ```
//!
//! runs workload `W2` as `nn` does it (or `hand` for the hand-written loops) that many times.

#[path = "workloads/hand_written.rs"]
#[allow(dead_code)]
mod hand_written;

use std::hint::black_box;
use std::process::ExitCode;

use nn::init::{Init, rng};
use nn::loss::{CrossEntropy, Mse};
use nn::optim::{Optimizer, Sgd};
use nn::{Dense, train};

nn::network! {
    /// W1.
    pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2;
    /// W2.
    pub struct Regression = 2 => relu 10 => identity 1;
    /// W3.
    pub struct Mlp784 = 784 => relu 128 => softmax 10;
}

/// The workloads, as `scripts/instruction-counts.sh` names them.
const WORKLOADS: [&str; 5] = ["W1", "W2", "W2-loop", "W3-inference", "W3-training"];

fn seed3(hand: bool, repeats: usize) {
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
    for _ in 0..repeats {
        if hand {
            black_box(baseline.forward(black_box(&[1.0, 2.0])));
        } else {
            black_box(net.forward(black_box(&[1.0, 2.0])));
        }
    }
}

/// W2 through `Optimizer::step_sample` (`loop_form` false), or written as the README's loop:
/// `fill`, `backward`, `Sgd::step`.
fn regression(hand: bool, loop_form: bool, repeats: usize) {
    let mut net = Regression::initialized(Init::StandardNormal, &mut rng(1));
    let mut baseline = hand_written::Regression {
        w1: net.layer1.weights,
        b1: net.layer1.bias,
        w2: net.layer2.weights,
        b2: net.layer2.bias,
    };
    let mut grad = Regression::zeros();
    let mut sgd = Sgd::new(0.07);
    let (x, d) = ([0.25_f32, 0.75], [2.25_f32]);
    for _ in 0..repeats {
        if hand {
            black_box(baseline.step(black_box(&x), d[0], 0.07));
        } else if loop_form {
            grad.fill(0.0);
            black_box(net.backward(black_box(&x), &d, Mse, &mut grad));
            sgd.step(&mut net, &grad);
        } else {
            black_box(sgd.step_sample(&mut net, black_box(&x), &d, Mse, &mut grad));
        }
    }
}

fn mlp784(hand: bool, training: bool, repeats: usize) {
    let mut net = Mlp784::initialized_boxed(Init::He, &mut rng(784));
    let mut grad = Mlp784::zeros_boxed();
    let mut baseline = Box::new(hand_written::Mlp {
        w1: net.layer1.weights,
        b1: net.layer1.bias,
        w2: net.layer2.weights,
        b2: net.layer2.bias,
    });
    let mut baseline_grad = Box::new(hand_written::Mlp {
        w1: grad.layer1.weights,
        b1: grad.layer1.bias,
        w2: grad.layer2.weights,
        b2: grad.layer2.bias,
    });
    let batch: Vec<([f32; 784], usize)> = (0..32)
        .map(|i| {
            (
                std::array::from_fn(|j| ((i * 31 + j * 7) % 256) as f32 / 255.0),
                i % 10,
            )
        })
        .collect();
    let mut sgd = Sgd::new(0.01);
    for _ in 0..repeats {
        match (hand, training) {
            (false, false) => {
                black_box(net.forward(black_box(&batch[0].0)));
            }
            (true, false) => {
                black_box(baseline.forward(black_box(&batch[0].0)));
            }
            (false, true) => {
                let loss = train::step(
                    &mut *net,
                    &mut sgd,
                    black_box(&batch),
                    CrossEntropy,
                    &mut *grad,
                );
                black_box(loss.expect("the samples are finite"));
            }
            (true, true) => {
                black_box(baseline.train_batch(&mut baseline_grad, black_box(&batch), 0.01));
            }
        }
    }
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (workload, hand, repeats) = match &arguments[..] {
        [workload, implementation, repeats, ..]
            if WORKLOADS.contains(&workload.as_str())
                && ["nn", "hand"].contains(&implementation.as_str()) =>
        {
            match repeats.parse::<usize>() {
                Ok(repeats) => (workload.as_str(), implementation == "hand", repeats),
                Err(_) => return usage(),
            }
        }
        // `cargo bench` runs every bench target with `--bench`: nothing to do here.
        [flag, ..] if flag == "--bench" => return ExitCode::SUCCESS,
        _ => return usage(),
    };
    match workload {
        "W1" => seed3(hand, repeats),
        "W2" => regression(hand, false, repeats),
        "W2-loop" => regression(hand, true, repeats),
        "W3-inference" => mlp784(hand, false, repeats),
        _ => mlp784(hand, true, repeats),
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: instructions WORKLOAD nn|hand REPEATS, WORKLOAD one of {}",
        WORKLOADS.join(", ")
    );
    ExitCode::FAILURE
}
