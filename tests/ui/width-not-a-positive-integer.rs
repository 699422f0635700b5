// A width is a positive integer literal: each other spelling is one error on it, and the network
// is still generated (with a width of 1 standing in), so code using it adds no errors.
const WIDTH: usize = 3;

nn::network! {
    struct Negative = 2 => relu -3 => identity 1;
    struct Fraction = 2 => relu 3.5 => identity 1;
    struct Constant = 2 => relu WIDTH => identity 1;
}

fn main() {
    let _ = WIDTH;
    let _: [f32; 1] = Negative::zeros().forward(&[1.0, 2.0]);
    let _: [f32; 1] = Fraction::zeros().forward(&[1.0, 2.0]);
    let _: [f32; 1] = Constant::zeros().forward(&[1.0, 2.0]);
}
