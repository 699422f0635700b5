// network! { struct Bn = [1, 4, 4] => conv2d(2, 3x3, same) => relu batch_norm() => softmax 3; }

#[doc(hidden)]
#[allow(non_snake_case)]
mod __nn_network_Bn_N {
    #[allow(unused_imports)]
    use super::*;
    /**

Declared with `nn::network!` as `[1, 4, 4] => conv2d(2, 3x3, same) => relu batch_norm() => softmax 3` in `f32`: 127 parameters.*/
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct Bn {
        ///Layer 1: `conv2d(2, 3x3, same)`, `W1` and `b1` from `[1, 4, 4]` to `[2, 4, 4]`, followed by `identity`.
        pub layer1: ::nn::__private::Conv2d<::core::primitive::f32, 1, 2, 3, 3>,
        ///Layer 2: `batch_norm()`, `W2` and `b2` from `[2, 4, 4]` to `[2, 4, 4]`, followed by `relu`.
        pub layer2: ::nn::__private::BatchNorm<::core::primitive::f32, 2>,
        ///Layer 3: `W3` (32 x 3) and `b3`, followed by `softmax`.
        pub layer3: ::nn::__private::Dense<::core::primitive::f32, 32, 3>,
    }
    unsafe impl ::nn::__private::Zeroable for Bn
    where
        ::nn::__private::Conv2d<
            ::core::primitive::f32,
            1,
            2,
            3,
            3,
        >: ::nn::__private::Zeroable,
        ::nn::__private::Dense<::core::primitive::f32, 32, 3>: ::nn::__private::Zeroable,
        ::nn::__private::BatchNorm<::core::primitive::f32, 2>: ::nn::__private::Zeroable,
    {}
    impl Bn {
        /// The input width.
        pub const INPUTS: ::core::primitive::usize = 16;
        /// The output width.
        pub const OUTPUTS: ::core::primitive::usize = 3;
        /// The number of weights and biases.
        pub const PARAMETERS: ::core::primitive::usize = 127;
        /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
        /// can initialise a `static`.
        #[must_use]
        pub const fn zeros() -> Self {
            Self {
                layer1: ::nn::__private::Conv2d::zeros(),
                layer2: ::nn::__private::BatchNorm::zeros(),
                layer3: ::nn::__private::Dense::zeros(),
            }
        }
        /// A network with every weight and bias `1` (numpy's `np.ones`).
        #[must_use]
        pub const fn ones() -> Self {
            Self {
                layer1: ::nn::__private::Conv2d::ones(),
                layer2: ::nn::__private::BatchNorm::ones(),
                layer3: ::nn::__private::Dense::ones(),
            }
        }
        /// The layers, shapes, activations and parameter counts; `Display` prints them as a
        /// table, like Keras' `model.summary()`.
        #[must_use]
        pub const fn summary() -> ::nn::__private::Summary {
            ::nn::__private::Summary {
                name: "Bn",
                scalar: "f32",
                inputs: 16,
                input_shape: &[1, 4, 4],
                layers: &[
                    ::nn::__private::LayerSummary {
                        name: "layer1",
                        kind: "conv2d(2, 3x3, same)",
                        shape: ::nn::__private::layer::Shape::Conv2d {
                            channels: 1,
                            filters: 2,
                            kernel: [3, 3],
                            output: [4, 4],
                        },
                        inputs: 16,
                        outputs: 32,
                        input_shape: &[1, 4, 4],
                        output_shape: &[2, 4, 4],
                        activation: "identity",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer2",
                        kind: "batch_norm()",
                        shape: ::nn::__private::layer::Shape::BatchNorm {
                            channels: 2,
                            places: 16,
                        },
                        inputs: 32,
                        outputs: 32,
                        input_shape: &[2, 4, 4],
                        output_shape: &[2, 4, 4],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer3",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 32,
                            outputs: 3,
                        },
                        inputs: 32,
                        outputs: 3,
                        input_shape: &[2, 4, 4],
                        output_shape: &[3],
                        activation: "softmax",
                    },
                ],
                output_activation: ::core::option::Option::None,
            }
        }
        /// A network initialised by `init` from `rng`: seeded, so reproducible.
        #[must_use]
        pub fn initialized<R>(init: ::nn::__private::Init, rng: &mut R) -> Self
        where
            R: ::nn::__private::Rng + ?::core::marker::Sized,
        {
            <Self as ::nn::__private::Network>::initialized(init, rng)
        }
        /// Sets every weight and bias to `value`; `fill(0.0)` clears a gradient.
        pub fn fill(&mut self, value: ::core::primitive::f32) {
            <Self as ::nn::__private::Network>::fill(self, value);
        }
        /// Multiplies every weight and bias by `factor`.
        pub fn scale(&mut self, factor: ::core::primitive::f32) {
            <Self as ::nn::__private::Network>::scale(self, factor);
        }
        /// Adds `factor * other` to every weight and bias.
        pub fn add_scaled(&mut self, other: &Self, factor: ::core::primitive::f32) {
            <Self as ::nn::__private::Network>::add_scaled(self, other, factor);
        }
        /// The loss of one sample: `loss` of `forward(x)` against `target`.
        #[must_use]
        pub fn loss<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                ::core::primitive::f32,
                [::core::primitive::f32; 3],
                D,
            >,
        {
            <Self as ::nn::__private::Network>::loss(self, x, target, loss)
        }
        /// `true` unless some weight or bias is NaN or infinite.
        #[must_use]
        pub fn is_finite(&self) -> ::core::primitive::bool {
            <Self as ::nn::__private::Network>::is_finite(self)
        }
    }
    ::nn::__with_alloc! {
        impl Bn { #[doc =
        r" A network with every weight and bias `0`, allocated zeroed on the heap: it never"]
        #[doc = r" passes through the stack, whatever its size."] #[must_use] pub fn
        zeros_boxed() -> ::nn::__private::Box < Self > { < Self as
        ::nn::__private::Network > ::zeros_boxed() } #[doc =
        r" A network initialised by `init` from `rng`, built in place on the heap: the"]
        #[doc =
        r" same network as `initialized` gives, without passing through the stack."]
        #[must_use] pub fn initialized_boxed < R > (init : ::nn::__private::Init, rng : &
        mut R,) -> ::nn::__private::Box < Self > where R : ::nn::__private::Rng + ?
        ::core::marker::Sized, { < Self as ::nn::__private::Network >
        ::initialized_boxed(init, rng) } }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Bn {
        /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
        /// Nothing is allocated and nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::f32; 16],
        ) -> [::core::primitive::f32; 3] {
            let z1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                    <::nn::__private::Conv2d<
                        ::core::primitive::f32,
                        1,
                        2,
                        3,
                        3,
                    > as ::nn::__private::Layer<
                        ::core::primitive::f32,
                        [[[::core::primitive::f32; 4]; 4]; 1],
                        [[[::core::primitive::f32; 4]; 4]; 2],
                    >>::total_input(
                        &self.layer1,
                        ::nn::__private::reshape::reshape(x),
                        ::nn::__private::Sliding {
                            stride: [1, 1],
                            padding: [1, 1],
                        },
                        ::nn::__private::reshape::reshape_mut(&mut out),
                    );
                    out
                },
            );
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                    <::nn::__private::BatchNorm<
                        ::core::primitive::f32,
                        2,
                    > as ::nn::__private::Layer<
                        ::core::primitive::f32,
                        [[::core::primitive::f32; 16]; 2],
                        [[::core::primitive::f32; 16]; 2],
                    >>::total_input(
                        &self.layer2,
                        ::nn::__private::reshape::reshape(&z1),
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        ::nn::__private::reshape::reshape_mut(&mut out),
                    );
                    out
                },
            );
            let z3 = self
                .layer3
                .forward::<::nn::__private::activation::by_name::softmax>(&z2);
            z3
        }
    }
    ///The memory in which [`Bn::forward_in`] runs the network: one array of 64 values holding every layer's output, those alive at the same time apart, each written over once no layer reads it. Its size is `Bn::INFERENCE_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct BnArena {
        values: [::core::primitive::f32; 64],
    }
    unsafe impl ::nn::__private::Zeroable for BnArena {}
    impl BnArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 64] }
        }
    }
    impl ::core::default::Default for BnArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Bn {
        /// The bytes of the parameters: what the weights take in flash, or in RAM.
        pub(super) const PARAMETER_BYTES: ::core::primitive::usize = Self::PARAMETERS
            * ::core::mem::size_of::<::core::primitive::f32>();
        /// The bytes of the activations at the peak of inference: the arena of
        /// [`forward_in`](Self::forward_in), known before the program runs.
        pub(super) const INFERENCE_BYTES: ::core::primitive::usize = BnArena::BYTES;
        /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
        /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
        /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward_in(
            &self,
            x: &[::core::primitive::f32; 16],
            arena: &mut BnArena,
        ) -> [::core::primitive::f32; 3] {
            let values = &mut arena.values;
            {
                let (input, out) = (
                    x,
                    ::nn::__private::arena::output::<
                        ::core::primitive::f32,
                        64,
                        32,
                        0,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    64,
                    32,
                    0,
                    32,
                    32,
                >(values);
                <::nn::__private::BatchNorm<
                    ::core::primitive::f32,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[::core::primitive::f32; 16]; 2],
                    [[::core::primitive::f32; 16]; 2],
                >>::total_input(
                    &self.layer2,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Normalization {
                        eps: 0.00001,
                        momentum: 0.1,
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    64,
                    32,
                    32,
                    3,
                    0,
                >(values);
                *out = self.layer3.total_input(input);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            *::nn::__private::arena::value::<::core::primitive::f32, 64, 3, 0>(values)
        }
    }
    ///Every intermediate value of one [`Bn::forward`] call, from [`Bn::trace`].
    ///
    /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct BnTrace {
        /// The input `x`.
        pub input: [::core::primitive::f32; 16],
        ///Layer 1: total input `u1` and output `z1 = identity(u1)`.
        pub layer1: ::nn::__private::LayerTrace<::core::primitive::f32, 32>,
        ///Layer 2: total input `u2` and output `z2 = relu(u2)`.
        pub layer2: ::nn::__private::LayerTrace<::core::primitive::f32, 32>,
        ///Layer 3: total input `u3` and output `z3 = softmax(u3)`.
        pub layer3: ::nn::__private::LayerTrace<::core::primitive::f32, 3>,
        /// The output `y`, what `forward` returns.
        pub output: [::core::primitive::f32; 3],
    }
    #[allow(clippy::large_stack_arrays)]
    impl Bn {
        /// Runs the network like `forward` and keeps every intermediate value: each layer's
        /// total input `u` and output `z`.
        #[must_use]
        pub fn trace(&self, x: &[::core::primitive::f32; 16]) -> BnTrace {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::BatchNorm<
                    ::core::primitive::f32,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[::core::primitive::f32; 16]; 2],
                    [[::core::primitive::f32; 16]; 2],
                >>::total_input(
                    &self.layer2,
                    ::nn::__private::reshape::reshape(&z1),
                    ::nn::__private::Normalization {
                        eps: 0.00001,
                        momentum: 0.1,
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u3,
            );
            BnTrace {
                input: *x,
                layer1: ::nn::__private::LayerTrace {
                    u: u1,
                    z: z1,
                },
                layer2: ::nn::__private::LayerTrace {
                    u: u2,
                    z: z2,
                },
                layer3: ::nn::__private::LayerTrace {
                    u: u3,
                    z: z3,
                },
                output: z3,
            }
        }
    }
    impl ::core::fmt::Display for BnTrace {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::nn::__private::write_trace_row(f, "x", 31, &self.input)?;
            ::nn::__private::write_trace_row(
                f,
                "u1 [2, 4, 4] = W1 * x + b1",
                31,
                &self.layer1.u,
            )?;
            ::nn::__private::write_trace_row(
                f,
                "z1 = identity(u1)",
                31,
                &self.layer1.z,
            )?;
            ::nn::__private::write_trace_row(
                f,
                "u2 [2, 4, 4] = batch_norm()(z1)",
                31,
                &self.layer2.u,
            )?;
            ::nn::__private::write_trace_row(f, "z2 = relu(u2)", 31, &self.layer2.z)?;
            ::nn::__private::write_trace_row(f, "u3 = z2·W3 + b3", 31, &self.layer3.u)?;
            ::nn::__private::write_trace_row(f, "z3 = softmax(u3)", 31, &self.layer3.z)?;
            ::nn::__private::write_trace_row(f, "y = z3", 31, &self.output)?;
            ::core::result::Result::Ok(())
        }
    }
    /// The values `backward_samples` keeps for a block of `B` samples: each layer's `u`, `z`,
    /// `du` (in the forward pass, a second thread's part of `u`), the gradient `dz` of its
    /// output, and `du` transposed.
    #[allow(non_snake_case)]
    #[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
    struct BnBlock<const B: ::core::primitive::usize> {
        u1: [[::core::primitive::f32; 32]; B],
        z1: [[::core::primitive::f32; 32]; B],
        du1: [[::core::primitive::f32; 32]; B],
        dz1: [[::core::primitive::f32; 32]; B],
        u2: [[::core::primitive::f32; 32]; B],
        z2: [[::core::primitive::f32; 32]; B],
        du2: [[::core::primitive::f32; 32]; B],
        dz2: [[::core::primitive::f32; 32]; B],
        u3: [[::core::primitive::f32; 3]; B],
        z3: [[::core::primitive::f32; 3]; B],
        du3: [[::core::primitive::f32; 3]; B],
        dz3: [[::core::primitive::f32; 3]; B],
        du_columns3: [[::core::primitive::f32; B]; 3],
    }
    unsafe impl<const B: ::core::primitive::usize> ::nn::__private::Zeroable
    for BnBlock<B> {}
    ///The buffers in which [`Bn`] trains blocks of 32 samples at once, through `Trainable::backward_samples_in` and `nn::train::step_in`: each layer's values for every sample of a block. Made once and reused, so that no training step allocates, not even the first. `new` is `const`, for a `static` on firmware; on a host, `nn::boxed::zeroed()` makes one on the heap. Its size is `BnWorkspace::BYTES`.
    pub(super) struct BnWorkspace {
        block: BnBlock<32>,
    }
    unsafe impl ::nn::__private::Zeroable for BnWorkspace {}
    impl BnWorkspace {
        /// Its size in bytes: what a `static` of it takes in RAM.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The buffers, zeroed; `const`, so that they can be a `static`. Called at run time, it
        /// builds them on the stack: for a large network, prefer a `static` or
        /// `nn::boxed::zeroed()`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self {
                block: BnBlock {
                    u1: [[0.0; 32]; 32],
                    z1: [[0.0; 32]; 32],
                    du1: [[0.0; 32]; 32],
                    dz1: [[0.0; 32]; 32],
                    u2: [[0.0; 32]; 32],
                    z2: [[0.0; 32]; 32],
                    du2: [[0.0; 32]; 32],
                    dz2: [[0.0; 32]; 32],
                    u3: [[0.0; 3]; 32],
                    z3: [[0.0; 3]; 32],
                    du3: [[0.0; 3]; 32],
                    dz3: [[0.0; 3]; 32],
                    du_columns3: [[0.0; 32]; 3],
                },
            }
        }
    }
    impl ::core::default::Default for BnWorkspace {
        fn default() -> Self {
            Self::new()
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Bn {
        /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
        /// gradient of that loss with respect to every weight and bias into `grad`.
        ///
        /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
        /// and the target must have the output width; a network with `step` cannot be
        /// trained. All three are compile errors. Nothing is allocated and nothing panics.
        pub fn backward<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u1,
            );
            let (u2, statistics2) = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                let us = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&mut out),
                );
                let statistics = self
                    .layer2
                    .normalize_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(&z1),
                        ],
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        us,
                    );
                (out, statistics)
            };
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u3,
            );
            let y = z3;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz3 = dy;
            let du3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                &u3,
                &z3,
                &dz3,
            );
            let dz2 = self.layer3.input_gradient(&du3);
            grad.layer3.add_gradient(&z2, &du3);
            let du2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u2,
                &z2,
                &dz2,
            );
            let (dx2, gradient2) = {
                let mut dx = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                let dus = ::core::slice::from_ref(
                    ::nn::__private::reshape::reshape::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&du2),
                );
                let dxs = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&mut dx),
                );
                let gradient = self
                    .layer2
                    .backward_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(&z1),
                        ],
                        dus,
                        &statistics2,
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        dxs,
                    );
                (dx, gradient)
            };
            let dz1 = dx2;
            grad.layer2
                .add_scaled_gradient(
                    &gradient2,
                    <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
                );
            grad.layer2.add_statistics(&statistics2, 1);
            let du1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                &u1,
                &z1,
                &dz1,
            );
            <::nn::__private::Conv2d<
                ::core::primitive::f32,
                1,
                2,
                3,
                3,
            > as ::nn::__private::Layer<
                ::core::primitive::f32,
                [[[::core::primitive::f32; 4]; 4]; 1],
                [[[::core::primitive::f32; 4]; 4]; 2],
            >>::add_scaled_gradient(
                &mut grad.layer1,
                ::nn::__private::reshape::reshape(x),
                ::nn::__private::reshape::reshape(&du1),
                ::nn::__private::Sliding {
                    stride: [1, 1],
                    padding: [1, 1],
                },
                <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
            );
            value
        }
        /// One step of plain gradient descent on one sample, in one pass and without a
        /// gradient buffer: runs `x` forward, returns the loss, and moves every weight and bias
        /// by `-learning_rate` times its gradient (an `f64`, as every hyper-parameter in `nn`,
        /// rounded to the network's scalar). Each layer's input gradient is taken before
        /// its own weights move, so this is `backward` followed by `Sgd::step`, up to
        /// rounding. If the loss is NaN or infinite, nothing moves.
        pub fn descend<L, D>(
            &mut self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let rate = -<::core::primitive::f32 as ::nn::__private::Scalar>::from_f64(
                learning_rate,
            );
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u1,
            );
            let (u2, statistics2) = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                let us = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&mut out),
                );
                let statistics = self
                    .layer2
                    .normalize_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(&z1),
                        ],
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        us,
                    );
                (out, statistics)
            };
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u3,
            );
            let y = z3;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz3 = dy;
            let du3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                &u3,
                &z3,
                &dz3,
            );
            let dz2 = self.layer3.input_gradient(&du3);
            self.layer3.add_scaled_gradient(&z2, &du3, rate);
            let du2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u2,
                &z2,
                &dz2,
            );
            let (dx2, gradient2) = {
                let mut dx = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                let dus = ::core::slice::from_ref(
                    ::nn::__private::reshape::reshape::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&du2),
                );
                let dxs = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&mut dx),
                );
                let gradient = self
                    .layer2
                    .backward_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(&z1),
                        ],
                        dus,
                        &statistics2,
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        dxs,
                    );
                (dx, gradient)
            };
            let dz1 = dx2;
            self.layer2.add_scaled_gradient(&gradient2, rate);
            self.layer2
                .track_batch(
                    &statistics2,
                    ::nn::__private::Normalization {
                        eps: 0.00001,
                        momentum: 0.1,
                    }
                        .momentum,
                );
            let du1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                &u1,
                &z1,
                &dz1,
            );
            <::nn::__private::Conv2d<
                ::core::primitive::f32,
                1,
                2,
                3,
                3,
            > as ::nn::__private::Layer<
                ::core::primitive::f32,
                [[[::core::primitive::f32; 4]; 4]; 1],
                [[[::core::primitive::f32; 4]; 4]; 2],
            >>::add_scaled_gradient(
                &mut self.layer1,
                ::nn::__private::reshape::reshape(x),
                ::nn::__private::reshape::reshape(&du1),
                ::nn::__private::Sliding {
                    stride: [1, 1],
                    padding: [1, 1],
                },
                rate,
            );
            value
        }
        /// `backward` for a block of `B` samples at once (fewer, for a network with batch
        /// normalisation, the rows past them zero gradients), in the buffers of `block`: the same
        /// gradient, bit for bit, with each weight and gradient row read once per block, and
        /// summed into `grad` as `sum` says. The large layers' products are shared among `team`.
        /// Adds each sample's loss to `total` in turn, so the sum is the same too.
        #[allow(clippy::too_many_arguments)]
        fn backward_block<L, D, const B: ::core::primitive::usize>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            block: &mut BnBlock<B>,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
            team: &dyn ::nn::__private::Team,
        )
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let ::core::option::Option::Some(last) = samples.last() else {
                return;
            };
            let count = samples.len().min(B);
            let x: [&_; B] = ::core::array::from_fn(|s| {
                &samples.get(s).unwrap_or(last).0
            });
            for s in 0..B {
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x[s]),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut block.u1[s]),
                );
            }
            for s in 0..B {
                block.z1[s] = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                    &block.u1[s],
                );
            }
            let z1_rows: [&_; B] = ::core::array::from_fn(|s| &block.z1[s]);
            let statistics2 = {
                let xs: [&[[::core::primitive::f32; 16]; 2]; B] = ::core::array::from_fn(|
                    s|
                ::nn::__private::reshape::reshape(z1_rows[s]));
                let us: &mut [[[::core::primitive::f32; 16]; 2]; B] = ::nn::__private::reshape::reshape_mut(
                    &mut block.u2,
                );
                self.layer2
                    .normalize_batch(
                        &xs[..count],
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        &mut us[..count],
                    )
            };
            for s in count..B {
                block.u2[s] = block.u2[count - 1];
            }
            for s in 0..B {
                block.z2[s] = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                    &block.u2[s],
                );
            }
            let z2_rows: [&_; B] = ::core::array::from_fn(|s| &block.z2[s]);
            self.layer3
                .total_input_batch_shared(&z2_rows, &mut block.u3, &mut block.du3, team);
            for s in 0..B {
                block.z3[s] = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                    &block.u3[s],
                );
            }
            let z3_rows: [&_; B] = ::core::array::from_fn(|s| &block.z3[s]);
            for s in 0..B {
                block.dz3[s] = match samples.get(s) {
                    ::core::option::Option::Some((_, target)) => {
                        *total
                            += ::nn::__private::Loss::loss(&loss, &block.z3[s], target);
                        ::nn::__private::Loss::gradient(&loss, &block.z3[s], target)
                    }
                    ::core::option::Option::None => {
                        [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 3]
                    }
                };
            }
            for s in 0..B {
                block.du3[s] = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                    &block.u3[s],
                    &block.z3[s],
                    &block.dz3[s],
                );
            }
            grad.layer3.add_gradient_batch_shared(&z2_rows, &block.du3, sum, team);
            self.layer3
                .input_gradient_batch_shared(
                    &block.du3,
                    &mut block.du_columns3,
                    &mut block.dz2,
                    team,
                );
            for s in 0..B {
                block.du2[s] = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                    &block.u2[s],
                    &block.z2[s],
                    &block.dz2[s],
                );
            }
            let gradient2 = {
                let xs: [&[[::core::primitive::f32; 16]; 2]; B] = ::core::array::from_fn(|
                    s|
                ::nn::__private::reshape::reshape(z1_rows[s]));
                let dus: &[[[::core::primitive::f32; 16]; 2]; B] = ::nn::__private::reshape::reshape(
                    &block.du2,
                );
                self.layer2
                    .backward_batch(
                        &xs[..count],
                        &dus[..count],
                        &statistics2,
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        &mut ::nn::__private::reshape::reshape_mut::<
                            _,
                            [[[::core::primitive::f32; 16]; 2]; B],
                        >(&mut block.dz1)[..count],
                    )
            };
            for s in count..B {
                block.dz1[s] = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
            }
            if sum.from_zero {
                grad.layer2.fill(0.0);
            }
            grad.layer2
                .add_scaled_gradient(
                    &gradient2,
                    <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
                );
            grad.layer2.add_statistics(&statistics2, count);
            if let ::core::option::Option::Some(factor) = sum.scale {
                grad.layer2.scale(factor);
            }
            for s in 0..B {
                block.du1[s] = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                    &block.u1[s],
                    &block.z1[s],
                    &block.dz1[s],
                );
            }
            if sum.from_zero {
                grad.layer1.fill(0.0);
            }
            for s in 0..B {
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::add_scaled_gradient(
                    &mut grad.layer1,
                    ::nn::__private::reshape::reshape(x[s]),
                    ::nn::__private::reshape::reshape(&block.du1[s]),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
                );
            }
            if let ::core::option::Option::Some(factor) = sum.scale {
                grad.layer1.scale(factor);
            }
        }
        /// `backward` for every sample, summed into `grad` as `sum` says (from zero or not,
        /// scaled at the end or not), in blocks of `B` in the buffers of `block`, the samples
        /// left over one by one; each loss added to `total` in turn.
        #[allow(clippy::too_many_arguments)]
        fn backward_blocks<L, D, const B: ::core::primitive::usize>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            block: &mut BnBlock<B>,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
            team: &dyn ::nn::__private::Team,
        )
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let count = samples.len().div_ceil(B);
            if count == 0 {
                self.backward_each(samples, loss, grad, total, sum);
                return;
            }
            let mut blocks_sum = sum;
            for (index, samples) in samples.chunks(B).enumerate() {
                let (part, later) = blocks_sum.split(index + 1 == count);
                blocks_sum = later;
                self.backward_block(samples, loss, grad, total, block, part, team);
            }
        }
        /// `backward` for each sample in turn, summed into `grad` as `sum` says.
        fn backward_each<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
        )
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            if sum.from_zero {
                ::nn::__private::Network::fill(grad, 0.0);
            }
            for (input, target) in samples {
                *total += Self::backward(self, input, target, loss, grad);
            }
            if let ::core::option::Option::Some(factor) = sum.scale {
                ::nn::__private::Network::scale(grad, factor);
            }
        }
        /// [`backward_blocks`](Self::backward_blocks) in blocks small enough for buffers on the
        /// stack.
        fn backward_on_stack<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
        )
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let mut block: BnBlock<32> = ::nn::__private::Zeroable::zeroed();
            self.backward_blocks(
                samples,
                loss,
                grad,
                total,
                &mut block,
                sum,
                &::nn::__private::Alone,
            );
        }
        /// `backward` for every sample, summed into `grad` as `sum` says: whole blocks in buffers
        /// that each thread keeps on the heap (with `std`), the rest in blocks whose buffers fit
        /// on the stack.
        fn backward_on_thread<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let mut total: ::core::primitive::f32 = 0.0;
            ::nn::__if_std!(
                { ::nn::__private::thread_local! { static BLOCK : ::core::cell::RefCell <
                ::core::option::Option < ::nn::__private::Box < BnBlock < 32 >> > > =
                const { ::core::cell::RefCell::new(::core::option::Option::None) }; } let
                (whole, rest) = (samples, & samples[samples.len()..]); let (whole_sum,
                rest_sum) = sum.split(rest.is_empty()); let on_heap = if whole.is_empty()
                { ::core::result::Result::Ok(::core::option::Option::None) } else { BLOCK
                .try_with(| cell | { cell.try_borrow_mut().ok().map(| mut slot | { let
                block = slot.get_or_insert_with(::nn::__private::zeroed_box); let alone =
                & ::nn::__private::Alone; self.backward_blocks(whole, loss, grad, & mut
                total, block, whole_sum, alone); }) }) }; match on_heap {
                ::core::result::Result::Ok(::core::option::Option::Some(())) => { self
                .backward_on_stack(rest, loss, grad, & mut total, rest_sum); } _ => self
                .backward_on_stack(samples, loss, grad, & mut total, sum), } } else {
                self.backward_on_stack(samples, loss, grad, & mut total, sum); }
            );
            total
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl ::nn::__private::Trainable for Bn
    where
        for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
    {
        type OutputActivation = ::nn::__private::activation::by_name::softmax;
        fn backward<L, D>(
            &self,
            input: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            Self::backward(self, input, target, loss, grad)
        }
        fn descend<L, D>(
            &mut self,
            input: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            Self::descend(self, input, target, loss, learning_rate)
        }
        fn backward_samples<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            self.backward_on_thread(
                samples,
                loss,
                grad,
                ::nn::__private::Accumulate::ADD,
            )
        }
        fn scaled_gradient<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            scale: ::core::primitive::f32,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let sum = ::nn::__private::Accumulate {
                from_zero: true,
                scale: ::core::option::Option::Some(scale),
            };
            self.backward_on_thread(samples, loss, grad, sum)
        }
        type Workspace = BnWorkspace;
        const SHARES_PRODUCTS: bool = false;
        fn backward_samples_in<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            workspace: &mut BnWorkspace,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let mut total: ::core::primitive::f32 = 0.0;
            let (add, alone) = (
                ::nn::__private::Accumulate::ADD,
                &::nn::__private::Alone,
            );
            self.backward_blocks(
                samples,
                loss,
                grad,
                &mut total,
                &mut workspace.block,
                add,
                alone,
            );
            total
        }
        fn scaled_gradient_in<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 16], D)],
            loss: L,
            grad: &mut Self,
            scale: ::core::primitive::f32,
            workspace: &mut BnWorkspace,
            team: &dyn ::nn::__private::Team,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let mut total: ::core::primitive::f32 = 0.0;
            let sum = ::nn::__private::Accumulate {
                from_zero: true,
                scale: ::core::option::Option::Some(scale),
            };
            self.backward_blocks(
                samples,
                loss,
                grad,
                &mut total,
                &mut workspace.block,
                sum,
                team,
            );
            total
        }
        fn training_loss<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                ::core::primitive::f32,
                [::core::primitive::f32; 3],
                D,
            >,
        {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u1,
            );
            let (u2, statistics2) = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                let us = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(&mut out),
                );
                let statistics = self
                    .layer2
                    .normalize_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(&z1),
                        ],
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        us,
                    );
                (out, statistics)
            };
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u3,
            );
            let y = z3;
            ::nn::__private::Loss::loss(&loss, &y, target)
        }
        fn track_statistics(&mut self, grad: &Self) {
            self.layer2
                .track(
                    &grad.layer2,
                    ::nn::__private::Normalization {
                        eps: 0.00001,
                        momentum: 0.1,
                    }
                        .momentum,
                );
        }
    }
    ///The memory in which [`Bn::backward_in`] and [`Bn::descend_in`] train on one sample: one array of 192 values holding every layer's values and gradients, those alive at the same time apart. Its size is `Bn::TRAINING_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct BnTrainingArena {
        values: [::core::primitive::f32; 192],
    }
    unsafe impl ::nn::__private::Zeroable for BnTrainingArena {}
    impl BnTrainingArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 192] }
        }
    }
    impl ::core::default::Default for BnTrainingArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Bn {
        /// The bytes of the values that training on one sample keeps: the arena of
        /// [`backward_in`](Self::backward_in), known before the program runs.
        pub(super) const TRAINING_BYTES: ::core::primitive::usize = BnTrainingArena::BYTES;
        /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
        /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
        /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
        pub(super) fn backward_in<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            grad: &mut Self,
            arena: &mut BnTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let values = &mut arena.values;
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    32,
                >(values);
                *out = *rest.read::<32, 0>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let statistics2 = {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    96,
                >(values);
                let input = rest.read::<32, 32>();
                let us = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(out),
                );
                self.layer2
                    .normalize_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(input),
                        ],
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        us,
                    )
            };
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    128,
                >(values);
                *out = *rest.read::<32, 96>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    64,
                >(values);
                let input = rest.read::<32, 128>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::total_input(
                    &self.layer3,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    67,
                >(values);
                *out = *rest.read::<3, 64>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                192,
                3,
                67,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    70,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    70,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 64>(),
                    rest.read::<3, 67>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    160,
                >(values);
                let (input, du) = (rest.read::<32, 128>(), rest.read::<3, 70>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::input_gradient(
                    &self.layer3,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (input, du) = (
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        192,
                        32,
                        128,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        192,
                        3,
                        70,
                    >(values),
                );
                grad.layer3.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    160,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<32, 96>(),
                    rest.read::<32, 128>(),
                    out,
                );
            }
            let gradient2 = {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    64,
                >(values);
                let input = rest.read::<32, 32>();
                let du = rest.read::<32, 160>();
                let dus = ::core::slice::from_ref(
                    ::nn::__private::reshape::reshape::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(du),
                );
                let xs = &[
                    ::nn::__private::reshape::reshape::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(input),
                ];
                self.layer2
                    .backward_batch(
                        xs,
                        dus,
                        &statistics2,
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        ::core::slice::from_mut(
                            ::nn::__private::reshape::reshape_mut::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(out),
                        ),
                    )
            };
            grad.layer2
                .add_scaled_gradient(
                    &gradient2,
                    <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
                );
            grad.layer2.add_statistics(&statistics2, 1);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    64,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<32, 0>(),
                    rest.read::<32, 32>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        192,
                        32,
                        64,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::add_scaled_gradient(
                    &mut grad.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
                );
            }
            value
        }
        /// [`descend`](Self::descend) in `arena`, as [`backward_in`](Self::backward_in) is
        /// `backward`: the same step, bit for bit. If the loss is NaN or infinite, nothing
        /// moves.
        pub(super) fn descend_in<L, D>(
            &mut self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
            arena: &mut BnTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let rate = -<::core::primitive::f32 as ::nn::__private::Scalar>::from_f64(
                learning_rate,
            );
            let values = &mut arena.values;
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    32,
                >(values);
                *out = *rest.read::<32, 0>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let statistics2 = {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    96,
                >(values);
                let input = rest.read::<32, 32>();
                let us = ::core::slice::from_mut(
                    ::nn::__private::reshape::reshape_mut::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(out),
                );
                self.layer2
                    .normalize_batch(
                        &[
                            ::nn::__private::reshape::reshape::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(input),
                        ],
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        us,
                    )
            };
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    128,
                >(values);
                *out = *rest.read::<32, 96>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    64,
                >(values);
                let input = rest.read::<32, 128>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::total_input(
                    &self.layer3,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    67,
                >(values);
                *out = *rest.read::<3, 64>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                192,
                3,
                67,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    70,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    3,
                    70,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 64>(),
                    rest.read::<3, 67>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    160,
                >(values);
                let (input, du) = (rest.read::<32, 128>(), rest.read::<3, 70>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::input_gradient(
                    &self.layer3,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (input, du) = (
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        192,
                        32,
                        128,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        192,
                        3,
                        70,
                    >(values),
                );
                self.layer3.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    160,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<32, 96>(),
                    rest.read::<32, 128>(),
                    out,
                );
            }
            let gradient2 = {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    64,
                >(values);
                let input = rest.read::<32, 32>();
                let du = rest.read::<32, 160>();
                let dus = ::core::slice::from_ref(
                    ::nn::__private::reshape::reshape::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(du),
                );
                let xs = &[
                    ::nn::__private::reshape::reshape::<
                        _,
                        [[::core::primitive::f32; 16]; 2],
                    >(input),
                ];
                self.layer2
                    .backward_batch(
                        xs,
                        dus,
                        &statistics2,
                        ::nn::__private::Normalization {
                            eps: 0.00001,
                            momentum: 0.1,
                        },
                        ::core::slice::from_mut(
                            ::nn::__private::reshape::reshape_mut::<
                                _,
                                [[::core::primitive::f32; 16]; 2],
                            >(out),
                        ),
                    )
            };
            self.layer2.add_scaled_gradient(&gradient2, rate);
            self.layer2
                .track_batch(
                    &statistics2,
                    ::nn::__private::Normalization {
                        eps: 0.00001,
                        momentum: 0.1,
                    }
                        .momentum,
                );
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    192,
                    32,
                    64,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<32, 0>(),
                    rest.read::<32, 32>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        192,
                        32,
                        64,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::add_scaled_gradient(
                    &mut self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    rate,
                );
            }
            value
        }
    }
    impl ::nn::__private::Network for Bn {
        type Scalar = ::core::primitive::f32;
        type Input = [::core::primitive::f32; 16];
        type Output = [::core::primitive::f32; 3];
        const INPUTS: ::core::primitive::usize = 16;
        const OUTPUTS: ::core::primitive::usize = 3;
        const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
        const TENSORS: &'static [::nn::__private::Tensor] = &[
            ::nn::__private::Tensor {
                name: "layer1.weight",
                rows: 9,
                columns: 2,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 9,
                torch_shape: &[2, 1, 3, 3],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer1.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 9,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.weight",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Scale,
                fan_in: 1,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 1,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.running_mean",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::RunningMean,
                fan_in: 1,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.running_var",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::RunningVar,
                fan_in: 1,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer3.weight",
                rows: 32,
                columns: 3,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 32,
                torch_shape: &[3, 32],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer3.bias",
                rows: 1,
                columns: 3,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 32,
                torch_shape: &[3],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
        ];
        const ZERO: Self = Self::zeros();
        fn forward(&self, input: &Self::Input) -> Self::Output {
            Self::forward(self, input)
        }
        fn summary() -> ::nn::__private::Summary {
            Self::summary()
        }
        #[inline]
        fn fill(&mut self, value: ::core::primitive::f32) {
            self.layer1.fill(value);
            self.layer2.fill(value);
            self.layer3.fill(value);
        }
        #[inline]
        fn scale(&mut self, factor: ::core::primitive::f32) {
            self.layer1.scale(factor);
            self.layer2.scale(factor);
            self.layer3.scale(factor);
        }
        #[inline]
        fn add_scaled(&mut self, other: &Self, factor: ::core::primitive::f32) {
            self.layer1.add_scaled(&other.layer1, factor);
            self.layer2.add_scaled(&other.layer2, factor);
            self.layer3.add_scaled(&other.layer3, factor);
        }
        fn tensor(&self, index: ::core::primitive::usize) -> &[::core::primitive::f32] {
            match index {
                0 => ::nn::__private::reshape::values(&self.layer1.weights),
                1 => ::nn::__private::reshape::values(&self.layer1.bias),
                2 => ::nn::__private::reshape::values(&self.layer2.weight),
                3 => ::nn::__private::reshape::values(&self.layer2.bias),
                4 => ::nn::__private::reshape::values(&self.layer2.running_mean),
                5 => ::nn::__private::reshape::values(&self.layer2.running_var),
                6 => ::nn::__private::reshape::values(&self.layer3.weights),
                7 => ::nn::__private::reshape::values(&self.layer3.bias),
                _ => &[],
            }
        }
        fn tensor_mut(
            &mut self,
            index: ::core::primitive::usize,
        ) -> &mut [::core::primitive::f32] {
            match index {
                0 => ::nn::__private::reshape::values_mut(&mut self.layer1.weights),
                1 => ::nn::__private::reshape::values_mut(&mut self.layer1.bias),
                2 => ::nn::__private::reshape::values_mut(&mut self.layer2.weight),
                3 => ::nn::__private::reshape::values_mut(&mut self.layer2.bias),
                4 => ::nn::__private::reshape::values_mut(&mut self.layer2.running_mean),
                5 => ::nn::__private::reshape::values_mut(&mut self.layer2.running_var),
                6 => ::nn::__private::reshape::values_mut(&mut self.layer3.weights),
                7 => ::nn::__private::reshape::values_mut(&mut self.layer3.bias),
                _ => &mut [],
            }
        }
    }
    impl Bn {
        /// The network whose weights `bytes` holds, in `nn::bytes` format, after checking the
        /// scalar type, every tensor's shape, the length and that every value is finite.
        ///
        /// A `const fn`: `nn::include_weights!` calls it at compile time, so a weights file
        /// that does not fit the network is a compile error.
        ///
        /// # Errors
        ///
        /// The `nn::bytes::BytesError` of the first problem found.
        pub const fn from_weights(
            bytes: &[::core::primitive::u8],
        ) -> ::core::result::Result<Self, ::nn::__private::bytes::BytesError> {
            let at = match ::nn::__private::bytes::check_header(
                bytes,
                "f32",
                <Self as ::nn::__private::Network>::TENSORS,
                ::core::mem::size_of::<::core::primitive::f32>(),
            ) {
                ::core::result::Result::Ok(at) => at,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer1, at) = match ::nn::__private::bytes::conv2d_f32::<
                1,
                2,
                3,
                3,
            >(bytes, at, "layer1.weight", "layer1.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer2, at) = match ::nn::__private::bytes::batch_norm_f32::<
                2,
            >(
                bytes,
                at,
                [
                    "layer2.weight",
                    "layer2.bias",
                    "layer2.running_mean",
                    "layer2.running_var",
                ],
            ) {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer3, at) = match ::nn::__private::bytes::dense_f32::<
                32,
                3,
            >(bytes, at, "layer3.weight", "layer3.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let _ = at;
            ::core::result::Result::Ok(Self { layer1, layer2, layer3 })
        }
    }
}
#[allow(unused_imports)]
use __nn_network_Bn_N::Bn;
#[allow(unused_imports)]
use __nn_network_Bn_N::*;
#[doc(hidden)]
#[allow(non_snake_case)]
mod __nn_network_BnFolded_N {
    #[allow(unused_imports)]
    use super::*;
    ///[`Bn`] for inference, each batch normalisation after a convolution or a dense layer folded into that layer's weights and bias: `Bn::folded` and `Bn::fold_into` make it.
    /**

Declared with `nn::network!` as `[1, 4, 4] => relu conv2d(2, 3x3, same) => softmax 3` in `f32`: 119 parameters.*/
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct BnFolded {
        ///Layer 1: `conv2d(2, 3x3, same)`, `W1` and `b1` from `[1, 4, 4]` to `[2, 4, 4]`, followed by `relu`.
        pub layer1: ::nn::__private::Conv2d<::core::primitive::f32, 1, 2, 3, 3>,
        ///Layer 2: `W2` (32 x 3) and `b2`, followed by `softmax`.
        pub layer2: ::nn::__private::Dense<::core::primitive::f32, 32, 3>,
    }
    unsafe impl ::nn::__private::Zeroable for BnFolded
    where
        ::nn::__private::Conv2d<
            ::core::primitive::f32,
            1,
            2,
            3,
            3,
        >: ::nn::__private::Zeroable,
        ::nn::__private::Dense<::core::primitive::f32, 32, 3>: ::nn::__private::Zeroable,
    {}
    impl BnFolded {
        /// The input width.
        pub const INPUTS: ::core::primitive::usize = 16;
        /// The output width.
        pub const OUTPUTS: ::core::primitive::usize = 3;
        /// The number of weights and biases.
        pub const PARAMETERS: ::core::primitive::usize = 119;
        /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
        /// can initialise a `static`.
        #[must_use]
        pub const fn zeros() -> Self {
            Self {
                layer1: ::nn::__private::Conv2d::zeros(),
                layer2: ::nn::__private::Dense::zeros(),
            }
        }
        /// A network with every weight and bias `1` (numpy's `np.ones`).
        #[must_use]
        pub const fn ones() -> Self {
            Self {
                layer1: ::nn::__private::Conv2d::ones(),
                layer2: ::nn::__private::Dense::ones(),
            }
        }
        /// The layers, shapes, activations and parameter counts; `Display` prints them as a
        /// table, like Keras' `model.summary()`.
        #[must_use]
        pub const fn summary() -> ::nn::__private::Summary {
            ::nn::__private::Summary {
                name: "BnFolded",
                scalar: "f32",
                inputs: 16,
                input_shape: &[1, 4, 4],
                layers: &[
                    ::nn::__private::LayerSummary {
                        name: "layer1",
                        kind: "conv2d(2, 3x3, same)",
                        shape: ::nn::__private::layer::Shape::Conv2d {
                            channels: 1,
                            filters: 2,
                            kernel: [3, 3],
                            output: [4, 4],
                        },
                        inputs: 16,
                        outputs: 32,
                        input_shape: &[1, 4, 4],
                        output_shape: &[2, 4, 4],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer2",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 32,
                            outputs: 3,
                        },
                        inputs: 32,
                        outputs: 3,
                        input_shape: &[2, 4, 4],
                        output_shape: &[3],
                        activation: "softmax",
                    },
                ],
                output_activation: ::core::option::Option::None,
            }
        }
        /// A network initialised by `init` from `rng`: seeded, so reproducible.
        #[must_use]
        pub fn initialized<R>(init: ::nn::__private::Init, rng: &mut R) -> Self
        where
            R: ::nn::__private::Rng + ?::core::marker::Sized,
        {
            <Self as ::nn::__private::Network>::initialized(init, rng)
        }
        /// Sets every weight and bias to `value`; `fill(0.0)` clears a gradient.
        pub fn fill(&mut self, value: ::core::primitive::f32) {
            <Self as ::nn::__private::Network>::fill(self, value);
        }
        /// Multiplies every weight and bias by `factor`.
        pub fn scale(&mut self, factor: ::core::primitive::f32) {
            <Self as ::nn::__private::Network>::scale(self, factor);
        }
        /// Adds `factor * other` to every weight and bias.
        pub fn add_scaled(&mut self, other: &Self, factor: ::core::primitive::f32) {
            <Self as ::nn::__private::Network>::add_scaled(self, other, factor);
        }
        /// The loss of one sample: `loss` of `forward(x)` against `target`.
        #[must_use]
        pub fn loss<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                ::core::primitive::f32,
                [::core::primitive::f32; 3],
                D,
            >,
        {
            <Self as ::nn::__private::Network>::loss(self, x, target, loss)
        }
        /// `true` unless some weight or bias is NaN or infinite.
        #[must_use]
        pub fn is_finite(&self) -> ::core::primitive::bool {
            <Self as ::nn::__private::Network>::is_finite(self)
        }
    }
    ::nn::__with_alloc! {
        impl BnFolded { #[doc =
        r" A network with every weight and bias `0`, allocated zeroed on the heap: it never"]
        #[doc = r" passes through the stack, whatever its size."] #[must_use] pub fn
        zeros_boxed() -> ::nn::__private::Box < Self > { < Self as
        ::nn::__private::Network > ::zeros_boxed() } #[doc =
        r" A network initialised by `init` from `rng`, built in place on the heap: the"]
        #[doc =
        r" same network as `initialized` gives, without passing through the stack."]
        #[must_use] pub fn initialized_boxed < R > (init : ::nn::__private::Init, rng : &
        mut R,) -> ::nn::__private::Box < Self > where R : ::nn::__private::Rng + ?
        ::core::marker::Sized, { < Self as ::nn::__private::Network >
        ::initialized_boxed(init, rng) } }
    }
    #[allow(clippy::large_stack_arrays)]
    impl BnFolded {
        /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
        /// Nothing is allocated and nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::f32; 16],
        ) -> [::core::primitive::f32; 3] {
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                    <::nn::__private::Conv2d<
                        ::core::primitive::f32,
                        1,
                        2,
                        3,
                        3,
                    > as ::nn::__private::Layer<
                        ::core::primitive::f32,
                        [[[::core::primitive::f32; 4]; 4]; 1],
                        [[[::core::primitive::f32; 4]; 4]; 2],
                    >>::total_input(
                        &self.layer1,
                        ::nn::__private::reshape::reshape(x),
                        ::nn::__private::Sliding {
                            stride: [1, 1],
                            padding: [1, 1],
                        },
                        ::nn::__private::reshape::reshape_mut(&mut out),
                    );
                    out
                },
            );
            let z2 = self
                .layer2
                .forward::<::nn::__private::activation::by_name::softmax>(&z1);
            z2
        }
    }
    ///The memory in which [`BnFolded::forward_in`] runs the network: one array of 35 values holding every layer's output, those alive at the same time apart, each written over once no layer reads it. Its size is `BnFolded::INFERENCE_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct BnFoldedArena {
        values: [::core::primitive::f32; 35],
    }
    unsafe impl ::nn::__private::Zeroable for BnFoldedArena {}
    impl BnFoldedArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 35] }
        }
    }
    impl ::core::default::Default for BnFoldedArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl BnFolded {
        /// The bytes of the parameters: what the weights take in flash, or in RAM.
        pub(super) const PARAMETER_BYTES: ::core::primitive::usize = Self::PARAMETERS
            * ::core::mem::size_of::<::core::primitive::f32>();
        /// The bytes of the activations at the peak of inference: the arena of
        /// [`forward_in`](Self::forward_in), known before the program runs.
        pub(super) const INFERENCE_BYTES: ::core::primitive::usize = BnFoldedArena::BYTES;
        /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
        /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
        /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward_in(
            &self,
            x: &[::core::primitive::f32; 16],
            arena: &mut BnFoldedArena,
        ) -> [::core::primitive::f32; 3] {
            let values = &mut arena.values;
            {
                let (input, out) = (
                    x,
                    ::nn::__private::arena::output::<
                        ::core::primitive::f32,
                        35,
                        32,
                        0,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    35,
                    32,
                    0,
                    3,
                    32,
                >(values);
                *out = self.layer2.total_input(input);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            *::nn::__private::arena::value::<::core::primitive::f32, 35, 3, 32>(values)
        }
    }
    ///Every intermediate value of one [`BnFolded::forward`] call, from [`BnFolded::trace`].
    ///
    /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct BnFoldedTrace {
        /// The input `x`.
        pub input: [::core::primitive::f32; 16],
        ///Layer 1: total input `u1` and output `z1 = relu(u1)`.
        pub layer1: ::nn::__private::LayerTrace<::core::primitive::f32, 32>,
        ///Layer 2: total input `u2` and output `z2 = softmax(u2)`.
        pub layer2: ::nn::__private::LayerTrace<::core::primitive::f32, 3>,
        /// The output `y`, what `forward` returns.
        pub output: [::core::primitive::f32; 3],
    }
    #[allow(clippy::large_stack_arrays)]
    impl BnFolded {
        /// Runs the network like `forward` and keeps every intermediate value: each layer's
        /// total input `u` and output `z`.
        #[must_use]
        pub fn trace(&self, x: &[::core::primitive::f32; 16]) -> BnFoldedTrace {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u2,
            );
            BnFoldedTrace {
                input: *x,
                layer1: ::nn::__private::LayerTrace {
                    u: u1,
                    z: z1,
                },
                layer2: ::nn::__private::LayerTrace {
                    u: u2,
                    z: z2,
                },
                output: z2,
            }
        }
    }
    impl ::core::fmt::Display for BnFoldedTrace {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::nn::__private::write_trace_row(f, "x", 26, &self.input)?;
            ::nn::__private::write_trace_row(
                f,
                "u1 [2, 4, 4] = W1 * x + b1",
                26,
                &self.layer1.u,
            )?;
            ::nn::__private::write_trace_row(f, "z1 = relu(u1)", 26, &self.layer1.z)?;
            ::nn::__private::write_trace_row(f, "u2 = z1·W2 + b2", 26, &self.layer2.u)?;
            ::nn::__private::write_trace_row(f, "z2 = softmax(u2)", 26, &self.layer2.z)?;
            ::nn::__private::write_trace_row(f, "y = z2", 26, &self.output)?;
            ::core::result::Result::Ok(())
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl BnFolded {
        /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
        /// gradient of that loss with respect to every weight and bias into `grad`.
        ///
        /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
        /// and the target must have the output width; a network with `step` cannot be
        /// trained. All three are compile errors. Nothing is allocated and nothing panics.
        pub fn backward<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u2,
            );
            let y = z2;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz2 = dy;
            let du2 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                &u2,
                &z2,
                &dz2,
            );
            let dz1 = self.layer2.input_gradient(&du2);
            grad.layer2.add_gradient(&z1, &du2);
            let du1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u1,
                &z1,
                &dz1,
            );
            <::nn::__private::Conv2d<
                ::core::primitive::f32,
                1,
                2,
                3,
                3,
            > as ::nn::__private::Layer<
                ::core::primitive::f32,
                [[[::core::primitive::f32; 4]; 4]; 1],
                [[[::core::primitive::f32; 4]; 4]; 2],
            >>::add_scaled_gradient(
                &mut grad.layer1,
                ::nn::__private::reshape::reshape(x),
                ::nn::__private::reshape::reshape(&du1),
                ::nn::__private::Sliding {
                    stride: [1, 1],
                    padding: [1, 1],
                },
                <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
            );
            value
        }
        /// One step of plain gradient descent on one sample, in one pass and without a
        /// gradient buffer: runs `x` forward, returns the loss, and moves every weight and bias
        /// by `-learning_rate` times its gradient (an `f64`, as every hyper-parameter in `nn`,
        /// rounded to the network's scalar). Each layer's input gradient is taken before
        /// its own weights move, so this is `backward` followed by `Sgd::step`, up to
        /// rounding. If the loss is NaN or infinite, nothing moves.
        pub fn descend<L, D>(
            &mut self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let rate = -<::core::primitive::f32 as ::nn::__private::Scalar>::from_f64(
                learning_rate,
            );
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u2,
            );
            let y = z2;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz2 = dy;
            let du2 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                &u2,
                &z2,
                &dz2,
            );
            let dz1 = self.layer2.input_gradient(&du2);
            self.layer2.add_scaled_gradient(&z1, &du2, rate);
            let du1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u1,
                &z1,
                &dz1,
            );
            <::nn::__private::Conv2d<
                ::core::primitive::f32,
                1,
                2,
                3,
                3,
            > as ::nn::__private::Layer<
                ::core::primitive::f32,
                [[[::core::primitive::f32; 4]; 4]; 1],
                [[[::core::primitive::f32; 4]; 4]; 2],
            >>::add_scaled_gradient(
                &mut self.layer1,
                ::nn::__private::reshape::reshape(x),
                ::nn::__private::reshape::reshape(&du1),
                ::nn::__private::Sliding {
                    stride: [1, 1],
                    padding: [1, 1],
                },
                rate,
            );
            value
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl ::nn::__private::Trainable for BnFolded
    where
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
    {
        type OutputActivation = ::nn::__private::activation::by_name::softmax;
        fn backward<L, D>(
            &self,
            input: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            Self::backward(self, input, target, loss, grad)
        }
        fn descend<L, D>(
            &mut self,
            input: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            Self::descend(self, input, target, loss, learning_rate)
        }
        type Workspace = ();
    }
    ///The memory in which [`BnFolded::backward_in`] and [`BnFolded::descend_in`] train on one sample: one array of 105 values holding every layer's values and gradients, those alive at the same time apart. Its size is `BnFolded::TRAINING_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct BnFoldedTrainingArena {
        values: [::core::primitive::f32; 105],
    }
    unsafe impl ::nn::__private::Zeroable for BnFoldedTrainingArena {}
    impl BnFoldedTrainingArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 105] }
        }
    }
    impl ::core::default::Default for BnFoldedTrainingArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl BnFolded {
        /// The bytes of the values that training on one sample keeps: the arena of
        /// [`backward_in`](Self::backward_in), known before the program runs.
        pub(super) const TRAINING_BYTES: ::core::primitive::usize = BnFoldedTrainingArena::BYTES;
        /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
        /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
        /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
        pub(super) fn backward_in<L, D>(
            &self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            grad: &mut Self,
            arena: &mut BnFoldedTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let values = &mut arena.values;
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    32,
                >(values);
                *out = *rest.read::<32, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    96,
                >(values);
                let input = rest.read::<32, 32>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::total_input(
                    &self.layer2,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    99,
                >(values);
                *out = *rest.read::<3, 96>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                105,
                3,
                99,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    102,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    102,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 96>(),
                    rest.read::<3, 99>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    64,
                >(values);
                let (input, du) = (rest.read::<32, 32>(), rest.read::<3, 102>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::input_gradient(
                    &self.layer2,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (input, du) = (
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        105,
                        32,
                        32,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        105,
                        3,
                        102,
                    >(values),
                );
                grad.layer2.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    64,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<32, 0>(),
                    rest.read::<32, 32>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        105,
                        32,
                        64,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::add_scaled_gradient(
                    &mut grad.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    <::core::primitive::f32 as ::nn::__private::Scalar>::ONE,
                );
            }
            value
        }
        /// [`descend`](Self::descend) in `arena`, as [`backward_in`](Self::backward_in) is
        /// `backward`: the same step, bit for bit. If the loss is NaN or infinite, nothing
        /// moves.
        pub(super) fn descend_in<L, D>(
            &mut self,
            x: &[::core::primitive::f32; 16],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
            arena: &mut BnFoldedTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let rate = -<::core::primitive::f32 as ::nn::__private::Scalar>::from_f64(
                learning_rate,
            );
            let values = &mut arena.values;
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    32,
                >(values);
                *out = *rest.read::<32, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    96,
                >(values);
                let input = rest.read::<32, 32>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::total_input(
                    &self.layer2,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    99,
                >(values);
                *out = *rest.read::<3, 96>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                105,
                3,
                99,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    102,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    3,
                    102,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 96>(),
                    rest.read::<3, 99>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    64,
                >(values);
                let (input, du) = (rest.read::<32, 32>(), rest.read::<3, 102>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    32,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 32],
                    [::core::primitive::f32; 3],
                >>::input_gradient(
                    &self.layer2,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (input, du) = (
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        105,
                        32,
                        32,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        105,
                        3,
                        102,
                    >(values),
                );
                self.layer2.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    105,
                    32,
                    64,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<32, 0>(),
                    rest.read::<32, 32>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        105,
                        32,
                        64,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    2,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 4]; 4]; 1],
                    [[[::core::primitive::f32; 4]; 4]; 2],
                >>::add_scaled_gradient(
                    &mut self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    rate,
                );
            }
            value
        }
    }
    ///[`BnFolded`] in int8, by TensorFlow Lite's quantisation spec: made by [`BnFolded::quantize`], it computes with integers alone ([`forward`](Self::forward)). int8 layers fuse `relu` into the clamp of their output; a final `softmax` or `sigmoid` is left out, so that the output is the scores before it (their `argmax` is the class).
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct BnFoldedQuantized {
        /// How the input's reals map to int8.
        pub(super) input: ::nn::__private::Quantization,
        ///Layer 1 in int8.
        pub(super) layer1: ::nn::__private::QuantizedConv2d<1, 2, 3, 3>,
        ///Layer 2 in int8.
        pub(super) layer2: ::nn::__private::QuantizedDense<32, 3>,
        /// How the output's int8 values map to reals.
        pub(super) output: ::nn::__private::Quantization,
    }
    #[allow(clippy::large_stack_arrays)]
    impl BnFoldedQuantized {
        /// The int8 output for the int8 input `x`: integers only. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward(
            &self,
            x: &[::core::primitive::i8; 16],
        ) -> [::core::primitive::i8; 3] {
            let mut z1 = [0_i8; 32];
            self.layer1
                .forward(
                    ::nn::__private::reshape::reshape::<
                        [::core::primitive::i8; 16],
                        [[[::core::primitive::i8; 4]; 4]; 1],
                    >(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::reshape::reshape_mut::<
                        [::core::primitive::i8; 32],
                        [[[::core::primitive::i8; 4]; 4]; 2],
                    >(&mut z1),
                );
            let z2 = self.layer2.forward(&z1);
            z2
        }
        /// `x` in int8, as the input's quantisation maps it: what [`forward`](Self::forward)
        /// takes.
        #[must_use]
        pub(super) fn quantize_input(
            &self,
            x: &[::core::primitive::f32; 16],
        ) -> [::core::primitive::i8; 16] {
            x.map(|value| self.input.quantize(value))
        }
        /// The layers as the file's header names them.
        const LAYERS: [::nn::__private::quantized_bytes::LayerShape; 2] = [
            ("layer1", 9, 2),
            ("layer2", 32, 3),
        ];
        /// The bytes of the network in `nn`'s int8 format (`nn::quantized_bytes`).
        pub(super) const ENCODED_LEN: ::core::primitive::usize = ::nn::__private::quantized_bytes::header_len(
            2,
        ) + 2 * ::nn::__private::quantized_bytes::QUANTIZATION_BYTES
            + ::nn::__private::QuantizedConv2d::<1, 2, 3, 3>::BYTES
            + ::nn::__private::QuantizedDense::<32, 3>::BYTES;
        /// Writes the network in `nn`'s int8 format into `out`; returns the bytes written,
        /// [`ENCODED_LEN`](Self::ENCODED_LEN).
        ///
        /// # Errors
        ///
        /// `BytesError::BufferTooSmall` if `out` is shorter than `ENCODED_LEN`.
        pub(super) fn encode(
            &self,
            out: &mut [::core::primitive::u8],
        ) -> ::core::result::Result<
            ::core::primitive::usize,
            ::nn::__private::bytes::BytesError,
        > {
            if out.len() < Self::ENCODED_LEN {
                return ::core::result::Result::Err(::nn::__private::bytes::BytesError::BufferTooSmall {
                    needed: Self::ENCODED_LEN,
                    available: out.len(),
                });
            }
            let mut at = ::nn::__private::quantized_bytes::write_header(
                &Self::LAYERS,
                out,
            );
            at
                += ::nn::__private::quantized_bytes::write_quantization(
                    self.input,
                    &mut out[at..],
                );
            at += self.layer1.write(&mut out[at..]);
            at += self.layer2.write(&mut out[at..]);
            at
                += ::nn::__private::quantized_bytes::write_quantization(
                    self.output,
                    &mut out[at..],
                );
            ::core::result::Result::Ok(at)
        }
        /// The network from `nn`'s int8 format: a `const fn`, so that `nn::include_weights!`
        /// reads a file into a `static` at compile time, where a file of another network is a
        /// compile error.
        ///
        /// # Errors
        ///
        /// `BytesError::NotWeights`, `WrongTensorCount`, `WrongShape` or `WrongLength` for a
        /// file of another network or none; `NonFinite` for a scale that is not finite.
        pub(super) const fn from_weights(
            bytes: &[::core::primitive::u8],
        ) -> ::core::result::Result<Self, ::nn::__private::bytes::BytesError> {
            let at = match ::nn::__private::quantized_bytes::check_header(
                bytes,
                &Self::LAYERS,
                Self::ENCODED_LEN,
            ) {
                ::core::result::Result::Ok(at) => at,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let input = match ::nn::__private::quantized_bytes::read_quantization(
                bytes,
                at,
                "input",
            ) {
                ::core::result::Result::Ok(quantization) => quantization,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let at = at + ::nn::__private::quantized_bytes::QUANTIZATION_BYTES;
            let layer1 = ::nn::__private::QuantizedConv2d::<1, 2, 3, 3>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedConv2d::<1, 2, 3, 3>::BYTES;
            let layer2 = ::nn::__private::QuantizedDense::<32, 3>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<32, 3>::BYTES;
            let output = match ::nn::__private::quantized_bytes::read_quantization(
                bytes,
                at,
                "output",
            ) {
                ::core::result::Result::Ok(quantization) => quantization,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            ::core::result::Result::Ok(Self {
                input,
                layer1,
                layer2,
                output,
            })
        }
        /// The reals the int8 output `y` stands for.
        #[must_use]
        pub(super) fn dequantize_output(
            &self,
            y: &[::core::primitive::i8; 3],
        ) -> [::core::primitive::f32; 3] {
            y.map(|value| self.output.dequantize(value))
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl BnFolded {
        /// The network in int8, as TensorFlow Lite's post-training quantiser makes it: each
        /// value's range over the `calibration` inputs (the input's and each layer's output)
        /// gives its quantisation, each layer's weights are quantised per output.
        ///
        /// # Errors
        ///
        /// `CalibrationError::Empty` without calibration inputs;
        /// `CalibrationError::NotFinite` if an input or a layer's output is NaN or infinite.
        pub(super) fn quantize(
            &self,
            calibration: &[[::core::primitive::f32; 16]],
        ) -> ::core::result::Result<
            BnFoldedQuantized,
            ::nn::__private::CalibrationError,
        > {
            if calibration.is_empty() {
                return ::core::result::Result::Err(
                    ::nn::__private::CalibrationError::Empty,
                );
            }
            let mut ranges = [::nn::__private::Range::EMPTY; 3];
            for x in calibration {
                ranges[0].widen(x, 0)?;
                let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                    &{
                        let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 32];
                        <::nn::__private::Conv2d<
                            ::core::primitive::f32,
                            1,
                            2,
                            3,
                            3,
                        > as ::nn::__private::Layer<
                            ::core::primitive::f32,
                            [[[::core::primitive::f32; 4]; 4]; 1],
                            [[[::core::primitive::f32; 4]; 4]; 2],
                        >>::total_input(
                            &self.layer1,
                            ::nn::__private::reshape::reshape(x),
                            ::nn::__private::Sliding {
                                stride: [1, 1],
                                padding: [1, 1],
                            },
                            ::nn::__private::reshape::reshape_mut(&mut out),
                        );
                        out
                    },
                );
                ranges[1usize].widen(&z1, 1usize)?;
                let z2 = self.layer2.total_input(&z1);
                ranges[2usize].widen(&z2, 2usize)?;
            }
            let quantizations = ranges.map(::nn::__private::Range::quantization);
            ::core::result::Result::Ok(BnFoldedQuantized {
                input: quantizations[0],
                layer1: ::nn::__private::QuantizedConv2d::<
                    1,
                    2,
                    3,
                    3,
                >::quantize(
                    &self.layer1,
                    quantizations[0usize],
                    quantizations[1usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer2: ::nn::__private::QuantizedDense::<
                    32,
                    3,
                >::quantize(
                    &self.layer2,
                    quantizations[1usize],
                    quantizations[2usize],
                    ::nn::__private::Clamp::Whole,
                ),
                output: quantizations[2],
            })
        }
    }
    impl ::nn::__private::Network for BnFolded {
        type Scalar = ::core::primitive::f32;
        type Input = [::core::primitive::f32; 16];
        type Output = [::core::primitive::f32; 3];
        const INPUTS: ::core::primitive::usize = 16;
        const OUTPUTS: ::core::primitive::usize = 3;
        const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
        const TENSORS: &'static [::nn::__private::Tensor] = &[
            ::nn::__private::Tensor {
                name: "layer1.weight",
                rows: 9,
                columns: 2,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 9,
                torch_shape: &[2, 1, 3, 3],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer1.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 9,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.weight",
                rows: 32,
                columns: 3,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 32,
                torch_shape: &[3, 32],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer2.bias",
                rows: 1,
                columns: 3,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 32,
                torch_shape: &[3],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
        ];
        const ZERO: Self = Self::zeros();
        fn forward(&self, input: &Self::Input) -> Self::Output {
            Self::forward(self, input)
        }
        fn summary() -> ::nn::__private::Summary {
            Self::summary()
        }
        #[inline]
        fn fill(&mut self, value: ::core::primitive::f32) {
            self.layer1.fill(value);
            self.layer2.fill(value);
        }
        #[inline]
        fn scale(&mut self, factor: ::core::primitive::f32) {
            self.layer1.scale(factor);
            self.layer2.scale(factor);
        }
        #[inline]
        fn add_scaled(&mut self, other: &Self, factor: ::core::primitive::f32) {
            self.layer1.add_scaled(&other.layer1, factor);
            self.layer2.add_scaled(&other.layer2, factor);
        }
        fn tensor(&self, index: ::core::primitive::usize) -> &[::core::primitive::f32] {
            match index {
                0 => ::nn::__private::reshape::values(&self.layer1.weights),
                1 => ::nn::__private::reshape::values(&self.layer1.bias),
                2 => ::nn::__private::reshape::values(&self.layer2.weights),
                3 => ::nn::__private::reshape::values(&self.layer2.bias),
                _ => &[],
            }
        }
        fn tensor_mut(
            &mut self,
            index: ::core::primitive::usize,
        ) -> &mut [::core::primitive::f32] {
            match index {
                0 => ::nn::__private::reshape::values_mut(&mut self.layer1.weights),
                1 => ::nn::__private::reshape::values_mut(&mut self.layer1.bias),
                2 => ::nn::__private::reshape::values_mut(&mut self.layer2.weights),
                3 => ::nn::__private::reshape::values_mut(&mut self.layer2.bias),
                _ => &mut [],
            }
        }
    }
    impl BnFolded {
        /// The network whose weights `bytes` holds, in `nn::bytes` format, after checking the
        /// scalar type, every tensor's shape, the length and that every value is finite.
        ///
        /// A `const fn`: `nn::include_weights!` calls it at compile time, so a weights file
        /// that does not fit the network is a compile error.
        ///
        /// # Errors
        ///
        /// The `nn::bytes::BytesError` of the first problem found.
        pub const fn from_weights(
            bytes: &[::core::primitive::u8],
        ) -> ::core::result::Result<Self, ::nn::__private::bytes::BytesError> {
            let at = match ::nn::__private::bytes::check_header(
                bytes,
                "f32",
                <Self as ::nn::__private::Network>::TENSORS,
                ::core::mem::size_of::<::core::primitive::f32>(),
            ) {
                ::core::result::Result::Ok(at) => at,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer1, at) = match ::nn::__private::bytes::conv2d_f32::<
                1,
                2,
                3,
                3,
            >(bytes, at, "layer1.weight", "layer1.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer2, at) = match ::nn::__private::bytes::dense_f32::<
                32,
                3,
            >(bytes, at, "layer2.weight", "layer2.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let _ = at;
            ::core::result::Result::Ok(Self { layer1, layer2 })
        }
    }
}
#[allow(unused_imports)]
use __nn_network_BnFolded_N::BnFolded;
#[allow(unused_imports)]
use __nn_network_BnFolded_N::*;
impl Bn {
    /// Writes this network, for inference, into `folded`: each batch normalisation after
    /// a convolution or a dense layer folded into that layer's weights and bias, which then
    /// computes what the two did, by the running averages. Nothing is allocated.
    fn fold_into(&self, folded: &mut BnFolded) {
        ::nn::__private::reshape::values_mut::<
            ::core::primitive::f32,
            _,
        >(&mut folded.layer1.weights)
            .copy_from_slice(
                ::nn::__private::reshape::values::<
                    ::core::primitive::f32,
                    _,
                >(&self.layer1.weights),
            );
        ::nn::__private::reshape::values_mut::<
            ::core::primitive::f32,
            _,
        >(&mut folded.layer1.bias)
            .copy_from_slice(
                ::nn::__private::reshape::values::<
                    ::core::primitive::f32,
                    _,
                >(&self.layer1.bias),
            );
        self.layer2
            .fold(
                0.00001,
                ::nn::__private::reshape::values_mut::<
                    ::core::primitive::f32,
                    _,
                >(&mut folded.layer1.weights),
                &mut folded.layer1.bias,
            );
        ::nn::__private::reshape::values_mut::<
            ::core::primitive::f32,
            _,
        >(&mut folded.layer2.weights)
            .copy_from_slice(
                ::nn::__private::reshape::values::<
                    ::core::primitive::f32,
                    _,
                >(&self.layer3.weights),
            );
        ::nn::__private::reshape::values_mut::<
            ::core::primitive::f32,
            _,
        >(&mut folded.layer2.bias)
            .copy_from_slice(
                ::nn::__private::reshape::values::<
                    ::core::primitive::f32,
                    _,
                >(&self.layer3.bias),
            );
    }
    /// This network for inference, its batch normalisations folded ([`Self::fold_into`]),
    /// built on the stack; for a large network, `fold_into` a `NAMEFolded::zeros_boxed()`.
    #[must_use]
    fn folded(&self) -> BnFolded {
        let mut folded = <BnFolded as ::nn::__private::Network>::zeros();
        self.fold_into(&mut folded);
        folded
    }
}
