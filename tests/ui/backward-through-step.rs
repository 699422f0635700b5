// A network with `step` runs forward, but cannot be trained.
use nn::loss::Mse;

nn::network! { struct Perceptron = 2 => step 1; }

fn main() {
    let net = Perceptron::ones();
    let _ = net.forward(&[1.0, 2.0]);
    let mut grad = Perceptron::zeros();
    let _ = net.backward(&[1.0, 2.0], &[1.0], Mse, &mut grad);
}
