// Two `network!` invocations declaring the same name: one error, on the second name.
nn::network! { struct Net = 2 => relu 3 => identity 1; }
nn::network! { struct Net = 4 => relu 8 => softmax 2; }

fn main() {
    let _ = Net::zeros();
}
