//! A real classifier: `64 => relu 32 => softmax 10` learns scikit-learn's handwritten digits
//! (1,797 8x8 images) with Adam, on a fixed 80/20 split, and is scored on the held-out 20%, as
//! trained and quantised to int8 (`Digits::quantize`, which may lose at most one point).
//!
//! ```sh
//! cargo run --release --example digits -- [output directory]
//! ```
//!
//! Writes the loss and accuracy curves (`digits.png`) and the trained weights, in `nn`'s byte
//! format (`digits.nnw`) and as safetensors (`digits.safetensors`), to the output directory
//! (default `target/digits`), with the first ten held-out images (`images.bin`: 64 little-endian
//! f32 pixels and a label byte each) and this network's predictions for them
//! (`predictions.txt`), which the firmware in `examples/cortex-m` must reproduce; and the int8
//! network (`digits_int8.nnq`) with its predictions (`predictions_int8.txt`), which the
//! firmware's integer arithmetic must reproduce exactly.

#[path = "common/digits_split.rs"]
mod digits_split;
#[path = "common/int8.rs"]
mod int8;
#[path = "common/plot.rs"]
mod plot;

use std::error::Error;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nn::metrics::accuracy;
use nn::optim::Adam;
use nn::prelude::*;
use nn::progress::Progress;
use nn::{bytes, train};

nn::network! {
    /// 8x8 pixels in, a probability for each digit out.
    pub struct Digits = 64 => relu 32 => softmax 10;
}

const EPOCHS: usize = 60;
const BATCH: usize = 32;
/// The held-out accuracy this example must reach.
const REQUIRED: f64 = 0.95;

fn main() -> Result<(), Box<dyn Error>> {
    let output = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/digits".into()),
    );
    std::fs::create_dir_all(&output)?;

    let digits_split::Shuffled {
        mut samples,
        split,
        mut rng,
    } = digits_split::shuffled()?;
    let (train_set, test_set) = samples.split_at_mut(split);
    println!("{}", Digits::summary());
    println!(
        "{} images to train on, {} held out\n",
        train_set.len(),
        test_set.len()
    );

    let mut net = Digits::initialized(Init::He, &mut rng);
    let mut grad = Digits::zeros();
    let mut adam = Adam::new(0.003);
    let mut progress = Progress::new(EPOCHS as u64);
    let (mut losses, mut train_accuracy, mut test_accuracy) = (Vec::new(), Vec::new(), Vec::new());
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
        let (train_now, test_now) = (accuracy(&net, train_set), accuracy(&net, test_set));
        progress.epoch(
            outcome.samples,
            f64::from(outcome.mean_loss),
            Some(test_now),
        );
        let x = epoch as f64;
        losses.push((x, f64::from(outcome.mean_loss)));
        train_accuracy.push((x, train_now));
        test_accuracy.push((x, test_now));
        if progress.is_hidden() && epoch % 10 == 0 {
            println!(
                "epoch {epoch:>3}: loss {:.4}, accuracy {:.1}% on training, {:.1}% held out",
                outcome.mean_loss,
                100.0 * train_now,
                100.0 * test_now
            );
        }
    }
    progress.finish();
    let seconds = start.elapsed().as_secs_f64();

    let held_out = accuracy(&net, test_set);
    println!(
        "\ntrained {EPOCHS} epochs in {seconds:.2} s ({:.0} samples/s, accuracy measured each epoch included)",
        (EPOCHS * train_set.len()) as f64 / seconds
    );
    println!(
        "held-out accuracy: {:.2}% of {} images",
        100.0 * held_out,
        test_set.len()
    );

    let quantized = net.quantize(&int8::calibration(train_set))?;
    let int8_scores = |x: &[f32; 64]| quantized.forward(&quantized.quantize_input(x));
    int8::check_accuracy(test_set, int8_scores, 64 * 32 + 32 * 10, held_out)?;

    let plot_path = output.join("digits.png");
    let accuracies = [("training", train_accuracy), ("held out", test_accuracy)];
    plot::training_curves(
        &plot_path,
        "digits: 64 => relu 32 => softmax 10, Adam",
        &losses,
        &accuracies,
    )?;
    let mut weights = vec![0; bytes::encoded_len::<Digits>()];
    bytes::encode(&net, &mut weights)?;
    std::fs::write(output.join("digits.nnw"), &weights)?;
    nn::safetensors::save(&net, output.join("digits.safetensors"))?;
    write_firmware_inputs(&net, test_set, &output)?;
    let mut encoded = vec![0; DigitsQuantized::ENCODED_LEN];
    quantized.encode(&mut encoded)?;
    int8::write(&output, "digits", &encoded, "int8", test_set, int8_scores)?;
    println!(
        "wrote {}, digits.nnw, digits.safetensors, images.bin, predictions.txt, digits_int8.nnq \
         and predictions_int8.txt in {}",
        plot_path.display(),
        output.display()
    );

    if held_out < REQUIRED {
        return Err(format!(
            "held-out accuracy {:.2}% is below {:.0}%",
            100.0 * held_out,
            100.0 * REQUIRED
        )
        .into());
    }
    Ok(())
}

/// The first ten held-out images (`images.bin`) and this network's predictions for them
/// (`predictions.txt`), for the firmware in `examples/cortex-m`.
fn write_firmware_inputs(
    net: &Digits,
    test_set: &[([f32; 64], usize)],
    output: &Path,
) -> Result<(), Box<dyn Error>> {
    let (mut images, mut predictions) = (Vec::new(), String::new());
    for (index, (pixels, digit)) in test_set.iter().take(10).enumerate() {
        images.extend(pixels.iter().flat_map(|pixel| pixel.to_le_bytes()));
        images.push(u8::try_from(*digit)?);
        let y = net.forward(pixels);
        let predicted = nn::metrics::argmax(&y);
        writeln!(
            predictions,
            "image {index}: digit {digit}, predicted {predicted} (p = {:.6})",
            y[predicted]
        )?;
    }
    std::fs::write(output.join("images.bin"), images)?;
    std::fs::write(output.join("predictions.txt"), &predictions)?;
    Ok(())
}
