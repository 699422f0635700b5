//! Training speed as networks grow: one thread, `train::step` with `Sgd` on batches of 64, for
//! `784 => relu W => relu W => softmax 10` with `W` = 128, 512, 1,024 and 2,048, in samples per
//! second. `benches/peers/src/bin/wide.rs` runs them beside PyTorch and numpy.
//!
//! ```sh
//! cargo run --release --example wide_training
//! ```

use std::time::{Duration, Instant};

use nn::activation::Softmax;
use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Sgd;
use nn::{Scalar, Trainable, train};

nn::network! {
    struct Width128 = 784 => relu 128 => relu 128 => softmax 10;
    struct Width512 = 784 => relu 512 => relu 512 => softmax 10;
    struct Width1024 = 784 => relu 1024 => relu 1024 => softmax 10;
    struct Width2048 = 784 => relu 2048 => relu 2048 => softmax 10;
}

/// How long each network trains.
const BUDGET: Duration = Duration::from_secs(3);

fn measure<N>(width: usize)
where
    N: Trainable<Scalar = f32, Input = [f32; 784], Output = [f32; 10], OutputActivation = Softmax>,
{
    let mut rng = init::rng(1);
    let batch: Vec<([f32; 784], usize)> = (0..64)
        .map(|i| {
            let x = std::array::from_fn(|_| f32::from_f64(init::uniform(&mut rng)));
            (x, i % 10)
        })
        .collect();
    let mut net = N::initialized_boxed(Init::He, &mut rng);
    let mut grad = N::zeros_boxed();
    let mut sgd = Sgd::new(0.001);
    let mut step = || {
        train::step(&mut *net, &mut sgd, &batch, CrossEntropy, &mut *grad)
            .expect("the samples are finite");
    };
    // The first step makes the thread's block buffers.
    step();
    let (start, mut steps) = (Instant::now(), 0);
    while start.elapsed() < BUDGET {
        step();
        steps += 1;
    }
    let per_second = (steps * batch.len()) as f64 / start.elapsed().as_secs_f64();
    // Forward, weight gradient and input gradient: three multiply-adds per weight and sample.
    let flops = per_second * N::PARAMETERS as f64 * 6.0;
    println!(
        "| `784 => relu {width} => relu {width} => softmax 10` | {} | {per_second:.0} | {:.1} |",
        N::PARAMETERS,
        flops / 1e9
    );
}

fn main() {
    println!("| network | parameters | samples/s | GFLOP/s |");
    println!("| --- | --- | --- | --- |");
    measure::<Width128>(128);
    measure::<Width512>(512);
    measure::<Width1024>(1024);
    measure::<Width2048>(2048);
}
