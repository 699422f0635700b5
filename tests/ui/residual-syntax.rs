nn::network! {
    struct Empty = 4 => relu residual {} => softmax 10;
}

nn::network! {
    struct Misnamed = 4 => relu skip { => relu 4 } => softmax 10;
}

nn::network! {
    struct NotShortcut = 4 => relu residual { => relu 4 } side { => identity 4 } => softmax 10;
}

nn::network! {
    struct NoArrow = 4 => relu residual { relu 4 } => softmax 10;
}

fn main() {}
