nn::network! {
    struct Strided = [4, 8, 8] => relu residual { => relu conv2d(8, 3x3, stride 2, same) } => softmax 10;
    struct WrongShortcut = [4, 8, 8] => relu residual { => relu conv2d(8, 3x3, stride 2, same) }
        shortcut { => conv2d(8, 1x1) } => softmax 10;
    struct NoWidth = 4 => relu residual { => relu 8 => relu } => softmax 10;
    struct Dense = 4 => relu residual { => relu 8 => identity 5 } => softmax 10;
}

fn main() {}
