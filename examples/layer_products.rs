//! The speed of one layer's products, each timed alone: for one sample (`total_input`,
//! `input_gradient`, `add_gradient`) and for a block of 32 (`total_input_batch`,
//! `add_gradient_batch_shared` from zero and averaged, as a batch's only block, and
//! `input_gradient_batch`), in µs and GFLOP/s, for layers wide and narrow; then a convolution's
//! for one sample (the digits CNN's two, and wider ones). A shape whose GFLOP/s falls far below
//! its neighbours' is a loop the compiler vectorised badly.
//!
//! ```sh
//! cargo run --release --example layer_products
//! ```

use std::hint::black_box;
use std::time::Instant;

use nn::team::Alone;
use nn::{Accumulate, Conv2d, Dense, Scalar, Sliding, Zeroable};

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

/// A row of the convolutions' table: `C` channels of `N x N` to `F` filters of 3 x 3, `same`
/// (one zero all around), in `f32`.
fn conv_row<const C: usize, const F: usize, const N: usize>() {
    let same = Sliding {
        stride: [1, 1],
        padding: [1, 1],
    };
    let mut layer = nn::boxed::zeroed::<Conv2d<f32, C, F, 3, 3>>();
    for (k, w) in layer.weight_rows_mut().iter_mut().flatten().enumerate() {
        *w = value(k);
    }
    let mut grad = nn::boxed::zeroed::<Conv2d<f32, C, F, 3, 3>>();
    let mut x = rows::<_, C>([[0.0_f32; N]; N]);
    for (k, v) in x.iter_mut().flatten().flatten().enumerate() {
        *v = value(k + 2_000_000);
    }
    let mut du = rows::<_, F>([[0.0_f32; N]; N]);
    for (k, d) in du.iter_mut().flatten().flatten().enumerate() {
        *d = value(k + 1_000_000);
    }
    let mut u = rows::<_, F>([[0.0_f32; N]; N]);
    let mut dx = rows::<_, C>([[0.0_f32; N]; N]);

    let forward = best(|| layer.total_input(black_box(&x), same, &mut u));
    let weight_gradient = best(|| grad.add_gradient(black_box(&x), black_box(&du), same));
    let input_gradient = best(|| layer.input_gradient(black_box(&du), same, &mut dx));
    black_box((&u, &grad, &dx));

    let multiply_adds = C * 9 * F * N * N;
    println!(
        "| [{C}, {N}, {N}] to {F} filters | {} | {} | {} |",
        cell(forward, multiply_adds),
        cell(weight_gradient, multiply_adds),
        cell(input_gradient, multiply_adds),
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
    println!("\n| 3 x 3 convolution, `same` | forward | weight gradient | input gradient |");
    println!("| --- | --- | --- | --- |");
    conv_row::<1, 16, 8>();
    conv_row::<16, 32, 4>();
    conv_row::<16, 32, 16>();
    conv_row::<64, 64, 8>();
    println!(
        "\nµs (GFLOP/s), the best of 1,000 x 5 calls; one thread, on this machine's best kernels"
    );
}
