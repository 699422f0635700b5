//! The split `examples/digits.rs` and `examples/digits_cnn.rs` both train and score on, so that
//! their accuracies compare: scikit-learn's digits with pixels scaled from 0..16 to 0..1,
//! shuffled by a generator seeded with 1797, the first 80% to train on.

use std::error::Error;

use nn::data::{self, Sample};
use nn::init::{DefaultRng, rng};
use nn::train;

/// The shuffled images, where the held-out ones start, and the generator that shuffled them (the
/// examples go on drawing from it).
pub struct Shuffled {
    pub samples: Vec<Sample<f32, 64>>,
    pub split: usize,
    pub rng: DefaultRng,
}

/// Reads, scales and shuffles the digits.
pub fn shuffled() -> Result<Shuffled, Box<dyn Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/digits.csv.gz");
    let mut samples = data::digits::<f32>(path)?;
    for (pixels, _) in &mut samples {
        for pixel in pixels.iter_mut() {
            *pixel /= 16.0; // 0..16 to 0..1
        }
    }
    let mut rng = rng(1797);
    train::shuffle(&mut samples, &mut rng);
    let split = samples.len() * 4 / 5;
    Ok(Shuffled {
        samples,
        split,
        rng,
    })
}
