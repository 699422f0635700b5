nn::network! {
    struct Flat = 64 => relu conv2d(4, 3x3) => softmax 10;
    struct AfterDense = [1, 8, 8] => relu 16 => max_pool2d(2x2) => softmax 10;
    struct TwoAxes = [8, 8] => relu 16 => softmax 10;
    struct Unknown = [1, 8, 8] => relu conv3d(4, 3x3) => softmax 10;
}

fn main() {}
