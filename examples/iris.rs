//! Fisher's iris flowers: `4 => relu 8 => softmax 3` learns the species from four measurements,
//! with Adam on a fixed 80/20 split, and is scored on the held-out 20%.
//!
//! The split is stratified: 40 flowers of each species to train on, 10 held out. With 150
//! flowers a plain random split can leave a species nearly absent from one side.
//!
//! ```sh
//! cargo run --release --example iris
//! ```

use std::error::Error;
use std::time::Instant;

use nn::metrics::accuracy;
use nn::optim::Adam;
use nn::prelude::*;
use nn::{data, train};

nn::network! {
    /// Sepal and petal length and width in, a probability for each species out.
    pub struct Iris = 4 => relu 8 => softmax 3;
}

const EPOCHS: usize = 100;
const BATCH: usize = 8;
/// The held-out accuracy this example must reach.
const REQUIRED: f64 = 0.93;

fn main() -> Result<(), Box<dyn Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/iris.csv");
    let mut samples = data::iris::<f32>(path)?;
    let mut rng = rng(150);
    train::shuffle(&mut samples, &mut rng);
    // Stratify: a stable sort by species keeps the shuffled order within each, then the first
    // 80% of each species trains.
    samples.sort_by_key(|&(_, species)| species);
    let (mut train_set, mut test_set) = (Vec::new(), Vec::new());
    for species in samples.chunk_by(|a, b| a.1 == b.1) {
        let split = species.len() * 4 / 5;
        train_set.extend_from_slice(&species[..split]);
        test_set.extend_from_slice(&species[split..]);
    }
    let split = train_set.len();

    // Standardise each measurement with the training set's mean and deviation.
    let (mut mean, mut deviation) = ([0.0_f32; 4], [0.0_f32; 4]);
    for (x, _) in &train_set {
        for (m, v) in mean.iter_mut().zip(x) {
            *m += v / split as f32;
        }
    }
    for (x, _) in &train_set {
        for ((d, v), m) in deviation.iter_mut().zip(x).zip(&mean) {
            *d += (v - m) * (v - m) / split as f32;
        }
    }
    for (x, _) in train_set.iter_mut().chain(&mut test_set) {
        for ((v, m), d) in x.iter_mut().zip(&mean).zip(&deviation) {
            *v = (*v - m) / d.sqrt();
        }
    }
    println!("{}", Iris::summary());

    let mut net = Iris::initialized(Init::He, &mut rng);
    let mut grad = Iris::zeros();
    let mut adam = Adam::new(0.01);
    let start = Instant::now();
    for epoch in 1..=EPOCHS {
        let outcome = train::epoch(
            &mut net,
            &mut adam,
            &mut train_set,
            BATCH,
            CrossEntropy,
            &mut grad,
            &mut rng,
        )?;
        if epoch % 20 == 0 {
            println!(
                "epoch {epoch:>3}: loss {:.4}, accuracy {:.1}% on training, {:.1}% held out",
                outcome.mean_loss,
                100.0 * accuracy(&net, &train_set),
                100.0 * accuracy(&net, &test_set)
            );
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let held_out = accuracy(&net, &test_set);
    println!("\ntrained {EPOCHS} epochs in {seconds:.3} s");
    println!(
        "held-out accuracy: {:.2}% of {} flowers",
        100.0 * held_out,
        test_set.len()
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
