//! A network far too large for the stack, built and trained on the heap:
//! `784 => relu 4096 => relu 4096 => softmax 10`, 20 M parameters, 80 MB of `f32`.
//!
//! ```sh
//! cargo run --release --example large_network
//! ```

use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Adam;
use nn::{Scalar, train};

nn::network! {
    /// 20 M parameters: 80 MB, and as much again for the gradient and twice that for Adam.
    pub struct Wide = 784 => relu 4096 => relu 4096 => softmax 10;
}

fn main() -> Result<(), train::TrainError> {
    let mut rng = init::rng(7);
    // Each is built in place on the heap and never passes through the stack.
    let mut net = Wide::initialized_boxed(Init::He, &mut rng);
    let mut grad = Wide::zeros_boxed();
    let mut adam = Adam::new_boxed(1e-5);

    // 64 images of noise in 10 classes: a set the network can learn by heart.
    let mut samples: Vec<([f32; 784], usize)> = (0..64)
        .map(|i| {
            let image = std::array::from_fn(|_| f32::from_f64(init::uniform(&mut rng)));
            (image, i % 10)
        })
        .collect();

    let mut losses = Vec::new();
    for epoch in 1..=3 {
        // Generic functions take each `Box` as `&mut *`.
        let outcome = train::epoch(
            &mut *net,
            &mut *adam,
            &mut samples,
            32,
            CrossEntropy,
            &mut *grad,
            &mut rng,
        )?;
        println!("epoch {epoch}: mean loss {:.4}", outcome.mean_loss);
        losses.push(outcome.mean_loss);
    }
    assert!(losses[2] < losses[0], "the loss falls: {losses:?}");
    Ok(())
}
