//! The seed's first example: forward propagation through one layer of three sigmoid units.
//!
//! Prints, label by label, what the seed's numpy code prints with `print_vec`.
//!
//! ```sh
//! cargo run --example forward_single_layer
//! ```

use std::fmt::Display;

use nn::{Dense, Matrix, Vector};

nn::network! {
    /// 4 inputs, 3 sigmoid units; f64 like numpy, so the printed digits are the seed's.
    struct SingleLayer: f64 = 4 => sigmoid 3;
}

/// The course's `print_vec(text, vec)`.
fn print_vec(text: &str, value: impl Display) {
    println!("*** {text} ***\n{value}\n");
}

fn main() {
    let net = SingleLayer {
        layer1: Dense::new(
            [
                [0.1, 0.2, 0.3],
                [0.2, 0.3, 0.4],
                [0.3, 0.4, 0.5],
                [0.4, 0.5, 0.6],
            ],
            [0.1, 0.2, 0.3],
        ),
    };
    print_vec("weight", Matrix(&net.layer1.weights));
    print_vec("bias", Vector(&net.layer1.bias));

    let x = [1.0, 5.0, 2.0, -1.0];
    print_vec("input", Vector(&x));

    let trace = net.trace(&x);
    print_vec("Total input", Vector(&trace.layer1.u));
    print_vec("Intermediate layer output", Vector(&trace.layer1.z));

    println!("*** the same, as nn traces it ***\n{trace}");
    println!("{}", SingleLayer::summary());
}
