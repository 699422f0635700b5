// A declaration with a mistake is one error; every item a network has is still there, so code
// using the network adds no errors of its own.
use nn::init::{Init, rng};
use nn::loss::{CrossEntropy, Mse};
use nn::optim::{Adam, Sgd};
use nn::{gradient_check, train};

nn::network! {
    /// Widths known: 2 in, 1 out.
    struct MissingWidth = 2 => relu => identity 1;
    /// No layer: the output width is unknown.
    struct NoLayer = 3 => softmax;
    /// More parameters than `usize` can count.
    struct Huge = 2 => relu 18446744073709551615;
    /// Not even parsed.
    struct Stray = 2 => relu 3 units;
}

fn main() {
    // Every item, on a network whose widths are known, generic training included.
    let mut net = MissingWidth::initialized(Init::He, &mut rng(0));
    let mut grad = MissingWidth::zeros();
    let _ = (MissingWidth::ones(), MissingWidth::zeros_boxed());
    let _ = MissingWidth::initialized_boxed(Init::Xavier, &mut rng(1));
    let _ = MissingWidth::from_weights(&[]);
    let _ = (MissingWidth::INPUTS, MissingWidth::OUTPUTS, MissingWidth::PARAMETERS);
    println!("{}", MissingWidth::summary());
    let y: [f32; 1] = net.forward(&[1.0, 2.0]);
    println!("{y:?} {}", net.trace(&[1.0, 2.0]));
    let _ = net.backward(&[1.0, 2.0], &[0.5], Mse, &mut grad);
    let _ = net.descend(&[1.0, 2.0], &[0.5], Mse, 0.1);
    let _ = net.loss(&[1.0, 2.0], &[0.5], Mse);
    grad.fill(0.0);
    grad.scale(2.0);
    net.add_scaled(&grad, -0.1);
    let _ = net.is_finite();
    let data = [([1.0, 2.0], [0.5])];
    let mut adam = Adam::new(0.01);
    let _ = train::step(&mut net, &mut adam, &data, Mse, &mut grad);
    let _ = train::step(&mut net, &mut Sgd::new(0.1), &data, Mse, &mut grad);
    let _ = gradient_check(&mut net, &[1.0, 2.0], &[0.5], Mse, 1e-2);

    // The methods, on networks whose widths are not known.
    let no_layer = NoLayer::zeros();
    let _ = no_layer.forward(&[1.0, 2.0, 3.0]);
    let _ = no_layer.backward(&[1.0, 2.0, 3.0], &2, CrossEntropy, &mut NoLayer::zeros());
    let _ = Adam::<NoLayer>::new(0.01);
    println!("{}", Huge::summary());
    let _ = Huge::initialized(Init::He, &mut rng(0)).forward(&[1.0, 2.0]);
    let mut stray = Stray::zeros_boxed();
    stray.fill(1.0);
    let _ = stray.loss(&[1.0, 2.0], &[0.0; 3], Mse);
}
