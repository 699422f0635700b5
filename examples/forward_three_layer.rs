//! The seed's three-layer network, `2 => relu 3 => relu 2 => identity 2`, run forward once.
//!
//! Prints, label by label, what the seed's numpy code prints, then every value `trace` keeps and
//! the network's summary.
//!
//! ```sh
//! cargo run --example forward_three_layer
//! ```

use std::fmt::Display;

use nn::{Dense, Matrix, Vector};

nn::network! {
    /// The seed's network; f64 like numpy, so the printed digits are the seed's.
    pub struct Seed3: f64 = 2 => relu 3 => relu 2 => identity 2;
}

/// The course's `print_vec(text, vec)`.
fn print_vec(text: &str, value: impl Display) {
    println!("*** {text} ***\n{value}\n");
}

/// The seed's `init_network()`.
fn init_network() -> Seed3 {
    println!("#####Network initialization#####");
    let net = Seed3 {
        layer1: Dense::new([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3]),
        layer2: Dense::new([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]], [0.1, 0.2]),
        layer3: Dense::new([[0.1, 0.3], [0.2, 0.4]], [1.0, 2.0]),
    };
    print_vec("Weight 1", Matrix(&net.layer1.weights));
    print_vec("Weight 2", Matrix(&net.layer2.weights));
    print_vec("Weight 3", Matrix(&net.layer3.weights));
    print_vec("Bias 1", Vector(&net.layer1.bias));
    print_vec("Bias 2", Vector(&net.layer2.bias));
    print_vec("Bias 3", Vector(&net.layer3.bias));
    net
}

fn main() {
    let x = [1.0, 2.0];
    print_vec("input", Vector(&x));
    let net = init_network();

    println!("#####Start forward propagation#####");
    let trace = net.trace(&x);
    print_vec("Total input 1", Vector(&trace.layer1.u));
    print_vec("Intermediate layer output 1", Vector(&trace.layer1.z));
    print_vec("Total input 2", Vector(&trace.layer2.u));
    // The seed prints z1 under this label, and then the sum of z1; kept as it is.
    print_vec("Output 1", Vector(&trace.layer1.z));
    println!("Output total: {}", trace.layer1.z.iter().sum::<f64>());

    println!("\n*** every value, as nn traces it ***\n{trace}");
    println!("{}", Seed3::summary());
}
