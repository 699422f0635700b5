nn::network! { struct Net = 2 => relu => identity 1; }

fn main() {}
