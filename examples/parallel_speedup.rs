//! When training on two threads pays: mini-batch steps of `nn::parallel::Parallel` on one thread
//! and on two, for a small network (the digits one), a larger one (`784 => relu 128 => softmax
//! 10`) and the digits CNN, timed in this process. `scripts/threads-under-load.sh` runs it on an idle machine and
//! beside other busy processes.
//!
//! ```sh
//! cargo run --release --example parallel_speedup
//! ```

use std::time::{Duration, Instant};

use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Sgd;
use nn::parallel::Parallel;
use nn::{Scalar, Trainable};

nn::network! {
    struct Digits = 64 => relu 32 => softmax 10;
    struct Mnist = 784 => relu 128 => softmax 10;
    struct DigitsCnn = [1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2)
        => relu conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10;
}

/// How long each measurement runs.
const BUDGET: Duration = Duration::from_millis(1500);

fn batch<const N: usize>(size: usize) -> Vec<([f32; N], usize)> {
    let mut rng = init::rng(3);
    (0..size)
        .map(|i| {
            let x = std::array::from_fn(|_| f32::from_f64(init::uniform(&mut rng)));
            (x, i % 10)
        })
        .collect()
}

/// The median time of one step on `threads` threads, over repeats of 50 steps for [`BUDGET`].
fn step_time<N, const I: usize>(threads: usize, batch_size: usize) -> Duration
where
    N: Trainable<
            Scalar = f32,
            Input = [f32; I],
            Output = [f32; 10],
            OutputActivation = nn::activation::Softmax,
        > + Send
        + Sync,
{
    let samples = batch::<I>(batch_size);
    let mut net = N::initialized_boxed(Init::He, &mut init::rng(1));
    let mut grad = N::zeros_boxed();
    let mut sgd = Sgd::new(0.01);
    let mut parallel = Parallel::<N>::new(threads).expect("the threads start");
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < BUDGET {
        let repeat = Instant::now();
        for _ in 0..50 {
            parallel
                .step(&mut *net, &mut sgd, &samples, CrossEntropy, &mut *grad)
                .expect("the samples are finite");
        }
        times.push(repeat.elapsed() / 50);
    }
    times.sort_unstable();
    times[times.len() / 2]
}

/// A row of the table: `step_time` on one thread and on two.
fn report(name: &str, batch_size: usize, step_time: fn(usize, usize) -> Duration) {
    let one = step_time(1, batch_size);
    let two = step_time(2, batch_size);
    println!(
        "| {name} | {batch_size} | {:.1} µs | {:.1} µs | {:.2}x |",
        one.as_secs_f64() * 1e6,
        two.as_secs_f64() * 1e6,
        one.as_secs_f64() / two.as_secs_f64()
    );
}

fn main() {
    println!("| network | batch | one thread, per step | two threads | speed-up |");
    println!("| --- | --- | --- | --- | --- |");
    report("`64 => relu 32 => softmax 10`", 32, step_time::<Digits, 64>);
    report(
        "`784 => relu 128 => softmax 10`",
        32,
        step_time::<Mnist, 784>,
    );
    report(
        "`784 => relu 128 => softmax 10`",
        512,
        step_time::<Mnist, 784>,
    );
    report("the digits CNN", 32, step_time::<DigitsCnn, 64>);
    report("the digits CNN", 128, step_time::<DigitsCnn, 64>);
}
