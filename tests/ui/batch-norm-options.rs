nn::network! {
    struct Unknown = 4 => identity 8 => relu batch_norm(epsilon 0.001) => softmax 2;
    struct OutOfRange = 4 => identity 8 => relu batch_norm(momentum 1.5) => softmax 2;
    struct NotANumber = 4 => identity 8 => relu batch_norm(eps small) => softmax 2;
    struct Twice = 4 => identity 8 => relu batch_norm(eps 0.001, eps 0.01) => softmax 2;
}

fn main() {}
