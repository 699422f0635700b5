//! Training speed as networks grow: one thread, `train::step` with `Sgd` on batches of 64, for
//! `784 => relu W => relu W => softmax 10` with `W` = 128, 512, 1,024 and 2,048, in samples per
//! second. `benches/peers/src/bin/wide.rs` runs them beside PyTorch and numpy.
//!
//! ```sh
//! cargo run --release --example wide_training
//! ```

#[path = "common/wide.rs"]
mod wide;

use std::time::{Duration, Instant};

use nn::Trainable;
use nn::activation::Softmax;
use wide::{Training, Width128, Width512, Width1024, Width2048};

/// How long each network trains.
const BUDGET: Duration = Duration::from_secs(3);

fn measure<N>(width: usize)
where
    N: Trainable<Scalar = f32, Input = [f32; 784], Output = [f32; 10], OutputActivation = Softmax>,
{
    let mut training = Training::<N>::new();
    let mut step = || training.step();
    // The first step makes the thread's block buffers.
    step();
    let (start, mut steps) = (Instant::now(), 0);
    while start.elapsed() < BUDGET {
        step();
        steps += 1;
    }
    let per_second = (steps * wide::BATCH) as f64 / start.elapsed().as_secs_f64();
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
