nn::network! { struct Net = 2 => relu 0 => identity 1; }

fn main() {}
