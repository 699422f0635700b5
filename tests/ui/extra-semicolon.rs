nn::network! {
    struct A = 2 => relu 3;;
    struct B = 2 => relu 3;
}

fn main() {
    let _ = (A::zeros(), B::zeros());
}
