//! The speed of one layer's products, each timed alone: for one sample (`total_input`,
//! `input_gradient`, `add_gradient`) and for a block of 32 (`total_input_batch`,
//! `add_gradient_batch_shared` from zero and averaged, as a batch's only block, and
//! `input_gradient_batch`), in µs and GFLOP/s, for layers wide and narrow. A shape whose GFLOP/s
//! falls far below its neighbours' is a loop the compiler vectorised badly.
//!
//! ```sh
//! cargo run --release --example layer_products
//! ```

use std::hint::black_box;
use std::time::Instant;

use nn::team::Alone;
use nn::{Accumulate, Dense, Scalar, Zeroable};

/// The samples of a block.
const BLOCK: usize = 32;

/// The best time of `f`, in µs, over 1,000 repeats of 5 calls.
fn best(mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..1_000 {
        let start = Instant::now();
        for _ in 0..5 {
            f();
        }
        best = best.min(start.elapsed().as_secs_f64() / 5.0);
    }
    best * 1e6
}

/// Values that are neither zero nor round, from `seed`.
fn value<T: Scalar>(seed: usize) -> T {
    T::from_f64(((seed * 7_919 + 13) % 1_000) as f64 / 1_000.0 - 0.5)
}

/// `N` rows of `row`, on the heap without passing through the stack.
#[allow(clippy::unnecessary_box_returns)] // the point: rows on the heap
fn rows<R: Clone, const N: usize>(row: R) -> Box<[R; N]> {
    let rows = vec![row; N].into_boxed_slice();
    rows.try_into().unwrap_or_else(|_| unreachable!("`N` rows"))
}

/// `µs (GFLOP/s)` for a product of `multiply_adds` taking `micros`.
fn cell(micros: f64, multiply_adds: usize) -> String {
    format!(
        "{micros:.2} ({:.0})",
        2.0 * multiply_adds as f64 / micros / 1e3
    )
}

/// A row of the table for a layer of `I` inputs and `O` outputs in `T`.
fn row<T: Scalar + Zeroable, const I: usize, const O: usize>(scalar: &str) {
    let mut layer = nn::boxed::zeroed::<Dense<T, I, O>>();
    for (k, w) in layer.weights.iter_mut().flatten().enumerate() {
        *w = value(k);
    }
    let mut grad = nn::boxed::zeroed::<Dense<T, I, O>>();
    let mut inputs = rows::<_, BLOCK>([T::ZERO; I]);
    for (k, x) in inputs.iter_mut().flatten().enumerate() {
        *x = value(k + 2_000_000);
    }
    let mut du = rows::<_, BLOCK>([T::ZERO; O]);
    for (k, d) in du.iter_mut().flatten().enumerate() {
        *d = value(k + 1_000_000);
    }
    let x: [&[T; I]; BLOCK] = core::array::from_fn(|s| &inputs[s]);
    let mut u = rows::<_, BLOCK>([T::ZERO; O]);
    let mut du_columns = rows::<_, O>([T::ZERO; BLOCK]);
    let mut dx = rows::<_, BLOCK>([T::ZERO; I]);
    let mean = Accumulate {
        from_zero: true,
        scale: Some(T::from_f64(1.0 / BLOCK as f64)),
    };

    let forward = best(|| {
        black_box(layer.total_input(black_box(x[0])));
    });
    let input_gradient = best(|| {
        black_box(layer.input_gradient(black_box(&du[0])));
    });
    let weight_gradient = best(|| grad.add_gradient(black_box(x[0]), black_box(&du[0])));
    let block_forward = best(|| layer.total_input_batch(black_box(&x), &mut u));
    let block_weight_gradient =
        best(|| grad.add_gradient_batch_shared(black_box(&x), &du, mean, &Alone));
    let block_input_gradient =
        best(|| layer.input_gradient_batch(black_box(&du), &mut du_columns, &mut dx));
    black_box((&u, &grad, &dx));

    let one = I * O;
    let block = one * BLOCK;
    println!(
        "| {scalar} | {I} x {O} | {} | {} | {} | {} | {} | {} |",
        cell(forward, one),
        cell(weight_gradient, one),
        cell(input_gradient, one),
        cell(block_forward, block),
        cell(block_weight_gradient, block),
        cell(block_input_gradient, block),
    );
}

fn main() {
    println!(
        "| scalar | layer | forward | weight gradient | input gradient \
         | forward, {BLOCK} | weight gradient, {BLOCK} | input gradient, {BLOCK} |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    row::<f32, 784, 16>("f32");
    row::<f32, 784, 32>("f32");
    row::<f32, 784, 128>("f32");
    row::<f32, 512, 512>("f32");
    row::<f32, 128, 10>("f32");
    row::<f32, 64, 64>("f32");
    row::<f32, 16, 16>("f32");
    row::<f64, 784, 128>("f64");
    row::<f64, 512, 512>("f64");
    println!(
        "\nµs (GFLOP/s), the best of 1,000 x 5 calls; one thread, on this machine's best kernels"
    );
}
