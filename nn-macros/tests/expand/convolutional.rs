// network! { struct Cnn = [1, 8, 8] => relu conv2d(4, 3x3, same) => max_pool2d(2x2) => softmax 10; }

#[doc(hidden)]
#[allow(non_snake_case)]
mod __nn_network_Cnn_N {
    #[allow(unused_imports)]
    use super::*;
    /**

Declared with `nn::network!` as `[1, 8, 8] => relu conv2d(4, 3x3, same) => max_pool2d(2x2) => softmax 10` in `f32`: 690 parameters.*/
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct Cnn {
        ///Layer 1: `conv2d(4, 3x3, same)`, `W1` and `b1` from `[1, 8, 8]` to `[4, 8, 8]`, followed by `relu`.
        pub layer1: ::nn::__private::Conv2d<::core::primitive::f32, 1, 4, 3, 3>,
        ///Layer 3: `W3` (64 x 10) and `b3`, followed by `softmax`.
        pub layer3: ::nn::__private::Dense<::core::primitive::f32, 64, 10>,
    }
    unsafe impl ::nn::__private::Zeroable for Cnn
    where
        ::nn::__private::Dense<
            ::core::primitive::f32,
            64,
            10,
        >: ::nn::__private::Zeroable,
        ::nn::__private::Conv2d<
            ::core::primitive::f32,
            1,
            4,
            3,
            3,
        >: ::nn::__private::Zeroable,
    {}
    impl Cnn {
        /// The input width.
        pub const INPUTS: ::core::primitive::usize = 64;
        /// The output width.
        pub const OUTPUTS: ::core::primitive::usize = 10;
        /// The number of weights and biases.
        pub const PARAMETERS: ::core::primitive::usize = 690;
        /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
        /// can initialise a `static`.
        #[must_use]
        pub const fn zeros() -> Self {
            Self {
                layer1: ::nn::__private::Conv2d::zeros(),
                layer3: ::nn::__private::Dense::zeros(),
            }
        }
        /// A network with every weight and bias `1` (numpy's `np.ones`).
        #[must_use]
        pub const fn ones() -> Self {
            Self {
                layer1: ::nn::__private::Conv2d::ones(),
                layer3: ::nn::__private::Dense::ones(),
            }
        }
        /// The layers, shapes, activations and parameter counts; `Display` prints them as a
        /// table, like Keras' `model.summary()`.
        #[must_use]
        pub const fn summary() -> ::nn::__private::Summary {
            ::nn::__private::Summary {
                name: "Cnn",
                scalar: "f32",
                inputs: 64,
                input_shape: &[1, 8, 8],
                layers: &[
                    ::nn::__private::LayerSummary {
                        name: "layer1",
                        kind: "conv2d(4, 3x3, same)",
                        shape: ::nn::__private::layer::Shape::Conv2d {
                            channels: 1,
                            filters: 4,
                            kernel: [3, 3],
                            output: [8, 8],
                        },
                        inputs: 64,
                        outputs: 256,
                        input_shape: &[1, 8, 8],
                        output_shape: &[4, 8, 8],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer2",
                        kind: "max_pool2d(2x2)",
                        shape: ::nn::__private::layer::Shape::Pool2d {
                            channels: 4,
                            window: [2, 2],
                            output: [4, 4],
                        },
                        inputs: 256,
                        outputs: 64,
                        input_shape: &[4, 8, 8],
                        output_shape: &[4, 4, 4],
                        activation: "",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer3",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 64,
                            outputs: 10,
                        },
                        inputs: 64,
                        outputs: 10,
                        input_shape: &[4, 4, 4],
                        output_shape: &[10],
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
            x: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                ::core::primitive::f32,
                [::core::primitive::f32; 10],
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
        impl Cnn { #[doc =
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
    impl Cnn {
        /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
        /// Nothing is allocated and nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::f32; 64],
        ) -> [::core::primitive::f32; 10] {
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                    <::nn::__private::Conv2d<
                        ::core::primitive::f32,
                        1,
                        4,
                        3,
                        3,
                    > as ::nn::__private::Layer<
                        ::core::primitive::f32,
                        [[[::core::primitive::f32; 8]; 8]; 1],
                        [[[::core::primitive::f32; 8]; 8]; 4],
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
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 64];
                    <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                        ::core::primitive::f32,
                        [[[::core::primitive::f32; 8]; 8]; 4],
                        [[[::core::primitive::f32; 4]; 4]; 4],
                    >>::total_input(
                        &::nn::__private::MaxPool2d,
                        ::nn::__private::reshape::reshape(&z1),
                        ::nn::__private::Pool2d {
                            window: [2, 2],
                            stride: [2, 2],
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
    ///The memory in which [`Cnn::forward_in`] runs the network: one array of 320 values holding every layer's output, those alive at the same time apart, each written over once no layer reads it. Its size is `Cnn::INFERENCE_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct CnnArena {
        values: [::core::primitive::f32; 320],
    }
    unsafe impl ::nn::__private::Zeroable for CnnArena {}
    impl CnnArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 320] }
        }
    }
    impl ::core::default::Default for CnnArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Cnn {
        /// The bytes of the parameters: what the weights take in flash, or in RAM.
        pub(super) const PARAMETER_BYTES: ::core::primitive::usize = Self::PARAMETERS
            * ::core::mem::size_of::<::core::primitive::f32>();
        /// The bytes of the activations at the peak of inference: the arena of
        /// [`forward_in`](Self::forward_in), known before the program runs.
        pub(super) const INFERENCE_BYTES: ::core::primitive::usize = CnnArena::BYTES;
        /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
        /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
        /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward_in(
            &self,
            x: &[::core::primitive::f32; 64],
            arena: &mut CnnArena,
        ) -> [::core::primitive::f32; 10] {
            let values = &mut arena.values;
            {
                let (input, out) = (
                    x,
                    ::nn::__private::arena::output::<
                        ::core::primitive::f32,
                        320,
                        256,
                        0,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
                    320,
                    256,
                    0,
                    64,
                    256,
                >(values);
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::total_input(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
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
                    320,
                    64,
                    256,
                    10,
                    0,
                >(values);
                *out = self.layer3.total_input(input);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            *::nn::__private::arena::value::<::core::primitive::f32, 320, 10, 0>(values)
        }
    }
    ///Every intermediate value of one [`Cnn::forward`] call, from [`Cnn::trace`].
    ///
    /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct CnnTrace {
        /// The input `x`.
        pub input: [::core::primitive::f32; 64],
        ///Layer 1: total input `u1` and output `z1 = relu(u1)`.
        pub layer1: ::nn::__private::LayerTrace<::core::primitive::f32, 256>,
        ///Layer 2: total input `u2` and output `z2 = identity(u2)`.
        pub layer2: ::nn::__private::LayerTrace<::core::primitive::f32, 64>,
        ///Layer 3: total input `u3` and output `z3 = softmax(u3)`.
        pub layer3: ::nn::__private::LayerTrace<::core::primitive::f32, 10>,
        /// The output `y`, what `forward` returns.
        pub output: [::core::primitive::f32; 10],
    }
    #[allow(clippy::large_stack_arrays)]
    impl Cnn {
        /// Runs the network like `forward` and keeps every intermediate value: each layer's
        /// total input `u` and output `z`.
        #[must_use]
        pub fn trace(&self, x: &[::core::primitive::f32; 64]) -> CnnTrace {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
            let u2 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 64];
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::total_input(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(&z1),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u3,
            );
            CnnTrace {
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
    impl ::core::fmt::Display for CnnTrace {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::nn::__private::write_trace_row(f, "x", 34, &self.input)?;
            ::nn::__private::write_trace_row(
                f,
                "u1 [4, 8, 8] = W1 * x + b1",
                34,
                &self.layer1.u,
            )?;
            ::nn::__private::write_trace_row(f, "z1 = relu(u1)", 34, &self.layer1.z)?;
            ::nn::__private::write_trace_row(
                f,
                "u2 [4, 4, 4] = max_pool2d(2x2)(z1)",
                34,
                &self.layer2.u,
            )?;
            ::nn::__private::write_trace_row(
                f,
                "z2 = identity(u2)",
                34,
                &self.layer2.z,
            )?;
            ::nn::__private::write_trace_row(f, "u3 = z2·W3 + b3", 34, &self.layer3.u)?;
            ::nn::__private::write_trace_row(f, "z3 = softmax(u3)", 34, &self.layer3.z)?;
            ::nn::__private::write_trace_row(f, "y = z3", 34, &self.output)?;
            ::core::result::Result::Ok(())
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Cnn {
        /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
        /// gradient of that loss with respect to every weight and bias into `grad`.
        ///
        /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
        /// and the target must have the output width; a network with `step` cannot be
        /// trained. All three are compile errors. Nothing is allocated and nothing panics.
        pub fn backward<L, D>(
            &self,
            x: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                >,
        {
            let u1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
            let u2 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 64];
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::total_input(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(&z1),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
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
            let du2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                &u2,
                &z2,
                &dz2,
            );
            let dz1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::input_gradient(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(&z1),
                    ::nn::__private::reshape::reshape(&du2),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let du1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u1,
                &z1,
                &dz1,
            );
            <::nn::__private::Conv2d<
                ::core::primitive::f32,
                1,
                4,
                3,
                3,
            > as ::nn::__private::Layer<
                ::core::primitive::f32,
                [[[::core::primitive::f32; 8]; 8]; 1],
                [[[::core::primitive::f32; 8]; 8]; 4],
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
            x: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
            let u2 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 64];
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::total_input(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(&z1),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
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
            let du2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                &u2,
                &z2,
                &dz2,
            );
            let dz1 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::input_gradient(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(&z1),
                    ::nn::__private::reshape::reshape(&du2),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(&mut out),
                );
                out
            };
            let du1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u1,
                &z1,
                &dz1,
            );
            <::nn::__private::Conv2d<
                ::core::primitive::f32,
                1,
                4,
                3,
                3,
            > as ::nn::__private::Layer<
                ::core::primitive::f32,
                [[[::core::primitive::f32; 8]; 8]; 1],
                [[[::core::primitive::f32; 8]; 8]; 4],
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
    impl ::nn::__private::Trainable for Cnn
    where
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
    {
        type OutputActivation = ::nn::__private::activation::by_name::softmax;
        fn backward<L, D>(
            &self,
            input: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
            input: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
    ///The memory in which [`Cnn::backward_in`] and [`Cnn::descend_in`] train on one sample: one array of 960 values holding every layer's values and gradients, those alive at the same time apart. Its size is `Cnn::TRAINING_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct CnnTrainingArena {
        values: [::core::primitive::f32; 960],
    }
    unsafe impl ::nn::__private::Zeroable for CnnTrainingArena {}
    impl CnnTrainingArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 960] }
        }
    }
    impl ::core::default::Default for CnnTrainingArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Cnn {
        /// The bytes of the values that training on one sample keeps: the arena of
        /// [`backward_in`](Self::backward_in), known before the program runs.
        pub(super) const TRAINING_BYTES: ::core::primitive::usize = CnnTrainingArena::BYTES;
        /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
        /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
        /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
        pub(super) fn backward_in<L, D>(
            &self,
            x: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
            grad: &mut Self,
            arena: &mut CnnTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
                    960,
                    256,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
                    960,
                    256,
                    256,
                >(values);
                *out = *rest.read::<256, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    768,
                >(values);
                let input = rest.read::<256, 256>();
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::total_input(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    832,
                >(values);
                *out = *rest.read::<64, 768>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    10,
                    512,
                >(values);
                let input = rest.read::<64, 832>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    64,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 64],
                    [::core::primitive::f32; 10],
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
                    960,
                    10,
                    522,
                >(values);
                *out = *rest.read::<10, 512>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                960,
                10,
                522,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    10,
                    532,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    10,
                    532,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<10, 512>(),
                    rest.read::<10, 522>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    896,
                >(values);
                let (input, du) = (rest.read::<64, 832>(), rest.read::<10, 532>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    64,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 64],
                    [::core::primitive::f32; 10],
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
                        960,
                        64,
                        832,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        960,
                        10,
                        532,
                    >(values),
                );
                grad.layer3.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    896,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<64, 768>(),
                    rest.read::<64, 832>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    256,
                    512,
                >(values);
                let (input, du) = (rest.read::<256, 256>(), rest.read::<64, 896>());
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::input_gradient(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    256,
                    512,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<256, 0>(),
                    rest.read::<256, 256>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        960,
                        256,
                        512,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
            x: &[::core::primitive::f32; 64],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
            arena: &mut CnnTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
                    960,
                    256,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
                    960,
                    256,
                    256,
                >(values);
                *out = *rest.read::<256, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    768,
                >(values);
                let input = rest.read::<256, 256>();
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::total_input(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    832,
                >(values);
                *out = *rest.read::<64, 768>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    10,
                    512,
                >(values);
                let input = rest.read::<64, 832>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    64,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 64],
                    [::core::primitive::f32; 10],
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
                    960,
                    10,
                    522,
                >(values);
                *out = *rest.read::<10, 512>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                960,
                10,
                522,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    10,
                    532,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    10,
                    532,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<10, 512>(),
                    rest.read::<10, 522>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    896,
                >(values);
                let (input, du) = (rest.read::<64, 832>(), rest.read::<10, 532>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    64,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 64],
                    [::core::primitive::f32; 10],
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
                        960,
                        64,
                        832,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        960,
                        10,
                        532,
                    >(values),
                );
                self.layer3.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    64,
                    896,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<64, 768>(),
                    rest.read::<64, 832>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    256,
                    512,
                >(values);
                let (input, du) = (rest.read::<256, 256>(), rest.read::<64, 896>());
                <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 4],
                    [[[::core::primitive::f32; 4]; 4]; 4],
                >>::input_gradient(
                    &::nn::__private::MaxPool2d,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    960,
                    256,
                    512,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<256, 0>(),
                    rest.read::<256, 256>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        960,
                        256,
                        512,
                    >(values),
                );
                <::nn::__private::Conv2d<
                    ::core::primitive::f32,
                    1,
                    4,
                    3,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [[[::core::primitive::f32; 8]; 8]; 1],
                    [[[::core::primitive::f32; 8]; 8]; 4],
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
    ///[`Cnn`] in int8, by TensorFlow Lite's quantisation spec: made by [`Cnn::quantize`], it computes with integers alone ([`forward`](Self::forward)). int8 layers fuse `relu` into the clamp of their output; a final `softmax` or `sigmoid` is left out, so that the output is the scores before it (their `argmax` is the class).
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct CnnQuantized {
        /// How the input's reals map to int8.
        pub(super) input: ::nn::__private::Quantization,
        ///Layer 1 in int8.
        pub(super) layer1: ::nn::__private::QuantizedConv2d<1, 4, 3, 3>,
        ///Layer 3 in int8.
        pub(super) layer3: ::nn::__private::QuantizedDense<64, 10>,
        /// How the output's int8 values map to reals.
        pub(super) output: ::nn::__private::Quantization,
    }
    #[allow(clippy::large_stack_arrays)]
    impl CnnQuantized {
        /// The int8 output for the int8 input `x`: integers only. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward(
            &self,
            x: &[::core::primitive::i8; 64],
        ) -> [::core::primitive::i8; 10] {
            let mut z2 = [0_i8; 64];
            self.layer1
                .forward_max_pooled::<
                    _,
                    _,
                    8,
                    8,
                    _,
                    _,
                >(
                    ::nn::__private::reshape::reshape::<
                        [::core::primitive::i8; 64],
                        [[[::core::primitive::i8; 8]; 8]; 1],
                    >(x),
                    ::nn::__private::Sliding {
                        stride: [1, 1],
                        padding: [1, 1],
                    },
                    ::nn::__private::Pool2d {
                        window: [2, 2],
                        stride: [2, 2],
                    },
                    ::nn::__private::reshape::reshape_mut::<
                        [::core::primitive::i8; 64],
                        [[[::core::primitive::i8; 4]; 4]; 4],
                    >(&mut z2),
                );
            let z3 = self.layer3.forward(&z2);
            z3
        }
        /// `x` in int8, as the input's quantisation maps it: what [`forward`](Self::forward)
        /// takes.
        #[must_use]
        pub(super) fn quantize_input(
            &self,
            x: &[::core::primitive::f32; 64],
        ) -> [::core::primitive::i8; 64] {
            x.map(|value| self.input.quantize(value))
        }
        /// The layers as the file's header names them.
        const LAYERS: [::nn::__private::quantized_bytes::LayerShape; 2] = [
            ("layer1", 9, 4),
            ("layer3", 64, 10),
        ];
        /// The bytes of the network in `nn`'s int8 format (`nn::quantized_bytes`).
        pub(super) const ENCODED_LEN: ::core::primitive::usize = ::nn::__private::quantized_bytes::header_len(
            2,
        ) + 2 * ::nn::__private::quantized_bytes::QUANTIZATION_BYTES
            + ::nn::__private::QuantizedConv2d::<1, 4, 3, 3>::BYTES
            + ::nn::__private::QuantizedDense::<64, 10>::BYTES;
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
            at += self.layer3.write(&mut out[at..]);
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
            let layer1 = ::nn::__private::QuantizedConv2d::<1, 4, 3, 3>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedConv2d::<1, 4, 3, 3>::BYTES;
            let layer3 = ::nn::__private::QuantizedDense::<64, 10>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<64, 10>::BYTES;
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
                layer3,
                output,
            })
        }
        /// The reals the int8 output `y` stands for.
        #[must_use]
        pub(super) fn dequantize_output(
            &self,
            y: &[::core::primitive::i8; 10],
        ) -> [::core::primitive::f32; 10] {
            y.map(|value| self.output.dequantize(value))
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Cnn {
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
            calibration: &[[::core::primitive::f32; 64]],
        ) -> ::core::result::Result<CnnQuantized, ::nn::__private::CalibrationError> {
            if calibration.is_empty() {
                return ::core::result::Result::Err(
                    ::nn::__private::CalibrationError::Empty,
                );
            }
            let mut ranges = [::nn::__private::Range::EMPTY; 4];
            for x in calibration {
                ranges[0].widen(x, 0)?;
                let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                    &{
                        let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 256];
                        <::nn::__private::Conv2d<
                            ::core::primitive::f32,
                            1,
                            4,
                            3,
                            3,
                        > as ::nn::__private::Layer<
                            ::core::primitive::f32,
                            [[[::core::primitive::f32; 8]; 8]; 1],
                            [[[::core::primitive::f32; 8]; 8]; 4],
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
                let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                    &{
                        let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 64];
                        <::nn::__private::MaxPool2d as ::nn::__private::Layer<
                            ::core::primitive::f32,
                            [[[::core::primitive::f32; 8]; 8]; 4],
                            [[[::core::primitive::f32; 4]; 4]; 4],
                        >>::total_input(
                            &::nn::__private::MaxPool2d,
                            ::nn::__private::reshape::reshape(&z1),
                            ::nn::__private::Pool2d {
                                window: [2, 2],
                                stride: [2, 2],
                            },
                            ::nn::__private::reshape::reshape_mut(&mut out),
                        );
                        out
                    },
                );
                let z3 = self.layer3.total_input(&z2);
                ranges[3usize].widen(&z3, 3usize)?;
            }
            let mut quantizations = ranges.map(::nn::__private::Range::quantization);
            quantizations[2usize] = quantizations[1usize];
            ::core::result::Result::Ok(CnnQuantized {
                input: quantizations[0],
                layer1: ::nn::__private::QuantizedConv2d::<
                    1,
                    4,
                    3,
                    3,
                >::quantize(
                    &self.layer1,
                    quantizations[0usize],
                    quantizations[1usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer3: ::nn::__private::QuantizedDense::<
                    64,
                    10,
                >::quantize(
                    &self.layer3,
                    quantizations[2usize],
                    quantizations[3usize],
                    ::nn::__private::Clamp::Whole,
                ),
                output: quantizations[3],
            })
        }
    }
    impl ::nn::__private::Network for Cnn {
        type Scalar = ::core::primitive::f32;
        type Input = [::core::primitive::f32; 64];
        type Output = [::core::primitive::f32; 10];
        const INPUTS: ::core::primitive::usize = 64;
        const OUTPUTS: ::core::primitive::usize = 10;
        const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
        const TENSORS: &'static [::nn::__private::Tensor] = &[
            ::nn::__private::Tensor {
                name: "layer1.weight",
                rows: 9,
                columns: 4,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 9,
                torch_shape: &[4, 1, 3, 3],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer1.bias",
                rows: 1,
                columns: 4,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 9,
                torch_shape: &[4],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer3.weight",
                rows: 64,
                columns: 10,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 64,
                torch_shape: &[10, 64],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer3.bias",
                rows: 1,
                columns: 10,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 64,
                torch_shape: &[10],
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
            self.layer3.fill(value);
        }
        #[inline]
        fn scale(&mut self, factor: ::core::primitive::f32) {
            self.layer1.scale(factor);
            self.layer3.scale(factor);
        }
        #[inline]
        fn add_scaled(&mut self, other: &Self, factor: ::core::primitive::f32) {
            self.layer1.add_scaled(&other.layer1, factor);
            self.layer3.add_scaled(&other.layer3, factor);
        }
        fn tensor(&self, index: ::core::primitive::usize) -> &[::core::primitive::f32] {
            match index {
                0 => ::nn::__private::reshape::values(&self.layer1.weights),
                1 => ::nn::__private::reshape::values(&self.layer1.bias),
                2 => ::nn::__private::reshape::values(&self.layer3.weights),
                3 => ::nn::__private::reshape::values(&self.layer3.bias),
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
                2 => ::nn::__private::reshape::values_mut(&mut self.layer3.weights),
                3 => ::nn::__private::reshape::values_mut(&mut self.layer3.bias),
                _ => &mut [],
            }
        }
    }
    impl Cnn {
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
                4,
                3,
                3,
            >(bytes, at, "layer1.weight", "layer1.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer3, at) = match ::nn::__private::bytes::dense_f32::<
                64,
                10,
            >(bytes, at, "layer3.weight", "layer3.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let _ = at;
            ::core::result::Result::Ok(Self { layer1, layer3 })
        }
    }
}
#[allow(unused_imports)]
use __nn_network_Cnn_N::Cnn;
#[allow(unused_imports)]
use __nn_network_Cnn_N::*;
