nn::network! { struct Net = => relu 3 => identity 1; }

fn main() {}
