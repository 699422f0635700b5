//! Networks of any size on a host: `784 => relu 4096 => relu 4096 => softmax 10`, 20 M parameters
//! or 80 MB, is built and trained on a thread with a 2 MiB stack (what `cargo test` gives each
//! test) through the heap constructors, which never put a network on the stack.
//!
//! `scripts/binary-size.sh` builds this test unoptimised and checks that its binary holds no
//! network-sized constant either.

use nn::init::{self, Init};
use nn::loss::CrossEntropy;
use nn::optim::Adam;
use nn::parallel::Parallel;
use nn::{Scalar, train};

nn::network! {
    /// 20,037,642 parameters: 80 MB, forty times a test thread's stack.
    struct Large = 784 => relu 4096 => relu 4096 => softmax 10;
}

/// The stack `cargo test` gives each test's thread, made explicit.
const STACK_BYTES: usize = 2 << 20;

/// Four samples of noise with labels 0 to 3: training on them again and again must lower their
/// loss.
fn batch(rng: &mut init::DefaultRng) -> Vec<([f32; 784], usize)> {
    (0..4)
        .map(|label| {
            let x: [f32; 784] = std::array::from_fn(|_| f32::from_f64(init::uniform(rng)));
            (x, label)
        })
        .collect()
}

fn mean_loss(net: &Large, batch: &[([f32; 784], usize)]) -> f32 {
    let total: f32 = batch
        .iter()
        .map(|(x, d)| net.loss(x, d, CrossEntropy))
        .sum();
    total / batch.len() as f32
}

fn assert_close(a: f32, b: f32) {
    assert!((a - b).abs() <= 1e-5 * a.abs().max(b.abs()), "{a} != {b}");
}

fn build_and_train() {
    let mut rng = init::rng(10);
    let mut net = Large::initialized_boxed(Init::He, &mut rng);
    let mut grad = Large::zeros_boxed();
    let mut adam = Adam::new_boxed(1e-5);
    let batch = batch(&mut rng);
    assert_eq!(Large::PARAMETERS, 20_037_642);
    assert!(grad.layer2.weights.iter().flatten().all(|&g| g == 0.0));

    // `backward` sample by sample, then one Adam step on the mean gradient.
    let start = mean_loss(&net, &batch);
    let mut total = 0.0;
    for (x, d) in &batch {
        total += net.backward(x, d, CrossEntropy, &mut grad);
    }
    assert_close(total / 4.0, start);
    grad.scale(0.25);
    adam.step(&mut *net, &grad);
    let after_adam = mean_loss(&net, &batch);
    assert!(after_adam < start, "Adam: {start} -> {after_adam}");

    // Generic functions take each box through `&mut *`.
    let step_loss = train::step(&mut *net, &mut *adam, &batch, CrossEntropy, &mut *grad)
        .expect("the samples are finite");
    assert_close(step_loss, after_adam);
    let after_step = mean_loss(&net, &batch);
    assert!(
        after_step < after_adam,
        "train::step: {after_adam} -> {after_step}"
    );

    // Two threads, each with a gradient buffer built in place.
    let mut parallel = Parallel::<Large>::new(2).expect("two threads start");
    let parallel_loss = parallel
        .step(&mut *net, &mut *adam, &batch, CrossEntropy, &mut *grad)
        .expect("the samples are finite");
    assert_close(parallel_loss, after_step);
    let after_parallel = mean_loss(&net, &batch);
    assert!(
        after_parallel < after_step,
        "Parallel::step: {after_step} -> {after_parallel}"
    );
}

#[test]
fn a_20_million_parameter_network_trains_on_a_2_mib_stack() {
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(build_and_train)
        .expect("the test thread starts")
        .join()
        .expect("training succeeds");
}
