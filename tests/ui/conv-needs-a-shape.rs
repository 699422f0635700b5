nn::network! {
    struct Flat = 64 => relu conv2d(4, 3x3) => softmax 10;
    struct AfterDense = [1, 8, 8] => relu 16 => max_pool2d(2x2) => softmax 10;
    struct FourAxes = [1, 8, 8, 3] => relu 16 => softmax 10;
    struct Unknown = [1, 8, 8] => relu conv3d(4, 3x3) => softmax 10;
    struct OneDOnImage = [1, 8, 8] => relu conv1d(4, 3) => softmax 10;
    struct TwoDOnSequence = [1, 64] => max_pool2d(2x2) => softmax 10;
}

fn main() {}
