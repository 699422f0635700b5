//! The `MLPerf` Tiny models' layers learn: a small DS-CNN (depthwise-separable convolutions, each
//! batch-normalised) and a small residual network (residual blocks, one with a strided shortcut) learn
//! scikit-learn's 8x8 handwritten digits with Adam on the split of `examples/digits.rs`, and are
//! scored on the held-out 20%, both as declared (batch normalisation by its running averages)
//! and folded for inference (`forward_in`, in its arena). The reference models' own data sets
//! are not reachable from here; these are.
//!
//! ```sh
//! cargo run --release --example tiny_digits
//! ```

#[path = "common/digits_split.rs"]
mod digits_split;

use std::error::Error;
use std::time::Instant;

use nn::metrics::{accuracy, argmax};
use nn::optim::Adam;
use nn::prelude::*;
use nn::train;

nn::network! {
    /// DS-CNN in small: a convolution, then depthwise-separable blocks, each stage
    /// batch-normalised, and global pooling.
    pub struct DsCnnDigits = [1, 8, 8]
        => conv2d(16, 3x3, same) => relu batch_norm()
        => depthwise_conv2d(3x3, same) => relu batch_norm()
        => conv2d(32, 1x1) => relu batch_norm()
        => depthwise_conv2d(3x3, stride 2, same) => relu batch_norm()
        => conv2d(32, 1x1) => relu batch_norm()
        => global_avg_pool2d() => softmax 10;

    /// A residual network in small: two residual blocks as `ResNet-8`'s, the second strided
    /// with a 1 x 1 convolution on its shortcut.
    pub struct ResNetDigits = [1, 8, 8]
        => conv2d(16, 3x3, same) => relu batch_norm()
        => relu residual {
            => conv2d(16, 3x3, same) => relu batch_norm()
            => conv2d(16, 3x3, same) => batch_norm()
        }
        => relu residual {
            => conv2d(32, 3x3, stride 2, same) => relu batch_norm()
            => conv2d(32, 3x3, same) => batch_norm()
        } shortcut { => conv2d(32, 1x1, stride 2) }
        => global_avg_pool2d() => softmax 10;
}

const EPOCHS: usize = 30;
const BATCH: usize = 32;
/// What each network must reach on the held-out images, as declared and folded.
const ENOUGH: f64 = 0.97;

/// The share of `samples` whose class `predict` gets right.
fn folded_accuracy(
    samples: &[([f32; 64], usize)],
    mut predict: impl FnMut(&[f32; 64]) -> usize,
) -> f64 {
    let right = samples
        .iter()
        .filter(|(x, class)| predict(x) == *class)
        .count();
    right as f64 / samples.len() as f64
}

/// Trains `net` on `train_set` and returns its held-out accuracy and the seconds it took.
fn learn<N>(
    net: &mut N,
    train_set: &mut [([f32; 64], usize)],
    test_set: &[([f32; 64], usize)],
    rng: &mut nn::init::DefaultRng,
) -> Result<(f64, f64), Box<dyn Error>>
where
    N: Trainable<Scalar = f32, Input = [f32; 64], Output = [f32; 10]>,
    CrossEntropy: nn::loss::PairsWith<N::OutputActivation>,
{
    let mut grad = N::zeros();
    let mut adam = Adam::new(0.003);
    let start = Instant::now();
    for epoch in 1..=EPOCHS {
        let outcome = train::epoch(
            net,
            &mut adam,
            train_set,
            BATCH,
            CrossEntropy,
            &mut grad,
            rng,
        )?;
        if epoch % 10 == 0 {
            println!(
                "  epoch {epoch:>3}: loss {:.4}, {:.2}% held out",
                outcome.mean_loss,
                100.0 * accuracy(&*net, test_set)
            );
        }
    }
    Ok((accuracy(&*net, test_set), start.elapsed().as_secs_f64()))
}

fn main() -> Result<(), Box<dyn Error>> {
    let digits_split::Shuffled {
        mut samples,
        split,
        mut rng,
    } = digits_split::shuffled()?;
    let (train_set, test_set) = samples.split_at_mut(split);
    let mut results = Vec::new();

    println!("{}", DsCnnDigits::summary());
    let mut ds_cnn = DsCnnDigits::initialized(Init::He, &mut rng);
    let (declared, seconds) = learn(&mut ds_cnn, train_set, test_set, &mut rng)?;
    let (folded, mut arena) = (ds_cnn.folded(), DsCnnDigitsFoldedArena::new());
    let folded = folded_accuracy(test_set, |x| argmax(&folded.forward_in(x, &mut arena)));
    results.push(("DS-CNN", declared, folded, seconds));

    println!("{}", ResNetDigits::summary());
    let mut resnet = ResNetDigits::initialized(Init::He, &mut rng);
    let (declared, seconds) = learn(&mut resnet, train_set, test_set, &mut rng)?;
    let (folded, mut arena) = (resnet.folded(), ResNetDigitsFoldedArena::new());
    let folded = folded_accuracy(test_set, |x| argmax(&folded.forward_in(x, &mut arena)));
    results.push(("residual network", declared, folded, seconds));

    println!("\n| network | held out, as declared | folded, in its arena | {EPOCHS} epochs |");
    println!("| --- | --- | --- | --- |");
    for (name, declared, folded, seconds) in &results {
        println!(
            "| {name} | {:.2}% | {:.2}% | {seconds:.2} s |",
            100.0 * declared,
            100.0 * folded
        );
    }
    for (name, declared, folded, _) in results {
        if declared < ENOUGH || folded < ENOUGH {
            return Err(format!("{name} did not reach {:.0}% held out", 100.0 * ENOUGH).into());
        }
    }
    Ok(())
}
