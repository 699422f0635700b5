//! Generated code compiles without a warning in a crate that denies every lint group a careful
//! user might, clippy's pedantic ones included, and in one that forbids `unsafe` (the generated
//! `unsafe impl Zeroable` is the macro's, not the crate's).
#![forbid(unsafe_code)]
#![deny(
    warnings,
    missing_docs,
    unused,
    nonstandard_style,
    rust_2018_idioms,
    unreachable_pub,
    clippy::all,
    clippy::pedantic
)]

mod networks {
    nn::network! {
        /// A public network.
        pub struct Public = 2 => relu 3 => sigmoid 1;
        /// Large enough to train in blocks of samples.
        pub struct Blocked = 128 => relu 64 => softmax 10;
        /// A private one, with an attribute passed through to the struct.
        #[allow(dead_code)]
        pub(crate) struct Private: f64 = 4 => tanh 4 => leaky_relu 2 => softmax;
    }
}

// Without a doc comment, the user's own `allow` silences `missing_docs` on the generated struct.
nn::network! {
    #[allow(missing_docs)]
    pub struct Undocumented = 1 => step 1
}

#[test]
#[allow(clippy::float_cmp)] // the test's own exact comparison, not generated code
fn strict_crate_compiles_and_runs() {
    let y = networks::Public::zeros().forward(&[1.0, 2.0]);
    assert!((y[0] - 0.5).abs() < f32::EPSILON);
    assert_eq!(Undocumented::ones().forward(&[-5.0]), [0.0]);
    let boxed = networks::Public::zeros_boxed();
    assert_eq!(*boxed, networks::Public::zeros());
    let net = networks::Blocked::ones();
    let mut grad = networks::Blocked::zeros();
    let batch = vec![([0.5_f32; 128], 3_usize); 40];
    let loss = nn::train::gradient(&net, &batch, nn::loss::CrossEntropy, &mut grad);
    assert!(loss.is_ok_and(f32::is_finite));
}
