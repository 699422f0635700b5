nn::network! { struct Net = 2 => relu 3 =>; }

fn main() {}
