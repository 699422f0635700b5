//! Why two threads share a large layer's weights by rows and not by columns: each thread updates
//! its half of a `784 x 128` matrix of `f32` (W3's first layer, on cache lines as `Dense` is) as
//! an SGD step does, either half of the rows, or half of every row (its columns), and this prints
//! the time of one pass.
//!
//! Both threads touch the same number of bytes, and no cache line holds values of both. With
//! rows, each half is one run of memory; with columns, each 512-byte row holds a 256-byte part of
//! each thread, and on this project's machines a pass takes about four times as long: the threads
//! take each other's cache lines, probably through the hardware's fetching of neighbouring lines.
//!
//! ```sh
//! cargo run --release --example split_rows_or_columns
//! ```

use std::time::Instant;

const ROWS: usize = 784;
const HALF: usize = 64;
const PASSES: u32 = 20_000;

/// Half a row of the weights, on its own cache lines.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct HalfRow([f32; HALF]);

/// The mean time in µs of one pass of `w += -0.5 · g` over a thread's half-rows.
fn passes(part: &mut [&mut HalfRow], gradient: &[f32]) -> f64 {
    let start = Instant::now();
    for _ in 0..PASSES {
        for (row, g) in part.iter_mut().zip(gradient.chunks_exact(HALF)) {
            for (w, &g) in row.0.iter_mut().zip(g) {
                *w += -0.5 * g;
            }
        }
        std::hint::black_box(&mut *part);
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(PASSES)
}

/// Both threads' times for one pass, each with its half of the weights: the first and second
/// halves of the rows, or the first and second halves of every row.
fn run(by_columns: bool) -> (f64, f64) {
    // Row `r` is half-rows `2r` and `2r + 1`.
    let mut weights = vec![HalfRow([0.0; HALF]); 2 * ROWS];
    let gradient = vec![1e-3_f32; ROWS * HALF];
    let (mut first, mut second): (Vec<_>, Vec<_>) = if by_columns {
        let (left, right): (Vec<_>, Vec<_>) = weights
            .chunks_exact_mut(2)
            .map(|row| {
                let (left, right) = row.split_at_mut(1);
                (&mut left[0], &mut right[0])
            })
            .unzip();
        (left, right)
    } else {
        let (top, bottom) = weights.split_at_mut(ROWS);
        (top.iter_mut().collect(), bottom.iter_mut().collect())
    };
    std::thread::scope(|scope| {
        let other = scope.spawn(|| passes(&mut second, &gradient));
        let mine = passes(&mut first, &gradient);
        (mine, other.join().expect("the thread finishes"))
    })
}

fn main() {
    println!("| each thread's half | first thread, µs a pass | second thread |");
    println!("| --- | --- | --- |");
    for _ in 0..3 {
        for (name, by_columns) in [("rows", false), ("columns of every row", true)] {
            let (first, second) = run(by_columns);
            println!("| {name} | {first:.2} | {second:.2} |");
        }
    }
}
