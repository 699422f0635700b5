//! The workloads `nn` is measured on, each beside a hand-written baseline in the same group:
//!
//! - W1 `seed3_forward`: the seed's `2 => relu 3 => relu 2 => identity 2`, one forward pass.
//! - W2 `regression_step`: the seed's `2 => relu 10 => identity 1`, one `backward` and one `Sgd`
//!   step on one sample (`Optimizer::step_sample`, as `train::online` takes it).
//! - W3 `mlp784`: `784 => relu 128 => softmax 10` with cross entropy, one inference, and one
//!   mini-batch step of 32 samples, on one thread and on two (`nn::parallel`); and steps of 128
//!   and 512 samples on one and two threads.
//! - W4 `digits_cnn`: the digits CNN of `examples/digits_cnn.rs` (two `same` 3 x 3 convolutions,
//!   each with 2 x 2 max pooling, then `relu 64 => softmax 10`), one inference beside hand-written
//!   convolution loops, and one mini-batch step of 32 samples with cross entropy beside theirs.
//!
//! W3's and W4's inference also run in int8 (`nn_int8`: the network quantised on the workload's
//! batch, its input quantised beforehand, integers only).
//!
//! `cargo bench --bench workloads` runs them and then prints the derived figures (ns per sample,
//! samples per second, GFLOP/s from the counted multiply-adds, and the ratio to the baseline),
//! read from criterion's estimates.

mod hand_written;
mod report;
mod setup;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use nn::loss::{CrossEntropy, Mse};
use nn::optim::{Optimizer, Sgd};
use nn::parallel::Parallel;
use nn::train;
use setup::{BATCH, REGRESSION_RATE, REGRESSION_SAMPLE};

fn seed3_forward(c: &mut Criterion) {
    let (net, baseline) = setup::seed3();
    let mut group = c.benchmark_group("seed3_forward");
    group.throughput(Throughput::Elements(1));
    group.bench_function("nn", |b| b.iter(|| net.forward(black_box(&[1.0, 2.0]))));
    group.bench_function("hand_written", |b| {
        b.iter(|| baseline.forward(black_box(&[1.0, 2.0])));
    });
    group.finish();
}

fn regression_step(c: &mut Criterion) {
    let (mut net, mut baseline) = setup::regression();
    let mut grad = setup::Regression::zeros();
    let mut sgd = Sgd::new(f64::from(REGRESSION_RATE));
    let (x, d) = REGRESSION_SAMPLE;
    let mut group = c.benchmark_group("regression_step");
    group.throughput(Throughput::Elements(1));
    // What `train::online` does for each sample; plain Sgd fuses it into one pass.
    group.bench_function("nn", |b| {
        b.iter(|| sgd.step_sample(&mut net, black_box(&x), &d, Mse, &mut grad));
    });
    group.bench_function("hand_written", |b| {
        b.iter(|| baseline.step(black_box(&x), d[0], REGRESSION_RATE));
    });
    group.finish();
}

fn mlp784(c: &mut Criterion) {
    let (mut net, mut grad, mut baseline, mut baseline_grad) = setup::mlp784();
    let batch = setup::mlp784_batch();
    let x = batch[0].0;

    let mut group = c.benchmark_group("mlp784_inference");
    group.throughput(Throughput::Elements(1));
    group.bench_function("nn", |b| b.iter(|| net.forward(black_box(&x))));
    group.bench_function("hand_written", |b| {
        b.iter(|| baseline.forward(black_box(&x)));
    });
    group.bench_function("read_weights", |b| {
        b.iter(|| read_rows(black_box(&net.layer1.weights)));
    });
    let calibration: Vec<[f32; 784]> = batch.iter().map(|(x, _)| *x).collect();
    let int8 = net.quantize(&calibration).expect("finite inputs");
    let xq = int8.quantize_input(&x);
    group.bench_function("nn_int8", |b| b.iter(|| int8.forward(black_box(&xq))));
    group.finish();

    let mut group = c.benchmark_group("mlp784_train_batch32");
    group.throughput(Throughput::Elements(BATCH as u64));
    let mut sgd = Sgd::new(0.01);
    group.bench_function("nn", |b| {
        b.iter(|| {
            train::step(
                &mut *net,
                &mut sgd,
                black_box(&batch),
                CrossEntropy,
                &mut *grad,
            )
            .unwrap()
        });
    });
    let mut parallel = Parallel::new(2).expect("a second thread");
    group.bench_function("nn_2_threads", |b| {
        b.iter(|| {
            parallel
                .step(
                    &mut *net,
                    &mut sgd,
                    black_box(&batch),
                    CrossEntropy,
                    &mut *grad,
                )
                .unwrap()
        });
    });
    group.bench_function("hand_written", |b| {
        b.iter(|| baseline.train_batch(&mut baseline_grad, black_box(&batch), 0.01));
    });
    group.finish();

    // Threads pay for moving the weights and gradients between cores once per step, whatever
    // the batch: larger batches show where they start to win.
    let mut group = c.benchmark_group("mlp784_train_threads");
    for size in [128, 512] {
        let batch: Vec<([f32; 784], usize)> =
            (0..size).map(|i| (batch[i % BATCH].0, i % 10)).collect();
        group.throughput(Throughput::Elements(size as u64));
        group.bench_function(format!("batch{size}_1_thread"), |b| {
            b.iter(|| {
                train::step(
                    &mut *net,
                    &mut sgd,
                    black_box(&batch),
                    CrossEntropy,
                    &mut *grad,
                )
                .unwrap()
            });
        });
        group.bench_function(format!("batch{size}_2_threads"), |b| {
            b.iter(|| {
                parallel
                    .step(
                        &mut *net,
                        &mut sgd,
                        black_box(&batch),
                        CrossEntropy,
                        &mut *grad,
                    )
                    .unwrap()
            });
        });
    }
    group.finish();
}

fn digits_cnn(c: &mut Criterion) {
    let (mut net, mut baseline, mut baseline_grad) = setup::digits_cnn();
    let mut grad = setup::DigitsCnn::zeros();
    let batch = setup::digits_batch();
    let x = batch[0].0;

    let mut group = c.benchmark_group("digits_cnn_inference");
    group.throughput(Throughput::Elements(1));
    group.bench_function("nn", |b| b.iter(|| net.forward(black_box(&x))));
    group.bench_function("hand_written", |b| {
        b.iter(|| baseline.forward(black_box(&x)));
    });
    let calibration: Vec<[f32; 64]> = batch.iter().map(|(x, _)| *x).collect();
    let int8 = net.quantize(&calibration).expect("finite inputs");
    let xq = int8.quantize_input(&x);
    group.bench_function("nn_int8", |b| b.iter(|| int8.forward(black_box(&xq))));
    group.finish();

    let mut group = c.benchmark_group("digits_cnn_train_batch32");
    group.throughput(Throughput::Elements(BATCH as u64));
    let mut sgd = Sgd::new(0.01);
    group.bench_function("nn", |b| {
        b.iter(|| {
            train::step(
                &mut net,
                &mut sgd,
                black_box(&batch),
                CrossEntropy,
                &mut grad,
            )
            .unwrap()
        });
    });
    group.bench_function("hand_written", |b| {
        b.iter(|| baseline.train_batch(&mut baseline_grad, black_box(&batch), 0.01));
    });
    group.finish();
}

/// The memory bound of W3 inference on this machine: every weight of the large layer read once,
/// into a sum per column (so that nothing is optimised away), in the widest vectors the CPU has.
#[multiversion::multiversion(targets("x86_64+avx512f+avx512vl+fma", "x86_64+avx2+fma"))]
fn read_rows(rows: &[[f32; 128]; 784]) -> [f32; 128] {
    let mut sums = [0.0; 128];
    for row in rows {
        for (sum, &value) in sums.iter_mut().zip(row) {
            *sum += value;
        }
    }
    sums
}

/// The peak of one core's fused multiply-adds, in the widest vectors the kernels dispatch to:
/// AVX-512 where the CPU has it (unless built with `--cfg nn_avx2_only`, as the kernels), else
/// AVX2. Independent chains, more than both FMA units' latency needs. Returns a sum, so that
/// nothing is optimised away, and the multiply-adds done; `None` without AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
fn fma_peak(scale: f32) -> Option<(f32, usize)> {
    if !cfg!(nn_avx2_only) && is_x86_feature_detected!("avx512f") {
        // SAFETY: the CPU has AVX-512F, checked just above.
        Some(unsafe { peak::avx512(scale) })
    } else if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has AVX2 and FMA, checked just above.
        Some(unsafe { peak::avx2(scale) })
    } else {
        None
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn fma_peak(_: f32) -> Option<(f32, usize)> {
    None
}

/// [`fma_peak`]'s loops, in intrinsics: written as arrays, LLVM vectorised them across the chains.
#[cfg(target_arch = "x86_64")]
mod peak {
    use std::arch::x86_64::{
        __m256, __m512, _mm256_cvtss_f32, _mm256_fmadd_ps, _mm256_set1_ps, _mm512_fmadd_ps,
        _mm512_reduce_add_ps, _mm512_set1_ps,
    };

    const ROUNDS: usize = 10_000;

    /// 12 chains in AVX-512's 32 registers.
    #[target_feature(enable = "avx512f")]
    pub fn avx512(scale: f32) -> (f32, usize) {
        let (factor, term) = (_mm512_set1_ps(scale), _mm512_set1_ps(1e-3));
        let mut chains: [__m512; 12] = [_mm512_set1_ps(1.0); 12];
        for _ in 0..ROUNDS {
            for chain in &mut chains {
                *chain = _mm512_fmadd_ps(*chain, factor, term);
            }
        }
        let sum = chains
            .iter()
            .map(|&chain| _mm512_reduce_add_ps(chain))
            .sum();
        (sum, ROUNDS * 12 * 16)
    }

    /// 10 chains in AVX2's 16 registers.
    #[target_feature(enable = "avx2,fma")]
    pub fn avx2(scale: f32) -> (f32, usize) {
        let (factor, term) = (_mm256_set1_ps(scale), _mm256_set1_ps(1e-3));
        let mut chains: [__m256; 10] = [_mm256_set1_ps(1.0); 10];
        for _ in 0..ROUNDS {
            for chain in &mut chains {
                *chain = _mm256_fmadd_ps(*chain, factor, term);
            }
        }
        // The first lane of each chain is enough to keep every chain.
        let sum = chains.iter().map(|&chain| _mm256_cvtss_f32(chain)).sum();
        (sum, ROUNDS * 10 * 8)
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    seed3_forward(&mut criterion);
    regression_step(&mut criterion);
    mlp784(&mut criterion);
    digits_cnn(&mut criterion);
    let mut peak_multiply_adds = 0;
    if let Some((_, multiply_adds)) = fma_peak(1.0) {
        criterion
            .benchmark_group("fma_peak")
            .bench_function("one_core", |b| b.iter(|| fma_peak(black_box(0.999))));
        peak_multiply_adds = multiply_adds;
    }
    criterion.final_summary();
    report::print(peak_multiply_adds);
}
