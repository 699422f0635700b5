nn::network! { struct Seed3 = 2 => relu 3 => relu 2 => identity 2; }

fn main() {
    let net = Seed3::zeros();
    let _y: [f32; 3] = net.forward(&[1.0, 2.0]);
}
