nn::network! {
    struct Empty = 2;
    struct OnlySoftmax = 3 => softmax;
}

fn main() {}
