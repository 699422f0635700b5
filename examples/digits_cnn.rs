//! A convolutional classifier: `[1, 8, 8] => relu conv2d(...) => ...` learns scikit-learn's
//! handwritten digits with Adam on the split of `examples/digits.rs` (the same shuffle, 80/20),
//! and is scored on the held-out 20%, beside the dense network's 98.6%.
//!
//! ```sh
//! cargo run --release --example digits_cnn -- [output directory]
//! ```
//!
//! Then quantises it to int8 (`DigitsCnn::quantize`, on the training images the dense network's
//! int8 form calibrates on), which may lose at most one point held out.
//!
//! Writes the trained weights in `nn`'s byte format (`digits_cnn.nnw`) to the output directory
//! (default `target/digits_cnn`), with this network's predictions for the first ten held-out
//! images (`predictions.txt`, the images `examples/digits.rs` writes), which the firmware in
//! `examples/cortex-m` must reproduce; and the int8 network (`digits_cnn_int8.nnq`) with its
//! predictions (`predictions_int8.txt`), which the firmware's integers must reproduce exactly.

#[path = "common/digits_split.rs"]
mod digits_split;
#[path = "common/int8.rs"]
mod int8;

use std::error::Error;
use std::fmt::Write;
use std::path::PathBuf;
use std::time::Instant;

use nn::metrics::accuracy;
use nn::optim::Adam;
use nn::prelude::*;
use nn::{bytes, train};

nn::network! {
    /// 8x8 pixels in, a probability for each digit out.
    pub struct DigitsCnn = [1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2)
        => relu conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10;
}

const EPOCHS: usize = 30;
const BATCH: usize = 32;
/// The dense network's held-out accuracy on the same split (`examples/digits.rs`), which this
/// network must pass.
const DENSE: f64 = 0.986;

fn main() -> Result<(), Box<dyn Error>> {
    let output = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/digits_cnn".into()),
    );
    std::fs::create_dir_all(&output)?;

    let digits_split::Shuffled {
        mut samples,
        split,
        mut rng,
    } = digits_split::shuffled()?;
    let (train_set, test_set) = samples.split_at_mut(split);
    println!("{}", DigitsCnn::summary());

    let mut net = DigitsCnn::initialized(Init::He, &mut rng);
    let mut grad = DigitsCnn::zeros();
    let mut adam = Adam::new(0.003);
    let start = Instant::now();
    for epoch in 1..=EPOCHS {
        let outcome = train::epoch(
            &mut net,
            &mut adam,
            train_set,
            BATCH,
            CrossEntropy,
            &mut grad,
            &mut rng,
        )?;
        if epoch % 5 == 0 {
            println!(
                "epoch {epoch:>3}: loss {:.4}, {:.1}% held out",
                outcome.mean_loss,
                100.0 * accuracy(&net, test_set)
            );
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let held_out = accuracy(&net, test_set);
    println!(
        "\ntrained {EPOCHS} epochs in {seconds:.2} s ({:.0} samples/s, accuracy every 5 epochs included)",
        (EPOCHS * train_set.len()) as f64 / seconds
    );
    println!(
        "held-out accuracy: {:.2}% of {} images (the dense network: {:.1}%)",
        100.0 * held_out,
        test_set.len(),
        100.0 * DENSE
    );

    let quantized = net.quantize(&int8::calibration(train_set))?;
    let int8_scores = |x: &[f32; 64]| quantized.forward(&quantized.quantize_input(x));
    let weights = 9 * 16 + 16 * 9 * 32 + 128 * 64 + 64 * 10;
    int8::check_accuracy(test_set, int8_scores, weights, held_out)?;

    let mut weights = vec![0; bytes::encoded_len::<DigitsCnn>()];
    bytes::encode(&net, &mut weights)?;
    std::fs::write(output.join("digits_cnn.nnw"), &weights)?;
    // The firmware computes the dense layer's sums unfused where the host fuses them: the
    // probabilities agree to a few units in the seventh digit, so three are compared.
    let mut predictions = String::new();
    for (index, (pixels, digit)) in test_set.iter().take(10).enumerate() {
        let y = net.forward(pixels);
        let predicted = nn::metrics::argmax(&y);
        writeln!(
            predictions,
            "cnn image {index}: digit {digit}, predicted {predicted} (p = {:.3})",
            y[predicted]
        )?;
    }
    std::fs::write(output.join("predictions.txt"), &predictions)?;
    let mut encoded = vec![0; DigitsCnnQuantized::ENCODED_LEN];
    quantized.encode(&mut encoded)?;
    int8::write(
        &output,
        "digits_cnn",
        &encoded,
        "cnn int8",
        test_set,
        int8_scores,
    )?;
    println!(
        "wrote digits_cnn.nnw, predictions.txt, digits_cnn_int8.nnq and predictions_int8.txt in {}",
        output.display()
    );

    if held_out <= DENSE {
        return Err(format!(
            "held-out accuracy {:.2}% is not above the dense network's {:.1}%",
            100.0 * held_out,
            100.0 * DENSE
        )
        .into());
    }
    Ok(())
}
