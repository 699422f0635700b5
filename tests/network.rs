//! What `network!` generates: constructors, sizes, forward, trace, summary, the `Network` trait.

// Exact values are what these tests assert.
#![allow(clippy::float_cmp)]

use nn::{Dense, Network};

nn::network! {
    /// The design card's example: a trailing `identity` stage without a width.
    pub struct Card = 2 => relu 3 => relu 2 => identity;
    /// The seed's three-layer network.
    pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2;
    /// The seed's regression network in f64.
    pub struct Regression: f64 = 2 => relu 10 => identity 1;
    /// Every activation once, in table order.
    pub struct Every: f64 = 2 => identity 2 => step 2 => sigmoid 2 => relu 2 => tanh 2 => leaky_relu 2 => softmax 2
}

/// The seed's three-layer weights, usable in a `static`.
static SEED3: Seed3 = Seed3 {
    layer1: Dense::new([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3]),
    layer2: Dense::new([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]], [0.1, 0.2]),
    layer3: Dense::new([[0.1, 0.3], [0.2, 0.4]], [1.0, 2.0]),
};

#[test]
fn design_card_example_runs() {
    let net = Card {
        layer1: Dense::new([[1.0, -1.0, 0.5], [2.0, 1.0, -0.5]], [0.0, 0.0, 1.0]),
        layer2: Dense::new([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]], [0.0, -10.0]),
    };
    // x = [1, 2]: u1 = [5, 1, 0.5], z1 = u1; u2 = [5.5, 1 - 0.5 - 10], z2 = [5.5, 0]; y = z2.
    assert_eq!(net.forward(&[1.0, 2.0]), [5.5, 0.0]);
    assert_eq!((Card::INPUTS, Card::OUTPUTS, Card::PARAMETERS), (2, 2, 17));
}

#[test]
fn sizes_are_associated_constants() {
    assert_eq!(
        (Seed3::INPUTS, Seed3::OUTPUTS, Seed3::PARAMETERS),
        (2, 2, 23)
    );
    assert_eq!(Regression::PARAMETERS, 2 * 10 + 10 + 10 + 1);
    assert_eq!(<Regression as Network>::PARAMETERS, Regression::PARAMETERS);
}

#[test]
fn zeros_infers_f32_and_ones_fills() {
    let net = Seed3::zeros();
    let y = net.forward(&[3.0, 4.0]);
    assert_eq!(y, [0.0_f32; 2]);
    // ones: u1 = 1 + 2 + 1 = 4; u2 = 3·4 + 1 = 13; y = 2·13 + 1 = 27.
    assert_eq!(Seed3::ones().forward(&[1.0, 2.0]), [27.0, 27.0]);
}

#[test]
fn static_network_gives_the_seeds_output() {
    let y = SEED3.forward(&[1.0, 2.0]);
    assert!(
        (y[0] - 1.56).abs() < 1e-6 && (y[1] - 3.222).abs() < 1e-6,
        "{y:?}"
    );
}

#[test]
fn trace_prints_every_value_in_the_seeds_notation() {
    let trace = SEED3.trace(&[1.0, 2.0]);
    assert_eq!(trace.input, [1.0, 2.0]);
    assert_eq!(trace.output, SEED3.forward(&[1.0, 2.0]));
    assert_eq!(
        trace.to_string(),
        "\
x                 = [1, 2]
u1 = x·W1 + b1    = [0.6, 1.3, 2]
z1 = relu(u1)     = [0.6, 1.3, 2]
u2 = z1·W2 + b2   = [1.02, 2.29]
z2 = relu(u2)     = [1.02, 2.29]
u3 = z2·W3 + b3   = [1.56, 3.2220001]
z3 = identity(u3) = [1.56, 3.2220001]
y = z3            = [1.56, 3.2220001]
"
    );
    assert_eq!(
        format!("{:.2}", Card::ones().trace(&[0.5, 0.25])),
        "\
x                = [0.5, 0.25]
u1 = x·W1 + b1   = [1.75, 1.75, 1.75]
z1 = relu(u1)    = [1.75, 1.75, 1.75]
u2 = z1·W2 + b2  = [6.25, 6.25]
z2 = relu(u2)    = [6.25, 6.25]
y = identity(z2) = [6.25, 6.25]
"
    );
}

#[test]
fn summary_lists_layers_and_the_final_stage() {
    assert_eq!(
        Card::summary().to_string(),
        "\
Card (f32)
layer   shape   activation  parameters
--------------------------------------
input   2
layer1  2 -> 3  relu                 9
layer2  3 -> 2  relu                 8
output  2       identity             0
--------------------------------------
total parameters: 17
"
    );
    assert_eq!(<Regression as Network>::summary().scalar, "f64");
}

#[test]
fn every_activation_is_wired_in_order() {
    let mut net = Every::zeros();
    let identity = Dense::new([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0]);
    net.layer1 = Dense::new([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0]);
    net.layer2 = identity.clone(); // step
    net.layer3 = Dense::new([[1.0, 0.0], [0.0, 1.0]], [-1.0, 1.0]); // sigmoid
    net.layer4 = Dense::new([[1.0, 0.0], [0.0, -1.0]], [0.0, 0.0]); // relu
    net.layer5 = identity.clone(); // tanh
    net.layer6 = Dense::new([[1.0, 0.0], [0.0, -1.0]], [0.0, 0.0]); // leaky_relu
    net.layer7 = identity; // softmax

    let t = net.trace(&[3.0, -2.0]);
    assert_eq!(t.layer1.z, [3.0, -2.0]);
    assert_eq!(t.layer2.z, [1.0, 0.0]);
    let sigmoid = |x: f64| 1.0 / (1.0 + (-x).exp());
    assert_eq!(t.layer3.u, [0.0, 1.0]);
    assert!((t.layer3.z[0] - 0.5).abs() < 1e-15 && (t.layer3.z[1] - sigmoid(1.0)).abs() < 1e-15);
    assert_eq!(t.layer4.z, [t.layer3.z[0], 0.0]);
    assert!((t.layer5.z[0] - 0.5_f64.tanh()).abs() < 1e-15 && t.layer5.z[1] == 0.0);
    assert_eq!(t.layer6.z, [t.layer5.z[0], 0.0]);
    let (a, b) = (t.layer6.z[0].exp(), 1.0_f64);
    let expected = [a / (a + b), b / (a + b)];
    assert!(
        (t.layer7.z[0] - expected[0]).abs() < 1e-15 && (t.layer7.z[1] - expected[1]).abs() < 1e-15
    );
    assert_eq!(t.output, t.layer7.z);
}

#[test]
fn nan_input_gives_nan_output() {
    assert!(
        Seed3::ones()
            .forward(&[f32::NAN, 0.0])
            .iter()
            .all(|y| y.is_nan())
    );
    assert!(
        Every::ones()
            .forward(&[f64::NAN, 0.0])
            .iter()
            .all(|y| y.is_nan())
    );
}

#[test]
fn generic_code_uses_the_network_trait() {
    fn sum_of_outputs<N: Network<Scalar = f32>>(net: &N, x: &N::Input) -> f32 {
        net.forward(x).as_ref().iter().sum()
    }
    assert_eq!(sum_of_outputs(&Seed3::ones(), &[1.0, 2.0]), 54.0);
    assert_eq!(<Seed3 as Network>::summary(), Seed3::summary());
}

#[test]
fn networks_are_values() {
    let mut copy = SEED3.clone();
    assert_eq!(copy, SEED3);
    copy.layer2.bias[1] = 0.0;
    assert_ne!(copy, SEED3);
    assert!(format!("{copy:?}").starts_with("Seed3 { layer1: Dense { weights: [[0.1, 0.3, 0.5]"));
}

#[test]
fn heap_constructors_build_the_same_networks() {
    use nn::init::{Init, rng};
    // Nonzero first, so that a box left as it was allocated would not pass for zeros.
    let mut grad = Regression::initialized_boxed(Init::Ones, &mut rng(0));
    assert_eq!(grad.layer2.bias, [1.0]);
    grad = Regression::zeros_boxed();
    assert_eq!(*grad, Regression::zeros());
    assert_eq!(*<Seed3 as Network>::zeros_boxed(), Seed3::zeros());
    for init in [
        Init::Zeros,
        Init::Ones,
        Init::Uniform,
        Init::Integers { below: 7 },
        Init::StandardNormal,
        Init::Xavier,
        Init::He,
    ] {
        assert_eq!(
            *Regression::initialized_boxed(init, &mut rng(3)),
            Regression::initialized(init, &mut rng(3)),
            "{init:?}"
        );
        assert_eq!(
            *<Every as Network>::initialized_boxed(init, &mut rng(4)),
            Every::initialized(init, &mut rng(4)),
            "{init:?}"
        );
    }
}

/// Networks keep the visibility they were declared with: each is reachable, with its trace type,
/// wherever a struct of that visibility would be.
mod visibility {
    pub mod outer {
        pub mod inner {
            nn::network! {
                /// Seen from `outer`.
                pub(super) struct ForOuter = 1 => identity 1;
                /// Seen from the whole crate.
                pub(crate) struct ForCrate = 1 => identity 1;
                /// Seen from `visibility`.
                pub(in crate::visibility) struct ForVisibility = 1 => identity 1;
                /// Seen here only.
                struct Private = 1 => identity 1;
            }

            pub(crate) fn private_output() -> [f32; 1] {
                Private::ones().forward(&[1.0])
            }
        }

        pub(crate) fn for_outer() -> [f32; 1] {
            let trace: inner::ForOuterTrace = inner::ForOuter::ones().trace(&[1.0]);
            trace.output
        }
    }

    pub(crate) fn for_visibility() -> [f32; 1] {
        outer::inner::ForVisibility::ones().forward(&[1.0])
    }
}

#[test]
fn networks_are_reachable_as_declared() {
    assert_eq!(visibility::outer::for_outer(), [2.0]);
    assert_eq!(visibility::for_visibility(), [2.0]);
    assert_eq!(visibility::outer::inner::private_output(), [2.0]);
    let net: visibility::outer::inner::ForCrate = visibility::outer::inner::ForCrate::ones();
    assert_eq!(net.forward(&[1.0]), [2.0]);
}
