//! Parity with numpy: the seed's own examples, computed by `reference/seed_reference.py` (float64)
//! and stored in `reference/seed_reference.json`.

// Exact values are what these tests assert.
#![allow(clippy::float_cmp)]

mod common;

use common::{F32_TOLERANCE, F64_TOLERANCE, assert_close, dense, reference, vector};
use nn::activation::{Activation, Softmax};

nn::network! {
    /// The seed's single layer: 4 inputs, 3 sigmoid units.
    struct SingleLayer = 4 => sigmoid 3;
    /// The same in f64.
    struct SingleLayer64: f64 = 4 => sigmoid 3;
    /// The seed's three-layer network.
    struct ThreeLayer = 2 => relu 3 => relu 2 => identity 2;
    /// The same in f64.
    struct ThreeLayer64: f64 = 2 => relu 3 => relu 2 => identity 2;
    /// Softmax as a trailing stage, after an identity layer that will be given `W = I, b = 0`.
    struct SoftmaxOnly: f64 = 3 => identity 3 => softmax;
}

#[test]
fn single_layer_sigmoid_f32() {
    let r = reference("single_layer_sigmoid");
    let net = SingleLayer {
        layer1: dense(&r["W"], &r["b"]),
    };
    let trace = net.trace(&vector(&r["x"]));
    assert_close("u", &trace.layer1.u, &r["u"], F32_TOLERANCE);
    assert_close("z", &trace.layer1.z, &r["z"], F32_TOLERANCE);
    assert_close(
        "forward",
        &net.forward(&vector(&r["x"])),
        &r["z"],
        F32_TOLERANCE,
    );
}

#[test]
fn single_layer_sigmoid_f64() {
    let r = reference("single_layer_sigmoid");
    let net = SingleLayer64 {
        layer1: dense(&r["W"], &r["b"]),
    };
    let trace = net.trace(&vector(&r["x"]));
    assert_close("u", &trace.layer1.u, &r["u"], F64_TOLERANCE);
    assert_close("z", &trace.layer1.z, &r["z"], F64_TOLERANCE);
}

#[test]
fn three_layer_f32() {
    let r = reference("three_layer");
    let net = ThreeLayer {
        layer1: dense(&r["W1"], &r["b1"]),
        layer2: dense(&r["W2"], &r["b2"]),
        layer3: dense(&r["W3"], &r["b3"]),
    };
    let trace = net.trace(&vector(&r["x"]));
    for (name, actual) in [
        ("u1", &trace.layer1.u[..]),
        ("z1", &trace.layer1.z),
        ("u2", &trace.layer2.u),
        ("z2", &trace.layer2.z),
        ("y", &trace.output),
    ] {
        assert_close(name, actual, &r[name], F32_TOLERANCE);
    }
    assert_eq!(net.forward(&vector(&r["x"])), trace.output);
}

#[test]
fn three_layer_f64() {
    let r = reference("three_layer");
    let net = ThreeLayer64 {
        layer1: dense(&r["W1"], &r["b1"]),
        layer2: dense(&r["W2"], &r["b2"]),
        layer3: dense(&r["W3"], &r["b3"]),
    };
    let trace = net.trace(&vector(&r["x"]));
    for (name, actual) in [
        ("u1", &trace.layer1.u[..]),
        ("z1", &trace.layer1.z),
        ("u2", &trace.layer2.u),
        ("z2", &trace.layer2.z),
        ("y", &trace.output),
    ] {
        assert_close(name, actual, &r[name], F64_TOLERANCE);
    }
}

#[test]
fn softmax_small_and_huge_inputs() {
    for example in ["softmax_small", "softmax_large"] {
        let r = reference(example);
        let z32 = Softmax::activate::<f32, 3>(&vector(&r["x"]));
        assert_close(example, &z32, &r["y"], F32_TOLERANCE);
        let z64 = Softmax::activate::<f64, 3>(&vector(&r["x"]));
        assert_close(example, &z64, &r["y"], F64_TOLERANCE);
    }
}

#[test]
fn softmax_as_the_final_stage_of_a_network() {
    let mut net = SoftmaxOnly::zeros();
    net.layer1.weights = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    for example in ["softmax_small", "softmax_large"] {
        let r = reference(example);
        let y = net.forward(&vector(&r["x"]));
        assert_close(example, &y, &r["y"], F64_TOLERANCE);
        assert_eq!(net.trace(&vector(&r["x"])).output, y);
    }
}
