//! The int8 half of `examples/digits.rs` and `examples/digits_cnn.rs`: both quantise their
//! trained network on the same training images, score it held out against the `f32` network,
//! and write its predictions for the firmware in `examples/cortex-m`, which must reproduce them
//! exactly.

use std::error::Error;
use std::fmt::Write;
use std::path::Path;

use nn::metrics::argmax;

/// How much held-out accuracy an int8 network may lose: one percentage point.
pub const INT8_LOSS: f64 = 0.01;
/// The training images the int8 quantisation calibrates on.
pub const CALIBRATION: usize = 200;

/// The first [`CALIBRATION`] training images.
pub fn calibration(train_set: &[([f32; 64], usize)]) -> Vec<[f32; 64]> {
    train_set
        .iter()
        .take(CALIBRATION)
        .map(|(x, _)| *x)
        .collect()
}

/// The held-out accuracy of the int8 network whose scores for an image are `scores`, printed
/// beside its weights' bytes in int8 and `f32`; an error if it is more than [`INT8_LOSS`] below
/// `f32_held_out`.
pub fn check_accuracy(
    test_set: &[([f32; 64], usize)],
    scores: impl Fn(&[f32; 64]) -> [i8; 10],
    weights: usize,
    f32_held_out: f64,
) -> Result<f64, Box<dyn Error>> {
    let right = test_set
        .iter()
        .filter(|(x, label)| argmax(&scores(x)) == *label)
        .count();
    let held_out = right as f64 / test_set.len() as f64;
    println!(
        "int8 (quantised on {CALIBRATION} training images): held-out accuracy {:.2}% (f32 \
         {:.2}%); weights {} bytes, f32 {}",
        100.0 * held_out,
        100.0 * f32_held_out,
        weights * size_of::<i8>(),
        weights * size_of::<f32>()
    );
    if f32_held_out - held_out > INT8_LOSS {
        return Err(format!(
            "int8 loses {:.2} points held out, more than {:.0}",
            100.0 * (f32_held_out - held_out),
            100.0 * INT8_LOSS
        )
        .into());
    }
    Ok(held_out)
}

/// The int8 network's `encoded` bytes (`NAME_int8.nnq`), which the firmware bakes into flash,
/// and its predictions for the first ten held-out images (`predictions_int8.txt`, each line
/// starting with `label`).
pub fn write(
    output: &Path,
    name: &str,
    encoded: &[u8],
    label: &str,
    test_set: &[([f32; 64], usize)],
    scores: impl Fn(&[f32; 64]) -> [i8; 10],
) -> Result<(), Box<dyn Error>> {
    std::fs::write(output.join(format!("{name}_int8.nnq")), encoded)?;
    let mut predictions = String::new();
    for (index, (pixels, digit)) in test_set.iter().take(10).enumerate() {
        let scores = scores(pixels);
        let predicted = argmax(&scores);
        writeln!(
            predictions,
            "{label} image {index}: digit {digit}, predicted {predicted} (score {})",
            scores[predicted]
        )?;
    }
    std::fs::write(output.join("predictions_int8.txt"), &predictions)?;
    Ok(())
}
