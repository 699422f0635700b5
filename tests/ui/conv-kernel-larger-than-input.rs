nn::network! {
    struct Small = [1, 4, 4] => relu conv2d(8, 5x5) => softmax 10;
    struct Pooled = [1, 4, 4] => relu conv2d(2, 3x3) => max_pool2d(3x3) => softmax 10;
}

fn main() {}
