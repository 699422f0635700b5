//! Each optimiser's first three steps against numpy (`reference/optimizers.py`, which made
//! `reference/optimizers.json`), built by `new` and by `new_boxed`.

use nn::loss::Mse;
use nn::optim::{AdaGrad, Adam, Momentum, Optimizer, RmsProp, Sgd};
use serde_json::Value;

nn::network! {
    /// The reference's tiny network.
    struct Tiny: f64 = 2 => tanh 2 => identity 1;
}

/// The reference's name of each tensor, in `TENSORS` order.
const TENSORS: [&str; 4] = ["W1", "b1", "W2", "b2"];
/// f64 against f64: only the order of rounding differs. Relative to the parameters' scale (1):
/// an update can cancel a parameter to nearly 0 (RMSProp's first step moves by about `10 lr`),
/// and there the rounding of the operands, not of the result, sets the error.
const TOLERANCE: f64 = 1e-12;

fn reference() -> Value {
    serde_json::from_str(include_str!("reference/optimizers.json")).expect("valid JSON")
}

fn flat(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        value => vec![value.as_f64().expect("a number")],
    }
}

fn load(net: &mut Tiny, parameters: &Value) {
    use nn::Network;
    for (tensor, key) in TENSORS.iter().enumerate() {
        net.tensor_mut(tensor)
            .copy_from_slice(&flat(&parameters[*key]));
    }
}

/// Runs three steps of `optimizer` as the reference does and compares every parameter.
fn check(name: &str, mut optimizer: impl Optimizer<Tiny>) {
    use nn::Network;
    let r = reference();
    let mut net = Tiny::zeros();
    load(&mut net, &r["start"]);
    let steps = r["optimizers"][name]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 3);
    for (step, (sample, expected)) in r["samples"]
        .as_array()
        .unwrap()
        .iter()
        .zip(steps)
        .enumerate()
    {
        let x: Vec<f64> = flat(&sample["x"]);
        let d: Vec<f64> = flat(&sample["d"]);
        let mut grad = Tiny::zeros();
        net.backward(&[x[0], x[1]], &[d[0]], Mse, &mut grad);
        optimizer.step(&mut net, &grad);
        for (tensor, key) in TENSORS.iter().enumerate() {
            for (i, (actual, expected)) in net
                .tensor(tensor)
                .iter()
                .zip(flat(&expected[*key]))
                .enumerate()
            {
                assert!(
                    (actual - expected).abs() <= TOLERANCE * expected.abs().max(1.0),
                    "{name}, step {}, {key}[{i}]: {actual} vs numpy's {expected}",
                    step + 1
                );
            }
        }
    }
}

fn hyperparameter(name: &str, key: &str) -> f64 {
    reference()["optimizers"][name]["hyperparameters"][key]
        .as_f64()
        .expect("a number")
}

#[test]
fn sgd() {
    check("sgd", Sgd::new(hyperparameter("sgd", "learning_rate")));
    check(
        "sgd_weight_decay",
        Sgd::new(0.1).with_weight_decay(hyperparameter("sgd_weight_decay", "weight_decay")),
    );
}

#[test]
fn momentum() {
    let momentum = hyperparameter("momentum", "momentum");
    check("momentum", Momentum::new(0.1).with_momentum(momentum));
    let mut boxed = Momentum::new_boxed(0.1);
    boxed.momentum = momentum;
    check("momentum", *boxed);
    check(
        "momentum_weight_decay",
        Momentum::new(0.1).with_weight_decay(0.05),
    );
    let mut boxed = Momentum::new_boxed(0.1);
    boxed.weight_decay = 0.05;
    check("momentum_weight_decay", *boxed);
}

#[test]
fn adagrad() {
    let learning_rate = hyperparameter("adagrad", "learning_rate");
    check("adagrad", AdaGrad::new(learning_rate));
    check("adagrad", *AdaGrad::new_boxed(learning_rate));
}

#[test]
fn rmsprop() {
    let learning_rate = hyperparameter("rmsprop", "learning_rate");
    check("rmsprop", RmsProp::new(learning_rate));
    check("rmsprop", *RmsProp::new_boxed(learning_rate));
}

#[test]
fn adam() {
    let learning_rate = hyperparameter("adam", "learning_rate");
    check("adam", Adam::new(learning_rate));
    check("adam", *Adam::new_boxed(learning_rate));
    let weight_decay = hyperparameter("adam_weight_decay", "weight_decay");
    check(
        "adam_weight_decay",
        Adam::new(0.01).with_weight_decay(weight_decay),
    );
    let mut boxed = Adam::new_boxed(0.01);
    boxed.weight_decay = weight_decay;
    check("adam_weight_decay", *boxed);
}

/// `new_boxed` sets every field, private state included, as `new` does.
#[test]
fn boxed_optimisers_equal_the_const_built_ones() {
    assert_eq!(*Momentum::<Tiny>::new_boxed(0.3), Momentum::new(0.3));
    assert_eq!(*AdaGrad::<Tiny>::new_boxed(0.3), AdaGrad::new(0.3));
    assert_eq!(*RmsProp::<Tiny>::new_boxed(0.3), RmsProp::new(0.3));
    assert_eq!(*Adam::<Tiny>::new_boxed(0.3), Adam::new(0.3));
}

#[test]
fn a_different_optimiser_does_not_match() {
    let result = std::panic::catch_unwind(|| check("adam", RmsProp::new(0.01)));
    assert!(result.is_err(), "the comparison must be able to fail");
}
