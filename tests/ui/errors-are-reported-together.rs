// Every mistake is reported at once, in every declaration, and code that uses the broken
// networks adds no errors of its own.
nn::network! {
    struct A = 0 => sigmod 3 => identity 1;
    struct B = 2 => relu 3 units;
    struct C = 2 => tanh 4 => softmax 2;
    struct D = 2 => relu => identity 1;
}

fn main() {
    let _ = A::zeros().forward(&[1.0]);
    let _ = B::zeros();
    let _: [f32; 2] = C::zeros().forward(&[1.0, 2.0]);
    let y = D::zeros().forward(&[1.0, 2.0]);
    println!("{y:?}");
}
