use nn::{Conv2d, Dense};

nn::network! { struct Cnn = [1, 8, 8] => relu conv2d(4, 3x3) => max_pool2d(2x2) => softmax 10; }

fn main() {
    let _net = Cnn {
        layer1: Conv2d::<f32, 1, 4, 5, 5>::zeros(),
        layer3: Dense::zeros(),
    };
}
