//! The hand-written loops the benchmarks measure `nn` against compute what `nn` computes: the
//! digits CNN's forward pass and one training step of 32 samples, on the same weights.

#[path = "../benches/workloads/hand_written.rs"]
#[allow(dead_code)]
mod hand_written;
#[path = "../benches/workloads/setup.rs"]
#[allow(dead_code)]
mod setup;

use nn::loss::CrossEntropy;
use nn::optim::Sgd;
use nn::train;

fn assert_close(a: &[f32], b: &[f32], what: &str) {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= 1e-5 * (1.0 + y.abs()),
            "{what}[{i}]: {x} vs {y}"
        );
    }
}

#[test]
fn the_hand_written_cnn_is_the_digits_cnn() {
    let (mut net, mut baseline, mut baseline_grad) = setup::digits_cnn();
    let batch = setup::digits_batch();
    for (x, _) in &batch[..4] {
        assert_close(&baseline.forward(x), &net.forward(x), "forward");
    }
    let mut grad = setup::DigitsCnn::zeros();
    let loss = train::step(
        &mut net,
        &mut Sgd::new(0.5),
        &batch,
        CrossEntropy,
        &mut grad,
    )
    .expect("finite samples");
    let baseline_loss = baseline.train_batch(&mut baseline_grad, &batch, 0.5);
    assert!(
        (loss - baseline_loss).abs() < 1e-5,
        "{loss} vs {baseline_loss}"
    );
    let flat =
        |w: &[[[[f32; 32]; 3]; 3]; 16]| w.as_flattened().as_flattened().as_flattened().to_vec();
    assert_close(
        &flat(&baseline.w3),
        &flat(&net.layer3.weights),
        "conv weights",
    );
    assert_close(
        baseline.w1.as_flattened().as_flattened().as_flattened(),
        net.layer1
            .weights
            .as_flattened()
            .as_flattened()
            .as_flattened(),
        "first conv weights",
    );
    assert_close(&baseline.b1, &net.layer1.bias, "first conv bias");
    assert_close(
        baseline.w5.as_flattened(),
        net.layer5.weights.as_flattened(),
        "dense weights",
    );
    assert_close(&baseline.b6, &net.layer6.bias, "last bias");
}
