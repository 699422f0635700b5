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
#[path = "workloads/setup.rs"]
mod setup;

use std::hint::black_box;
use std::process::ExitCode;

use nn::loss::{CrossEntropy, Mse};
use nn::optim::{Optimizer, Sgd};
use nn::train;
use setup::{REGRESSION_RATE, REGRESSION_SAMPLE};

/// The workloads, as `scripts/instruction-counts.sh` names them. Each call gets its network
/// through `black_box`, so that it is read from and written to memory at every call, as a
/// user's is: otherwise a loop over a small network may keep its weights in registers
/// between calls, and the count depends on what LLVM inlines into that loop.
const WORKLOADS: [&str; 7] = [
    "W1",
    "W2",
    "W2-loop",
    "W3-inference",
    "W3-training",
    "W4-inference",
    "W4-training",
];

fn seed3(hand: bool, repeats: usize) {
    let (net, baseline) = setup::seed3();
    for _ in 0..repeats {
        if hand {
            black_box(black_box(&baseline).forward(black_box(&[1.0, 2.0])));
        } else {
            black_box(black_box(&net).forward(black_box(&[1.0, 2.0])));
        }
    }
}

/// W2 through `Optimizer::step_sample` (`loop_form` false), or written as the README's loop:
/// `fill`, `backward`, `Sgd::step`.
fn regression(hand: bool, loop_form: bool, repeats: usize) {
    let (mut net, mut baseline) = setup::regression();
    let mut grad = setup::Regression::zeros();
    let mut sgd = Sgd::new(f64::from(REGRESSION_RATE));
    let (x, d) = REGRESSION_SAMPLE;
    for _ in 0..repeats {
        if hand {
            black_box(black_box(&mut baseline).step(black_box(&x), d[0], REGRESSION_RATE));
        } else if loop_form {
            let (net, grad) = (black_box(&mut net), black_box(&mut grad));
            grad.fill(0.0);
            black_box(net.backward(black_box(&x), &d, Mse, grad));
            sgd.step(net, grad);
        } else {
            black_box(sgd.step_sample(black_box(&mut net), black_box(&x), &d, Mse, &mut grad));
        }
    }
}

fn mlp784(hand: bool, training: bool, repeats: usize) {
    let (mut net, mut grad, mut baseline, mut baseline_grad) = setup::mlp784();
    let batch = setup::mlp784_batch();
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

#[inline(never)]
fn digits_cnn(hand: bool, training: bool, repeats: usize) {
    let (mut net, mut baseline, mut baseline_grad) = setup::digits_cnn();
    let mut grad = setup::DigitsCnn::zeros();
    let batch = setup::digits_batch();
    let mut sgd = Sgd::new(0.01);
    for _ in 0..repeats {
        match (hand, training) {
            (false, false) => {
                black_box(black_box(&net).forward(black_box(&batch[0].0)));
            }
            (true, false) => {
                black_box(black_box(&baseline).forward(black_box(&batch[0].0)));
            }
            (false, true) => {
                let loss = train::step(
                    &mut net,
                    &mut sgd,
                    black_box(&batch),
                    CrossEntropy,
                    &mut grad,
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
        "W3-training" => mlp784(hand, true, repeats),
        "W4-inference" => digits_cnn(hand, false, repeats),
        _ => digits_cnn(hand, true, repeats),
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
