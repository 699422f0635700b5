// The second network of a name is one error, on its name; the first one stands.
nn::network! {
    struct Net = 2 => relu 3 => identity 1;
    struct Net = 4 => relu 8 => softmax 2;
}

fn main() {
    let _: [f32; 1] = Net::zeros().forward(&[1.0, 2.0]);
}
