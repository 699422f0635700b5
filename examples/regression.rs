//! The seed's regression experiment: learn `f(x) = 3 x0 + 2 x1` with `2 => relu 10 => identity 1`
//! by stochastic gradient descent, one randomly drawn sample per step, learning rate 0.07.
//!
//! ```sh
//! cargo run --release --example regression -- [loss.png] [steps]
//! ```
//!
//! Prints the loss as it falls and writes the loss of every step as a PNG plot (default
//! `target/regression_loss.png`).

#[path = "common/plot.rs"]
mod plot;

use std::error::Error;
use std::path::PathBuf;

use nn::init::{self, Init};
use nn::prelude::*;
use nn::{Scalar, train};

nn::network! {
    /// The seed's regression network.
    pub struct Regression = 2 => relu 10 => identity 1;
}

/// The seed's `f(x)`.
fn f(x: [f32; 2]) -> [f32; 1] {
    [3.0 * x[0] + 2.0 * x[1]]
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let plot_path = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/regression_loss.png".into()),
    );
    let steps: usize = match args.next() {
        Some(steps) => steps
            .parse()
            .map_err(|e| format!("steps must be a number: {e}"))?,
        None => 1000, // the seed's `epoch = 1000`
    };

    // 100,000 points x in [0, 1)² with their targets (the seed's `data_sets`).
    let mut rng = init::rng(2026);
    let data: Vec<([f32; 2], [f32; 1])> = (0..100_000)
        .map(|_| {
            let x = [
                f32::from_f64(init::uniform(&mut rng)),
                f32::from_f64(init::uniform(&mut rng)),
            ];
            (x, f(x))
        })
        .collect();

    // `np.random.randn` for every weight and bias, as the seed's `init_network`.
    let mut net = Regression::initialized(Init::StandardNormal, &mut rng);
    let mut grad = Regression::zeros();
    let mut sgd = Sgd::new(0.07);
    println!("{}", Regression::summary());

    let mut losses = Vec::with_capacity(steps);
    for step in 0..steps {
        // `np.random.choice(data_sets)`, then one gradient step on that sample.
        let sample = train::choose(&data, &mut rng).ok_or("no data")?;
        let loss = train::step(
            &mut net,
            &mut sgd,
            std::slice::from_ref(sample),
            Mse,
            &mut grad,
        )?;
        losses.push(f64::from(loss));
        if (step + 1) % (steps / 10).max(1) == 0 {
            let recent = &losses[losses.len().saturating_sub(100)..];
            let mean = recent.iter().sum::<f64>() / recent.len() as f64;
            println!(
                "step {:>6}: mean loss of the last {} steps {mean:.3e}",
                step + 1,
                recent.len()
            );
        }
    }

    let window = (steps / 10).clamp(1, 100);
    let first = losses[..window].iter().sum::<f64>() / window as f64;
    let last = losses[steps - window..].iter().sum::<f64>() / window as f64;
    println!(
        "mean loss of the first {window} steps {first:.3e}, of the last {window} {last:.3e}: {:.0}x lower",
        first / last
    );
    for x in [[0.1, 0.2], [0.5, 0.5], [0.9, 0.3]] {
        println!(
            "f({x:?}) = {:.4}, the network says {:.4}",
            f(x)[0],
            net.forward(&x)[0]
        );
    }

    if let Some(parent) = plot_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let points: Vec<(f64, f64)> = losses
        .iter()
        .enumerate()
        .map(|(i, &l)| (i as f64, l))
        .collect();
    plot::loss_curve(&plot_path, "regression: loss per step", "step", &points)?;
    println!("loss curve written to {}", plot_path.display());

    if first / last < 10.0 {
        return Err(format!("the loss fell only {:.1}x", first / last).into());
    }
    Ok(())
}
