// Cross entropy scores probabilities: after an identity output it is a mistake.
use nn::loss::CrossEntropy;

nn::network! { struct Scores = 4 => relu 8 => identity 3; }

fn main() {
    let net = Scores::zeros();
    let mut grad = Scores::zeros();
    let _ = net.backward(&[0.0; 4], &2, CrossEntropy, &mut grad);
}
