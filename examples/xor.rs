//! A classic: a 2-2-1 sigmoid network learns XOR, which no single layer can, by mini-batch
//! gradient descent (shuffled batches of two) on binary cross entropy.
//!
//! ```sh
//! cargo run --release --example xor
//! ```

use std::error::Error;

use nn::init::{self, Init};
use nn::prelude::*;
use nn::train;

nn::network! {
    /// Two sigmoid hidden units, one sigmoid output: the smallest network that can learn XOR.
    pub struct Xor = 2 => sigmoid 2 => sigmoid 1;
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut samples = [
        ([0.0, 0.0], [0.0]),
        ([0.0, 1.0], [1.0]),
        ([1.0, 0.0], [1.0]),
        ([1.0, 1.0], [0.0]),
    ];
    let mut rng = init::rng(1);
    let mut net = Xor::initialized(Init::StandardNormal, &mut rng);
    let mut grad = Xor::zeros();
    let mut sgd = Sgd::new(2.0);

    for epoch in 1..=4000 {
        let outcome = train::epoch(
            &mut net,
            &mut sgd,
            &mut samples,
            2,
            BinaryCrossEntropy,
            &mut grad,
            &mut rng,
        )?;
        if epoch % 500 == 0 {
            println!("epoch {epoch:>4}: mean loss {:.5}", outcome.mean_loss);
        }
    }

    samples.sort_by(|a, b| a.0.partial_cmp(&b.0).expect("inputs are finite"));
    let mut wrong = 0;
    println!("\n x0  x1  target  output");
    for (x, target) in samples {
        let y = net.forward(&x)[0];
        println!("{:>3} {:>3} {:>7} {y:>7.4}", x[0], x[1], target[0]);
        if (y > 0.5) != (target[0] > 0.5) {
            wrong += 1;
        }
    }
    if wrong > 0 {
        return Err(format!("{wrong} of 4 XOR cases are wrong").into());
    }
    println!("\nall four cases right");
    Ok(())
}
