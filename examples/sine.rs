//! The sine model of TensorFlow Lite Micro's and `MicroFlow`'s `hello_world` examples,
//! `1 => relu 16 => relu 16 => identity 1`, learns `sin x` on `[0, 2π]` and is quantised to int8,
//! for the minimal firmware `examples/cortex-m/src/bin/sine.rs`.
//!
//! ```sh
//! cargo run --release --example sine -- [output directory]
//! ```
//!
//! Writes the int8 network in `nn`'s int8 format (`sine_int8.nnq`) to the output directory
//! (default `target/sine`), with 32 inputs and the int8 network's outputs for them
//! (`cases.bin`: a little-endian `f32` and an `i8` each), which the firmware must reproduce.
//! Fails if the int8 network is off `sin x` by more than 0.1 on average over those inputs.

use std::error::Error;
use std::f32::consts::TAU;
use std::path::PathBuf;

use nn::init::{self, Init};
use nn::optim::Adam;
use nn::prelude::*;
use nn::{Scalar, train};

nn::network! {
    /// `x` in `[0, 2π]` in, `sin x` out.
    pub struct Sine = 1 => relu 16 => relu 16 => identity 1;
}

/// The inputs the firmware checks: evenly spread over `[0, 2π)`.
const CASES: usize = 32;
/// The largest mean distance from `sin x` the int8 network may have on them.
const TOLERANCE: f32 = 0.1;

fn main() -> Result<(), Box<dyn Error>> {
    let output = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/sine".into()),
    );
    std::fs::create_dir_all(&output)?;

    // 1,000 points of [0, 2π], as `hello_world`'s training set (without its noise).
    let mut rng = init::rng(2026);
    let mut samples: Vec<([f32; 1], [f32; 1])> = (0..1000)
        .map(|_| {
            let x = TAU * f32::from_f64(init::uniform(&mut rng));
            ([x], [x.sin()])
        })
        .collect();
    let mut net = Sine::initialized(Init::He, &mut rng);
    let mut grad = Sine::zeros();
    let mut adam = Adam::new(0.01);
    for _ in 0..300 {
        train::epoch(
            &mut net,
            &mut adam,
            &mut samples,
            16,
            Mse,
            &mut grad,
            &mut rng,
        )?;
    }

    let calibration: Vec<[f32; 1]> = samples.iter().map(|(x, _)| *x).collect();
    let int8 = net.quantize(&calibration)?;
    let (mut cases, mut int8_distance, mut f32_distance) = (Vec::new(), 0.0, 0.0);
    for i in 0..CASES {
        let x = TAU * i as f32 / CASES as f32;
        let y = int8.forward(&int8.quantize_input(&[x]));
        int8_distance += (int8.dequantize_output(&y)[0] - x.sin()).abs() / CASES as f32;
        f32_distance += (net.forward(&[x])[0] - x.sin()).abs() / CASES as f32;
        cases.extend(x.to_le_bytes());
        cases.extend(y[0].to_le_bytes());
    }
    println!(
        "sine: mean distance from sin x over {CASES} inputs {f32_distance:.4} in f32, \
         {int8_distance:.4} in int8; the int8 network {} bytes",
        SineQuantized::ENCODED_LEN
    );
    let mut bytes = vec![0; SineQuantized::ENCODED_LEN];
    int8.encode(&mut bytes)?;
    std::fs::write(output.join("sine_int8.nnq"), &bytes)?;
    std::fs::write(output.join("cases.bin"), &cases)?;
    println!("wrote sine_int8.nnq and cases.bin in {}", output.display());
    if int8_distance > TOLERANCE {
        return Err(
            format!("the int8 network is off sin x by {int8_distance:.3} on average").into(),
        );
    }
    Ok(())
}
