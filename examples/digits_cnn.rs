//! A convolutional classifier: `[1, 8, 8] => relu conv2d(...) => ...` learns scikit-learn's
//! handwritten digits with Adam on the split of `examples/digits.rs` (the same shuffle, 80/20),
//! and is scored on the held-out 20%, beside the dense network's 98.6%.
//!
//! ```sh
//! cargo run --release --example digits_cnn -- [output directory]
//! ```
//!
//! Writes the trained weights in `nn`'s byte format (`digits_cnn.nnw`) to the output directory
//! (default `target/digits_cnn`), with this network's predictions for the first ten held-out
//! images (`predictions.txt`, the images `examples/digits.rs` writes), which the firmware in
//! `examples/cortex-m` must reproduce.

#[path = "common/digits_split.rs"]
mod digits_split;

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
    println!(
        "wrote digits_cnn.nnw and predictions.txt in {}",
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
