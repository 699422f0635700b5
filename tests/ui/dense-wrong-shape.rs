use nn::Dense;

nn::network! { struct Seed3 = 2 => relu 3 => relu 2 => identity 2; }

fn main() {
    let _net = Seed3 {
        layer1: Dense::zeros(),
        layer2: Dense::<f32, 2, 3>::zeros(),
        layer3: Dense::zeros(),
    };
}
