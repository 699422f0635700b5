//! The derived figures, from the estimates criterion wrote under `target/criterion`.

use std::path::PathBuf;

/// A benchmark: its group, the samples one iteration processes, and the multiply-adds per sample.
struct Workload {
    group: &'static str,
    samples: f64,
    multiply_adds: f64,
}

/// Multiply-adds of the matrix products per sample: forward `x·W`, then for training the weight
/// gradients `xᵀ·du` and the input gradients `du·Wᵀ` of every layer but the first.
const WORKLOADS: [Workload; 6] = [
    Workload {
        group: "seed3_forward",
        samples: 1.0,
        multiply_adds: (2 * 3 + 3 * 2 + 2 * 2) as f64,
    },
    Workload {
        group: "regression_step",
        samples: 1.0,
        multiply_adds: (2 * 30 + 10) as f64,
    },
    Workload {
        group: "mlp784_inference",
        samples: 1.0,
        multiply_adds: (784 * 128 + 128 * 10) as f64,
    },
    Workload {
        group: "mlp784_train_batch32",
        samples: 32.0,
        multiply_adds: (2 * (784 * 128 + 128 * 10) + 128 * 10) as f64,
    },
    Workload {
        group: "digits_cnn_inference",
        samples: 1.0,
        multiply_adds: DIGITS_CNN_FORWARD as f64,
    },
    Workload {
        group: "digits_cnn_train_batch32",
        samples: 32.0,
        multiply_adds: (2 * DIGITS_CNN_FORWARD + DIGITS_CNN_FORWARD - DIGITS_CNN_FIRST) as f64,
    },
];

/// The digits CNN's multiply-adds: its first layer's (16 filters of 3 x 3 on 8 x 8), and all of
/// its forward pass's (32 filters of 16 x 3 x 3 on 4 x 4, then 128 x 64 and 64 x 10).
const DIGITS_CNN_FIRST: usize = 16 * 9 * 64;
const DIGITS_CNN_FORWARD: usize = DIGITS_CNN_FIRST + 32 * 16 * 9 * 16 + 128 * 64 + 64 * 10;

/// The mean time of one iteration in nanoseconds, if criterion measured it in this run or before.
fn mean_ns(group: &str, function: &str) -> Option<f64> {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = target
        .join("criterion")
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let estimates: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

/// Prints the table, then W3 against its bounds (`peak_multiply_adds`: those of one
/// `fma_peak` call) and the threads' speed-ups.
pub fn print(peak_multiply_adds: usize) {
    println!(
        "\n{:<22} {:<13} {:>12} {:>14} {:>9} {:>14}",
        "workload", "implementation", "ns/sample", "samples/s", "GFLOP/s", "÷ hand-written"
    );
    for workload in &WORKLOADS {
        let baseline = mean_ns(workload.group, "hand_written");
        for function in ["nn", "nn_int8", "nn_2_threads", "hand_written"] {
            let Some(ns) = mean_ns(workload.group, function) else {
                continue;
            };
            let per_sample = ns / workload.samples;
            let ratio = baseline.map_or(String::from("-"), |b| format!("{:.2}", ns / b));
            println!(
                "{:<22} {:<13} {:>12.1} {:>14.0} {:>9.2} {:>14}",
                workload.group,
                function,
                per_sample,
                1e9 / per_sample,
                2.0 * workload.multiply_adds / per_sample,
                ratio
            );
        }
    }
    println!();
    if let (Some(nn), Some(bound)) = (
        mean_ns("mlp784_inference", "nn"),
        mean_ns("mlp784_inference", "read_weights"),
    ) {
        println!(
            "mlp784 inference: {:.2} us, {:.2}x the {:.2} us it takes to read the weights once",
            nn / 1e3,
            nn / bound,
            bound / 1e3
        );
    }
    for group in ["mlp784_inference", "digits_cnn_inference"] {
        if let (Some(f32), Some(int8)) = (mean_ns(group, "nn"), mean_ns(group, "nn_int8")) {
            println!(
                "{group}: f32 {:.2} us, int8 {:.2} us: int8 {:.2}x as fast",
                f32 / 1e3,
                int8 / 1e3,
                f32 / int8
            );
        }
    }
    if let (Some(step), Some(peak)) = (
        mean_ns("mlp784_train_batch32", "nn"),
        mean_ns("fma_peak", "one_core"),
    ) {
        let peak = 2.0 * peak_multiply_adds as f64 / peak;
        let training = 2.0 * WORKLOADS[3].multiply_adds * WORKLOADS[3].samples / step;
        println!(
            "mlp784 training: {training:.1} GFLOP/s, {:.0}% of this core's FMA peak of {peak:.1} \
             GFLOP/s",
            100.0 * training / peak
        );
    }
    let threads = [
        ("mlp784_train_batch32", "nn", "nn_2_threads", 32.0),
        (
            "mlp784_train_threads",
            "batch128_1_thread",
            "batch128_2_threads",
            128.0,
        ),
        (
            "mlp784_train_threads",
            "batch512_1_thread",
            "batch512_2_threads",
            512.0,
        ),
    ];
    for (group, one, two, samples) in threads {
        if let (Some(one), Some(two)) = (mean_ns(group, one), mean_ns(group, two)) {
            println!(
                "mlp784 training, batch {samples:>3}: {:>7.0} samples/s on 1 thread, {:>7.0} on 2 \
                 threads: {:.2}x",
                samples * 1e9 / one,
                samples * 1e9 / two,
                one / two
            );
        }
    }
}
