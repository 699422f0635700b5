nn::network! { struct Net: i32 = 2 => relu 3; }

fn main() {}
