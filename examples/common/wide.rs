//! The wide networks that `examples/wide_training.rs` and `benches/peers/src/bin/wide.rs` train:
//! `784 => relu W => relu W => softmax 10` for W = 128, 512, 1,024 and 2,048, each as both set
//! it up, so that their figures are of the same steps.

// Each user takes what it needs.
#![allow(dead_code)]

use nn::activation::Softmax;
use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Sgd;
use nn::{Scalar, Trainable, train};

nn::network! {
    pub struct Width128 = 784 => relu 128 => relu 128 => softmax 10;
    pub struct Width512 = 784 => relu 512 => relu 512 => softmax 10;
    pub struct Width1024 = 784 => relu 1024 => relu 1024 => softmax 10;
    pub struct Width2048 = 784 => relu 2048 => relu 2048 => softmax 10;
}

/// The widths `W`, in the order of the networks above.
pub const WIDTHS: [usize; 4] = [128, 512, 1024, 2048];

/// The samples of a training step.
pub const BATCH: usize = 64;

/// What a training step of one of the networks needs: a batch of 64 random images with classes 0
/// to 9, the network (He-initialised) and its gradient on the heap, and `Sgd` at 0.001.
pub struct Training<N> {
    pub batch: Vec<([f32; 784], usize)>,
    pub net: Box<N>,
    pub grad: Box<N>,
    pub sgd: Sgd,
}

impl<N> Training<N>
where
    N: Trainable<Scalar = f32, Input = [f32; 784], Output = [f32; 10], OutputActivation = Softmax>,
{
    pub fn new() -> Self {
        let mut rng = init::rng(1);
        let batch = (0..BATCH)
            .map(|i| {
                let x = std::array::from_fn(|_| <f32 as Scalar>::from_f64(init::uniform(&mut rng)));
                (x, i % 10)
            })
            .collect();
        let net = N::initialized_boxed(Init::He, &mut rng);
        Self {
            batch,
            net,
            grad: N::zeros_boxed(),
            sgd: Sgd::new(0.001),
        }
    }

    /// One `train::step` on the batch.
    pub fn step(&mut self) {
        train::step(
            &mut *self.net,
            &mut self.sgd,
            &self.batch,
            CrossEntropy,
            &mut *self.grad,
        )
        .expect("the samples are finite");
    }
}
