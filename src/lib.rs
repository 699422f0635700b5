#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
// Doc examples are what users copy: they must compile without a warning.
#![doc(test(attr(deny(warnings))))]

// Generated code names `::nn::...`; this makes those paths resolve inside this crate's own tests.
extern crate self as nn;

#[cfg(feature = "alloc")]
extern crate alloc;

pub use nn_core::{
    Accumulate, Activation, AvgPool2d, BatchNorm, Conv1d, Conv2d, Dense, DepthwiseConv2d,
    GradientCheck, LayerSummary, LayerTrace, Matrix, MaxPool2d, Network, Normalization, Pool2d,
    Scalar, Sliding, Summary, Tensor, TensorKind, TorchOrder, Trainable, Vector, Zeroable,
    activation, arena, batch_norm, bytes, gradient_check, init, layer, loss, metrics,
    numerical_gradient, optim, quant, quantized_add, quantized_bytes, quantized_conv,
    quantized_dense, quantized_depthwise, reshape, residual, team, train,
};

#[cfg(feature = "alloc")]
pub use nn_core::boxed;
#[cfg(feature = "std")]
pub mod data;
#[cfg(feature = "std")]
pub use nn_core::parallel;
#[cfg(feature = "std")]
pub mod progress;
#[cfg(feature = "std")]
pub mod safetensors;

/// The traits and types most programs use: `use nn::prelude::*;`.
pub mod prelude {
    pub use nn_core::Network;
    pub use nn_core::Trainable;
    pub use nn_core::init::{Init, rng};
    pub use nn_core::loss::{BinaryCrossEntropy, CrossEntropy, Mse};
    pub use nn_core::optim::{Optimizer, Sgd};
}

/// Declares one or more networks as plain structs of [`Dense`] layers.
///
/// ```text
/// network! {
///     [#[attr]]* [pub] struct NAME [: f64] = IN (=> ACTIVATION [WIDTH])* ;   (repeatable)
/// }
/// ```
///
/// `IN` is the input width; each stage `=> ACTIVATION WIDTH` is a dense layer to `WIDTH` units
/// followed by the activation. The last stage may leave out its width: `=> softmax` alone applies
/// the activation to the previous layer's output. The scalar is `f32` unless the name is followed
/// by `: f64`. The activations are listed in [`activation`]. A width is a positive integer
/// literal (`3`; not `3.0`, nor a constant's name: the macro computes every size as it expands).
/// `;` ends each declaration; after the last one it may be left out.
///
/// For `pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2;` this generates:
///
/// - `pub struct Seed3 { pub layer1: Dense<f32, 2, 3>, pub layer2: Dense<f32, 3, 2>, pub layer3:
///   Dense<f32, 2, 2> }`, deriving `Clone`, `Debug` and `PartialEq`, with the declaration's doc
///   comments and attributes;
/// - `Seed3::INPUTS`, `Seed3::OUTPUTS`, `Seed3::PARAMETERS`;
/// - `const fn zeros()` and `const fn ones()`, usable in a `static`;
/// - with the `alloc` feature (part of `std`), `fn zeros_boxed() -> Box<Seed3>` and
///   `fn initialized_boxed(init, &mut rng) -> Box<Seed3>`, built in place on the heap;
/// - `fn forward(&self, x: &[f32; 2]) -> [f32; 2]`;
/// - `fn trace(&self, x: &[f32; 2]) -> Seed3Trace`, every layer's `u` and `z`, with a `Display`;
/// - `fn backward<L, D>(&self, x: &[f32; 2], target: &D, loss: L, grad: &mut Self) -> f32`, which
///   returns the loss and adds the gradient into `grad` (see [`Trainable`]);
/// - `fn descend<L, D>(&mut self, x: &[f32; 2], target: &D, loss: L, learning_rate: f64) -> f32`,
///   `backward` and a plain gradient-descent step in one pass;
/// - RAM known before the program runs: `Seed3::PARAMETER_BYTES`; `Seed3Arena` and
///   `fn forward_in(&self, x: &[f32; 2], arena: &mut Seed3Arena) -> [f32; 2]`, inference in an
///   array of `Seed3::INFERENCE_BYTES` planned by the macro; `Seed3TrainingArena`,
///   `backward_in` and `descend_in`, `backward` and `descend` in an array of
///   `Seed3::TRAINING_BYTES` ([`arena`]);
/// - for a dense `f32` network whose activations int8 layers fuse (`relu`, `identity`, a final
///   `softmax` or `sigmoid` left out), as `Seed3`: `Seed3Quantized`, the network in int8, and
///   `fn quantize(&self, calibration: &[[f32; 2]]) -> Result<Seed3Quantized, CalibrationError>`
///   ([`quant`]);
/// - `const fn summary() -> Summary`, a Keras-like table;
/// - `const fn from_weights(&[u8]) -> Result<Self, bytes::BytesError>`, which reads [`bytes`]'
///   format at compile time for [`include_weights!`];
/// - `initialized`, `fill`, `scale`, `add_scaled`, `loss` and `is_finite`, forwarded from
///   [`Network`] so that no trait import is needed;
/// - implementations of [`Network`] and [`Trainable`], and of [`Zeroable`] (all-zero bytes are a
///   valid network, the one of zeros);
/// - only for a network with a layer of 4,096 multiply-adds a sample or more (not `Seed3`), which
///   trains in blocks of 32 samples: `NAMEWorkspace`, the buffers of a block, with a
///   `const fn new()` for a `static`, taken by [`train::step_in`] so that no step allocates, not
///   even the first (see [`Trainable::Workspace`], `()` for the other networks).
///
/// # Large networks
///
/// A network is a value: `784 => relu 512 => relu 512 => softmax 10` is 2.7 MB, and its gradient
/// and an optimiser's state are networks too. Networks, gradients and optimisers made with
/// `zeros()`, `initialized` and `new` live on the stack, and training a network that way took
/// 7.1 times its bytes of stack in a debug build and 4.1 times in a release build (measured by
/// `examples/stack_use.rs`, with Adam). Threads get 2 MiB of stack (each test under `cargo test`
/// too) and a Linux program's main thread 8 MiB, so on a test thread an `f32` network of about
/// 70 k parameters is the largest in a debug build, 120 k in release; on a main thread, about
/// 290 k and 500 k.
///
/// Anything larger belongs on the heap: `zeros_boxed`, `initialized_boxed` and the optimisers'
/// `new_boxed` build in place and never touch the stack, and generic functions take the boxes
/// as `&mut *net`. A 20 M-parameter network trains that way on a 2 MiB stack:
///
/// ```no_run
/// use nn::{init::{self, Init}, loss::CrossEntropy, optim::Adam, train};
///
/// nn::network! { pub struct Wide = 784 => relu 4096 => relu 4096 => softmax 10; }
///
/// let mut rng = init::rng(7);
/// let mut net = Wide::initialized_boxed(Init::He, &mut rng);
/// let mut grad = Wide::zeros_boxed();
/// let mut adam = Adam::new_boxed(1e-5);
/// let batch = vec![([0.5_f32; 784], 3_usize); 32];
/// let loss = train::step(&mut *net, &mut *adam, &batch, CrossEntropy, &mut *grad)?;
/// println!("mean loss {loss}");
/// # Ok::<(), nn::train::TrainError>(())
/// ```
///
/// On firmware, networks and optimisers live in `static`s instead, built by the `const fn`s.
///
/// # Examples
///
/// ```
/// nn::network! {
///     /// A three-layer network.
///     pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2;
///     /// A regression network, in double precision.
///     pub struct Regression: f64 = 2 => relu 10 => identity 1;
/// }
///
/// static NET: Seed3 = Seed3::ones();
/// let y: [f32; 2] = NET.forward(&[1.0, 2.0]);
/// assert_eq!(y, [27.0, 27.0]);
/// assert_eq!(Regression::PARAMETERS, 41);
/// ```
///
/// Shapes are checked by rustc: an input of the wrong width does not compile.
///
/// ```compile_fail
/// nn::network! { struct Seed3 = 2 => relu 3 => relu 2 => identity 2; }
///
/// let y = Seed3::zeros().forward(&[1.0, 2.0, 3.0]);
/// ```
pub use nn_macros::network;

/// A network whose weights are read from a file at compile time, in `nn::bytes` format (as
/// [`bytes::encode`] writes them): the network lives in flash on firmware, and a file that does
/// not fit the network (another architecture, another scalar type, truncated, NaN) is a compile
/// error that says which, not a failure at boot.
///
/// The path is relative to the file the macro is called in, as for `include_bytes!`.
///
/// ```ignore
/// nn::network! { pub struct Digits = 64 => relu 32 => softmax 10; }
///
/// static NET: Digits = nn::include_weights!(Digits, "digits.nnw");
/// ```
///
/// Large networks take the compiler a while: it checks and converts every value.
#[macro_export]
macro_rules! include_weights {
    ($network:ty, $path:expr) => {{
        // Reading a large network's weights takes the compiler more steps than the lint allows
        // by default: a few seconds for 200,000 values.
        #[allow(long_running_const_eval)]
        const WEIGHTS: $network = match <$network>::from_weights(::core::include_bytes!($path)) {
            ::core::result::Result::Ok(network) => network,
            ::core::result::Result::Err(error) => {
                let message = error.message();
                ::core::panic!("{}", message.as_str())
            }
        };
        WEIGHTS
    }};
}

/// What generated code refers to; not a public API.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "alloc")]
    pub use alloc::boxed::Box;
    pub use nn_core::activation::{self, Activation, Differentiable};
    #[cfg(feature = "alloc")]
    pub use nn_core::boxed::zeroed as zeroed_box;
    pub use nn_core::init::{Init, Rng};
    pub use nn_core::layer::Layer;
    pub use nn_core::loss::{Loss, PairsWith};
    pub use nn_core::quant::{CalibrationError, Clamp, Quantization, Range};
    pub use nn_core::quantized_add::QuantizedAdd;
    pub use nn_core::quantized_conv::QuantizedConv2d;
    pub use nn_core::quantized_dense::QuantizedDense;
    pub use nn_core::quantized_depthwise::QuantizedDepthwiseConv2d;
    pub use nn_core::team::{Alone, Team};
    pub use nn_core::{
        Accumulate, AvgPool2d, BatchNorm, Conv1d, Conv2d, Dense, DepthwiseConv2d, LayerSummary,
        LayerTrace, MaxPool2d, Network, Normalization, Pool2d, Scalar, Sliding, Summary, Tensor,
        TensorKind, TorchOrder, Trainable, Zeroable, write_trace_row,
    };
    pub use nn_core::{arena, batch_norm, bytes, layer, quantized_bytes, reshape, residual};
    #[cfg(feature = "std")]
    pub use std::thread_local;
}

/// The first block when `nn` has the `std` feature, the second otherwise: generated code keeps
/// buffers per thread where there are threads. Not a public API.
#[cfg(feature = "std")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_std {
    ($std:block else $other:block) => {
        $std
    };
}

/// The first block when `nn` has the `std` feature, the second otherwise: generated code keeps
/// buffers per thread where there are threads. Not a public API.
#[cfg(not(feature = "std"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_std {
    ($std:block else $other:block) => {
        $other
    };
}

/// Keeps the items it is given when `nn` has the `alloc` feature, and drops them otherwise: the
/// generated heap constructors exist only where `Box` does. Not a public API.
#[cfg(feature = "alloc")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_alloc {
    ($($item:item)*) => { $($item)* };
}

/// Keeps the items it is given when `nn` has the `alloc` feature, and drops them otherwise: the
/// generated heap constructors exist only where `Box` does. Not a public API.
#[cfg(not(feature = "alloc"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_alloc {
    ($($item:item)*) => {};
}
