use std::time::Instant;
use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Sgd;
use nn::{Scalar, train};
nn::network! { struct Width128 = 784 => relu 128 => relu 128 => softmax 10; }
fn main() {
    let mut rng = init::rng(1);
    let batch: Vec<([f32; 784], usize)> = (0..64).map(|i| (std::array::from_fn(|_| <f32 as Scalar>::from_f64(init::uniform(&mut rng))), i % 10)).collect();
    let mut net = Width128::initialized_boxed(Init::He, &mut rng);
    let mut grad = Width128::zeros_boxed();
    let mut sgd = Sgd::new(0.001);
    for round in 0..8 {
        let t = Instant::now();
        let mut loss = 0.0;
        for _ in 0..1000 { loss = train::step(&mut *net, &mut sgd, &batch, CrossEntropy, &mut *grad).unwrap(); }
        println!("round {round}: {:.0} samples/s, loss {loss}", 64000.0 / t.elapsed().as_secs_f64());
    }
}
