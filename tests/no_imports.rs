//! What a program calls on a concrete network or optimiser works without importing a trait: the
//! generated struct and the optimisers forward to `Network` and `Optimizer`, which stay for
//! generic code. This file imports neither.

// Exact values are what these tests assert.
#![allow(clippy::float_cmp)]

use nn::init::{Init, rng};
use nn::loss::Mse;
use nn::optim::{AdaGrad, Adam, Momentum, RmsProp, Sgd};

nn::network! {
    struct Line: f64 = 1 => identity 1;
}

#[test]
fn network_methods_need_no_import() {
    let mut net = Line::initialized(Init::Ones, &mut rng(0));
    assert_eq!((net.layer1.weights, net.layer1.bias), ([[1.0]], [1.0]));
    // y = x + 1 = 3 against 2: (3 - 2)² / 2.
    assert_eq!(net.loss(&[2.0], &[2.0], Mse), 0.5);
    net.scale(3.0);
    assert_eq!((net.layer1.weights, net.layer1.bias), ([[3.0]], [3.0]));
    net.add_scaled(&Line::ones(), -1.0);
    assert_eq!((net.layer1.weights, net.layer1.bias), ([[2.0]], [2.0]));
    assert!(net.is_finite());
    net.fill(f64::NAN);
    assert!(!net.is_finite());
    assert_eq!(
        *Line::initialized_boxed(Init::He, &mut rng(5)),
        Line::initialized(Init::He, &mut rng(5))
    );
}

/// One step of each optimiser from w = b = 0 with gradient 1 everywhere.
#[test]
fn optimiser_steps_need_no_import() {
    let mut grad = Line::zeros();
    grad.fill(1.0);
    let moved = |step: &mut dyn FnMut(&mut Line)| {
        let mut net = Line::zeros();
        step(&mut net);
        net.layer1.bias[0]
    };
    assert_eq!(moved(&mut |net| Sgd::new(0.5).step(net, &grad)), -0.5);
    assert_eq!(moved(&mut |net| Momentum::new(0.5).step(net, &grad)), -0.5);
    // h = 1, so the step is lr / (1 + ε).
    let adagrad = moved(&mut |net| AdaGrad::new(0.5).step(net, &grad));
    assert!((adagrad + 0.5 / (1.0 + 1e-7)).abs() < 1e-15, "{adagrad}");
    // h = (1 - ρ) · 1 = 0.01, so the step is lr / (0.1 + ε).
    let rmsprop = moved(&mut |net| RmsProp::new(0.5).step(net, &grad));
    assert!((rmsprop + 0.5 / (0.1 + 1e-7)).abs() < 1e-9, "{rmsprop}");
    // The bias-corrected first step is lr / (1 + ε).
    let adam = moved(&mut |net| Adam::new(0.5).step(net, &grad));
    assert!((adam + 0.5 / (1.0 + 1e-8)).abs() < 1e-15, "{adam}");
    // A boxed optimiser of a known network takes the boxed network as it is.
    let mut boxed_net = Line::zeros_boxed();
    let mut boxed_adam = Adam::<Line>::new_boxed(0.5);
    boxed_adam.step(&mut boxed_net, &grad);
    assert_eq!(boxed_net.layer1.bias[0], adam);
}

/// `descend`'s learning rate is an `f64`, as every optimiser's, whatever the network's scalar.
#[test]
fn descend_takes_an_f64_learning_rate_as_the_optimisers_do() {
    nn::network! { struct Small = 1 => identity 1; }
    let mut net = Small::zeros();
    // y = 0 against 1: the loss is 1/2 and dE/dw = -x = -2, dE/db = -1.
    let loss = net.descend(&[2.0], &[1.0], Mse, 0.25_f64);
    assert_eq!(loss, 0.5_f32);
    assert_eq!((net.layer1.weights, net.layer1.bias), ([[0.5]], [0.25]));
}
