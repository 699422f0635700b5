use nn::loss::Mse;

nn::network! { struct Regression = 2 => relu 10 => identity 1; }

fn main() {
    let net = Regression::zeros();
    let mut grad = Regression::zeros();
    let _ = net.backward(&[0.25, 0.75], &[2.25, 0.0], Mse, &mut grad);
}
