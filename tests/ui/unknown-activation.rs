nn::network! { struct Net = 2 => rleu 3 => identity 1; }

fn main() {
    // The rest of the network is still generated, so this line adds no error of its own.
    let _ = Net::zeros().forward(&[1.0, 2.0]);
}
