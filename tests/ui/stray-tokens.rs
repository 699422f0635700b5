nn::network! { struct Net = 2 => relu 3 units => identity 1; }

fn main() {}
