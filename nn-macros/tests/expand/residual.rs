// network! { struct Res = 4 => relu residual { => relu 4 => identity 4 } => relu residual { => relu 2 } shortcut { => identity 2 } => softmax 3; }

#[doc(hidden)]
#[allow(non_snake_case)]
mod __nn_network_Res_N {
    #[allow(unused_imports)]
    use super::*;
    /**

Declared with `nn::network!` as `4 => relu residual { => relu 4 => identity 4 } => relu residual { => relu 2 } shortcut { => identity 2 } => softmax 3` in `f32`: 69 parameters.*/
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct Res {
        ///Layer 1: `W1` (4 x 4) and `b1`, followed by `relu`.
        pub layer1: ::nn::__private::Dense<::core::primitive::f32, 4, 4>,
        ///Layer 2: `W2` (4 x 4) and `b2`, followed by `identity`.
        pub layer2: ::nn::__private::Dense<::core::primitive::f32, 4, 4>,
        ///Layer 4: `W4` (4 x 2) and `b4`, followed by `relu`.
        pub layer4: ::nn::__private::Dense<::core::primitive::f32, 4, 2>,
        ///Layer 5: `W5` (4 x 2) and `b5`, followed by `identity`.
        pub layer5: ::nn::__private::Dense<::core::primitive::f32, 4, 2>,
        ///Layer 7: `W7` (2 x 3) and `b7`, followed by `softmax`.
        pub layer7: ::nn::__private::Dense<::core::primitive::f32, 2, 3>,
    }
    unsafe impl ::nn::__private::Zeroable for Res
    where
        ::nn::__private::Dense<::core::primitive::f32, 2, 3>: ::nn::__private::Zeroable,
        ::nn::__private::Dense<::core::primitive::f32, 4, 2>: ::nn::__private::Zeroable,
        ::nn::__private::Dense<::core::primitive::f32, 4, 4>: ::nn::__private::Zeroable,
    {}
    impl Res {
        /// The input width.
        pub const INPUTS: ::core::primitive::usize = 4;
        /// The output width.
        pub const OUTPUTS: ::core::primitive::usize = 3;
        /// The number of weights and biases.
        pub const PARAMETERS: ::core::primitive::usize = 69;
        /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
        /// can initialise a `static`.
        #[must_use]
        pub const fn zeros() -> Self {
            Self {
                layer1: ::nn::__private::Dense::zeros(),
                layer2: ::nn::__private::Dense::zeros(),
                layer4: ::nn::__private::Dense::zeros(),
                layer5: ::nn::__private::Dense::zeros(),
                layer7: ::nn::__private::Dense::zeros(),
            }
        }
        /// A network with every weight and bias `1` (numpy's `np.ones`).
        #[must_use]
        pub const fn ones() -> Self {
            Self {
                layer1: ::nn::__private::Dense::ones(),
                layer2: ::nn::__private::Dense::ones(),
                layer4: ::nn::__private::Dense::ones(),
                layer5: ::nn::__private::Dense::ones(),
                layer7: ::nn::__private::Dense::ones(),
            }
        }
        /// The layers, shapes, activations and parameter counts; `Display` prints them as a
        /// table, like Keras' `model.summary()`.
        #[must_use]
        pub const fn summary() -> ::nn::__private::Summary {
            ::nn::__private::Summary {
                name: "Res",
                scalar: "f32",
                inputs: 4,
                input_shape: &[4],
                layers: &[
                    ::nn::__private::LayerSummary {
                        name: "layer1",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 4,
                            outputs: 4,
                        },
                        inputs: 4,
                        outputs: 4,
                        input_shape: &[4],
                        output_shape: &[4],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer2",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 4,
                            outputs: 4,
                        },
                        inputs: 4,
                        outputs: 4,
                        input_shape: &[4],
                        output_shape: &[4],
                        activation: "identity",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer3",
                        kind: "residual: layer2 + input",
                        shape: ::nn::__private::layer::Shape::Add {
                            values: 4,
                        },
                        inputs: 4,
                        outputs: 4,
                        input_shape: &[4],
                        output_shape: &[4],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer4",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 4,
                            outputs: 2,
                        },
                        inputs: 4,
                        outputs: 2,
                        input_shape: &[4],
                        output_shape: &[2],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer5",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 4,
                            outputs: 2,
                        },
                        inputs: 4,
                        outputs: 2,
                        input_shape: &[4],
                        output_shape: &[2],
                        activation: "identity",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer6",
                        kind: "residual: layer4 + layer5",
                        shape: ::nn::__private::layer::Shape::Add {
                            values: 2,
                        },
                        inputs: 2,
                        outputs: 2,
                        input_shape: &[2],
                        output_shape: &[2],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer7",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 2,
                            outputs: 3,
                        },
                        inputs: 2,
                        outputs: 3,
                        input_shape: &[2],
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
            x: &[::core::primitive::f32; 4],
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
        impl Res { #[doc =
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
    impl Res {
        /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
        /// Nothing is allocated and nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::f32; 4],
        ) -> [::core::primitive::f32; 3] {
            let z1 = self
                .layer1
                .forward::<::nn::__private::activation::by_name::relu>(x);
            let z2 = self
                .layer2
                .forward::<::nn::__private::activation::by_name::identity>(&z1);
            let z3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 4];
                    ::nn::__private::residual::add(&z2, x, &mut out);
                    out
                },
            );
            let z4 = self
                .layer4
                .forward::<::nn::__private::activation::by_name::relu>(&z3);
            let z5 = self
                .layer5
                .forward::<::nn::__private::activation::by_name::identity>(&z3);
            let z6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &{
                    let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 2];
                    ::nn::__private::residual::add(&z4, &z5, &mut out);
                    out
                },
            );
            let z7 = self
                .layer7
                .forward::<::nn::__private::activation::by_name::softmax>(&z6);
            z7
        }
    }
    ///The memory in which [`Res::forward_in`] runs the network: one array of 10 values holding every layer's output, those alive at the same time apart, each written over once no layer reads it. Its size is `Res::INFERENCE_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct ResArena {
        values: [::core::primitive::f32; 10],
    }
    unsafe impl ::nn::__private::Zeroable for ResArena {}
    impl ResArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 10] }
        }
    }
    impl ::core::default::Default for ResArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Res {
        /// The bytes of the parameters: what the weights take in flash, or in RAM.
        pub(super) const PARAMETER_BYTES: ::core::primitive::usize = Self::PARAMETERS
            * ::core::mem::size_of::<::core::primitive::f32>();
        /// The bytes of the activations at the peak of inference: the arena of
        /// [`forward_in`](Self::forward_in), known before the program runs.
        pub(super) const INFERENCE_BYTES: ::core::primitive::usize = ResArena::BYTES;
        /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
        /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
        /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward_in(
            &self,
            x: &[::core::primitive::f32; 4],
            arena: &mut ResArena,
        ) -> [::core::primitive::f32; 3] {
            let values = &mut arena.values;
            {
                let (input, out) = (
                    x,
                    ::nn::__private::arena::output::<
                        ::core::primitive::f32,
                        10,
                        4,
                        0,
                    >(values),
                );
                *out = self.layer1.total_input(input);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    10,
                    4,
                    0,
                    4,
                    4,
                >(values);
                *out = self.layer2.total_input(input);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    10,
                    4,
                    4,
                    4,
                    0,
                >(values);
                let shortcut = x;
                ::nn::__private::residual::add(input, shortcut, out);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    10,
                    4,
                    0,
                    2,
                    4,
                >(values);
                *out = self.layer4.total_input(input);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    10,
                    4,
                    0,
                    2,
                    6,
                >(values);
                *out = self.layer5.total_input(input);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, shortcut, out) = ::nn::__private::arena::sum_operands::<
                    ::core::primitive::f32,
                    10,
                    2,
                    4,
                    6,
                    8,
                >(values);
                ::nn::__private::residual::add(input, shortcut, out);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    10,
                    2,
                    8,
                    3,
                    0,
                >(values);
                *out = self.layer7.total_input(input);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            *::nn::__private::arena::value::<::core::primitive::f32, 10, 3, 0>(values)
        }
    }
    ///Every intermediate value of one [`Res::forward`] call, from [`Res::trace`].
    ///
    /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct ResTrace {
        /// The input `x`.
        pub input: [::core::primitive::f32; 4],
        ///Layer 1: total input `u1` and output `z1 = relu(u1)`.
        pub layer1: ::nn::__private::LayerTrace<::core::primitive::f32, 4>,
        ///Layer 2: total input `u2` and output `z2 = identity(u2)`.
        pub layer2: ::nn::__private::LayerTrace<::core::primitive::f32, 4>,
        ///Layer 3: total input `u3` and output `z3 = relu(u3)`.
        pub layer3: ::nn::__private::LayerTrace<::core::primitive::f32, 4>,
        ///Layer 4: total input `u4` and output `z4 = relu(u4)`.
        pub layer4: ::nn::__private::LayerTrace<::core::primitive::f32, 2>,
        ///Layer 5: total input `u5` and output `z5 = identity(u5)`.
        pub layer5: ::nn::__private::LayerTrace<::core::primitive::f32, 2>,
        ///Layer 6: total input `u6` and output `z6 = relu(u6)`.
        pub layer6: ::nn::__private::LayerTrace<::core::primitive::f32, 2>,
        ///Layer 7: total input `u7` and output `z7 = softmax(u7)`.
        pub layer7: ::nn::__private::LayerTrace<::core::primitive::f32, 3>,
        /// The output `y`, what `forward` returns.
        pub output: [::core::primitive::f32; 3],
    }
    #[allow(clippy::large_stack_arrays)]
    impl Res {
        /// Runs the network like `forward` and keeps every intermediate value: each layer's
        /// total input `u` and output `z`.
        #[must_use]
        pub fn trace(&self, x: &[::core::primitive::f32; 4]) -> ResTrace {
            let u1 = self.layer1.total_input(x);
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 4];
                ::nn::__private::residual::add(&z2, x, &mut out);
                out
            };
            let z3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u3,
            );
            let u4 = self.layer4.total_input(&z3);
            let z4 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u4,
            );
            let u5 = self.layer5.total_input(&z3);
            let z5 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u5,
            );
            let u6 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 2];
                ::nn::__private::residual::add(&z4, &z5, &mut out);
                out
            };
            let z6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u6,
            );
            let u7 = self.layer7.total_input(&z6);
            let z7 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u7,
            );
            ResTrace {
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
                layer4: ::nn::__private::LayerTrace {
                    u: u4,
                    z: z4,
                },
                layer5: ::nn::__private::LayerTrace {
                    u: u5,
                    z: z5,
                },
                layer6: ::nn::__private::LayerTrace {
                    u: u6,
                    z: z6,
                },
                layer7: ::nn::__private::LayerTrace {
                    u: u7,
                    z: z7,
                },
                output: z7,
            }
        }
    }
    impl ::core::fmt::Display for ResTrace {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::nn::__private::write_trace_row(f, "x", 17, &self.input)?;
            ::nn::__private::write_trace_row(f, "u1 = x·W1 + b1", 17, &self.layer1.u)?;
            ::nn::__private::write_trace_row(f, "z1 = relu(u1)", 17, &self.layer1.z)?;
            ::nn::__private::write_trace_row(f, "u2 = z1·W2 + b2", 17, &self.layer2.u)?;
            ::nn::__private::write_trace_row(
                f,
                "z2 = identity(u2)",
                17,
                &self.layer2.z,
            )?;
            ::nn::__private::write_trace_row(f, "u3 = z2 + x", 17, &self.layer3.u)?;
            ::nn::__private::write_trace_row(f, "z3 = relu(u3)", 17, &self.layer3.z)?;
            ::nn::__private::write_trace_row(f, "u4 = z3·W4 + b4", 17, &self.layer4.u)?;
            ::nn::__private::write_trace_row(f, "z4 = relu(u4)", 17, &self.layer4.z)?;
            ::nn::__private::write_trace_row(f, "u5 = z3·W5 + b5", 17, &self.layer5.u)?;
            ::nn::__private::write_trace_row(
                f,
                "z5 = identity(u5)",
                17,
                &self.layer5.z,
            )?;
            ::nn::__private::write_trace_row(f, "u6 = z4 + z5", 17, &self.layer6.u)?;
            ::nn::__private::write_trace_row(f, "z6 = relu(u6)", 17, &self.layer6.z)?;
            ::nn::__private::write_trace_row(f, "u7 = z6·W7 + b7", 17, &self.layer7.u)?;
            ::nn::__private::write_trace_row(f, "z7 = softmax(u7)", 17, &self.layer7.z)?;
            ::nn::__private::write_trace_row(f, "y = z7", 17, &self.output)?;
            ::core::result::Result::Ok(())
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Res {
        /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
        /// gradient of that loss with respect to every weight and bias into `grad`.
        ///
        /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
        /// and the target must have the output width; a network with `step` cannot be
        /// trained. All three are compile errors. Nothing is allocated and nothing panics.
        pub fn backward<L, D>(
            &self,
            x: &[::core::primitive::f32; 4],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
            let u1 = self.layer1.total_input(x);
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 4];
                ::nn::__private::residual::add(&z2, x, &mut out);
                out
            };
            let z3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u3,
            );
            let u4 = self.layer4.total_input(&z3);
            let z4 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u4,
            );
            let u5 = self.layer5.total_input(&z3);
            let z5 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u5,
            );
            let u6 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 2];
                ::nn::__private::residual::add(&z4, &z5, &mut out);
                out
            };
            let z6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u6,
            );
            let u7 = self.layer7.total_input(&z6);
            let z7 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u7,
            );
            let y = z7;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz7 = dy;
            let du7 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                &u7,
                &z7,
                &dz7,
            );
            let dz6 = self.layer7.input_gradient(&du7);
            grad.layer7.add_gradient(&z6, &du7);
            let du6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u6,
                &z6,
                &dz6,
            );
            let dz4 = du6;
            let dz5 = du6;
            let du5 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                &u5,
                &z5,
                &dz5,
            );
            let mut dz3 = self.layer5.input_gradient(&du5);
            grad.layer5.add_gradient(&z3, &du5);
            let du4 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u4,
                &z4,
                &dz4,
            );
            ::nn::__private::residual::add_into(
                &mut dz3,
                &self.layer4.input_gradient(&du4),
            );
            grad.layer4.add_gradient(&z3, &du4);
            let du3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u3,
                &z3,
                &dz3,
            );
            let dz2 = du3;
            let du2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
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
            grad.layer1.add_gradient(x, &du1);
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
            x: &[::core::primitive::f32; 4],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
            let u1 = self.layer1.total_input(x);
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 4];
                ::nn::__private::residual::add(&z2, x, &mut out);
                out
            };
            let z3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u3,
            );
            let u4 = self.layer4.total_input(&z3);
            let z4 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u4,
            );
            let u5 = self.layer5.total_input(&z3);
            let z5 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u5,
            );
            let u6 = {
                let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 2];
                ::nn::__private::residual::add(&z4, &z5, &mut out);
                out
            };
            let z6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u6,
            );
            let u7 = self.layer7.total_input(&z6);
            let z7 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u7,
            );
            let y = z7;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz7 = dy;
            let du7 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                &u7,
                &z7,
                &dz7,
            );
            let dz6 = self.layer7.input_gradient(&du7);
            self.layer7.add_scaled_gradient(&z6, &du7, rate);
            let du6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u6,
                &z6,
                &dz6,
            );
            let dz4 = du6;
            let dz5 = du6;
            let du5 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
                &u5,
                &z5,
                &dz5,
            );
            let mut dz3 = self.layer5.input_gradient(&du5);
            self.layer5.add_scaled_gradient(&z3, &du5, rate);
            let du4 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u4,
                &z4,
                &dz4,
            );
            ::nn::__private::residual::add_into(
                &mut dz3,
                &self.layer4.input_gradient(&du4),
            );
            self.layer4.add_scaled_gradient(&z3, &du4, rate);
            let du3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                &u3,
                &z3,
                &dz3,
            );
            let dz2 = du3;
            let du2 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
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
            self.layer1.add_scaled_gradient(x, &du1, rate);
            value
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl ::nn::__private::Trainable for Res
    where
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
    {
        type OutputActivation = ::nn::__private::activation::by_name::softmax;
        fn backward<L, D>(
            &self,
            input: &[::core::primitive::f32; 4],
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
            input: &[::core::primitive::f32; 4],
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
    ///The memory in which [`Res::backward_in`] and [`Res::descend_in`] train on one sample: one array of 50 values holding every layer's values and gradients, those alive at the same time apart. Its size is `Res::TRAINING_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct ResTrainingArena {
        values: [::core::primitive::f32; 50],
    }
    unsafe impl ::nn::__private::Zeroable for ResTrainingArena {}
    impl ResTrainingArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 50] }
        }
    }
    impl ::core::default::Default for ResTrainingArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Res {
        /// The bytes of the values that training on one sample keeps: the arena of
        /// [`backward_in`](Self::backward_in), known before the program runs.
        pub(super) const TRAINING_BYTES: ::core::primitive::usize = ResTrainingArena::BYTES;
        /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
        /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
        /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
        pub(super) fn backward_in<L, D>(
            &self,
            x: &[::core::primitive::f32; 4],
            target: &D,
            loss: L,
            grad: &mut Self,
            arena: &mut ResTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
                    50,
                    4,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    4,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 4],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    4,
                >(values);
                *out = *rest.read::<4, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    12,
                >(values);
                let input = rest.read::<4, 4>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    4,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 4],
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
                    50,
                    4,
                    16,
                >(values);
                *out = *rest.read::<4, 12>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    8,
                >(values);
                let input = rest.read::<4, 16>();
                let shortcut = x;
                ::nn::__private::residual::add(input, shortcut, out);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    24,
                >(values);
                *out = *rest.read::<4, 8>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    34,
                >(values);
                let input = rest.read::<4, 24>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::total_input(
                    &self.layer4,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    36,
                >(values);
                *out = *rest.read::<2, 34>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    38,
                >(values);
                let input = rest.read::<4, 24>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::total_input(
                    &self.layer5,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    40,
                >(values);
                *out = *rest.read::<2, 38>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    44,
                >(values);
                let input = rest.read::<2, 36>();
                let shortcut = rest.read::<2, 40>();
                ::nn::__private::residual::add(input, shortcut, out);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    46,
                >(values);
                *out = *rest.read::<2, 44>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    20,
                >(values);
                let input = rest.read::<2, 46>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 3],
                >>::total_input(
                    &self.layer7,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    28,
                >(values);
                *out = *rest.read::<3, 20>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                50,
                3,
                28,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    31,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    31,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 20>(),
                    rest.read::<3, 28>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    48,
                >(values);
                let (input, du) = (rest.read::<2, 46>(), rest.read::<3, 31>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 3],
                >>::input_gradient(
                    &self.layer7,
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
                        50,
                        2,
                        46,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        3,
                        31,
                    >(values),
                );
                grad.layer7.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    48,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 44>(),
                    rest.read::<2, 46>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    32,
                >(values);
                *out = *rest.read::<2, 48>();
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    42,
                >(values);
                *out = *rest.read::<2, 48>();
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    42,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 38>(),
                    rest.read::<2, 40>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    28,
                >(values);
                let (input, du) = (rest.read::<4, 24>(), rest.read::<2, 42>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::input_gradient(
                    &self.layer5,
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
                        50,
                        4,
                        24,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        2,
                        42,
                    >(values),
                );
                grad.layer5.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    32,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 34>(),
                    rest.read::<2, 36>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    20,
                >(values);
                let (input, du) = (rest.read::<4, 24>(), rest.read::<2, 32>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::input_gradient(
                    &self.layer4,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    28,
                >(values);
                ::nn::__private::residual::add_into(out, rest.read::<4, 20>());
            }
            {
                let (input, du) = (
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        4,
                        24,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        2,
                        32,
                    >(values),
                );
                grad.layer4.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    28,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<4, 8>(),
                    rest.read::<4, 24>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    20,
                >(values);
                *out = *rest.read::<4, 28>();
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    20,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<4, 12>(),
                    rest.read::<4, 16>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    8,
                >(values);
                let (input, du) = (rest.read::<4, 4>(), rest.read::<4, 20>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    4,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 4],
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
                        50,
                        4,
                        4,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        4,
                        20,
                    >(values),
                );
                grad.layer2.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    8,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<4, 0>(),
                    rest.read::<4, 4>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        4,
                        8,
                    >(values),
                );
                grad.layer1.add_gradient(input, du);
            }
            value
        }
        /// [`descend`](Self::descend) in `arena`, as [`backward_in`](Self::backward_in) is
        /// `backward`: the same step, bit for bit. If the loss is NaN or infinite, nothing
        /// moves.
        pub(super) fn descend_in<L, D>(
            &mut self,
            x: &[::core::primitive::f32; 4],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
            arena: &mut ResTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
                    50,
                    4,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    4,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 4],
                >>::total_input(
                    &self.layer1,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    4,
                >(values);
                *out = *rest.read::<4, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    12,
                >(values);
                let input = rest.read::<4, 4>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    4,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 4],
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
                    50,
                    4,
                    16,
                >(values);
                *out = *rest.read::<4, 12>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    8,
                >(values);
                let input = rest.read::<4, 16>();
                let shortcut = x;
                ::nn::__private::residual::add(input, shortcut, out);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    24,
                >(values);
                *out = *rest.read::<4, 8>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    34,
                >(values);
                let input = rest.read::<4, 24>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::total_input(
                    &self.layer4,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    36,
                >(values);
                *out = *rest.read::<2, 34>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    38,
                >(values);
                let input = rest.read::<4, 24>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::total_input(
                    &self.layer5,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    40,
                >(values);
                *out = *rest.read::<2, 38>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    44,
                >(values);
                let input = rest.read::<2, 36>();
                let shortcut = rest.read::<2, 40>();
                ::nn::__private::residual::add(input, shortcut, out);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    46,
                >(values);
                *out = *rest.read::<2, 44>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    20,
                >(values);
                let input = rest.read::<2, 46>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 3],
                >>::total_input(
                    &self.layer7,
                    ::nn::__private::reshape::reshape(input),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    28,
                >(values);
                *out = *rest.read::<3, 20>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                50,
                3,
                28,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    31,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    3,
                    31,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 20>(),
                    rest.read::<3, 28>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    48,
                >(values);
                let (input, du) = (rest.read::<2, 46>(), rest.read::<3, 31>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 3],
                >>::input_gradient(
                    &self.layer7,
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
                        50,
                        2,
                        46,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        3,
                        31,
                    >(values),
                );
                self.layer7.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    48,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 44>(),
                    rest.read::<2, 46>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    32,
                >(values);
                *out = *rest.read::<2, 48>();
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    42,
                >(values);
                *out = *rest.read::<2, 48>();
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    42,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 38>(),
                    rest.read::<2, 40>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    28,
                >(values);
                let (input, du) = (rest.read::<4, 24>(), rest.read::<2, 42>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::input_gradient(
                    &self.layer5,
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
                        50,
                        4,
                        24,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        2,
                        42,
                    >(values),
                );
                self.layer5.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    2,
                    32,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 34>(),
                    rest.read::<2, 36>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    20,
                >(values);
                let (input, du) = (rest.read::<4, 24>(), rest.read::<2, 32>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 2],
                >>::input_gradient(
                    &self.layer4,
                    ::nn::__private::reshape::reshape(input),
                    ::nn::__private::reshape::reshape(du),
                    (),
                    ::nn::__private::reshape::reshape_mut(out),
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    28,
                >(values);
                ::nn::__private::residual::add_into(out, rest.read::<4, 20>());
            }
            {
                let (input, du) = (
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        4,
                        24,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        2,
                        32,
                    >(values),
                );
                self.layer4.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    28,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<4, 8>(),
                    rest.read::<4, 24>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    20,
                >(values);
                *out = *rest.read::<4, 28>();
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    20,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<4, 12>(),
                    rest.read::<4, 16>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    8,
                >(values);
                let (input, du) = (rest.read::<4, 4>(), rest.read::<4, 20>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    4,
                    4,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 4],
                    [::core::primitive::f32; 4],
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
                        50,
                        4,
                        4,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        4,
                        20,
                    >(values),
                );
                self.layer2.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    50,
                    4,
                    8,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<4, 0>(),
                    rest.read::<4, 4>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        50,
                        4,
                        8,
                    >(values),
                );
                self.layer1.add_scaled_gradient(input, du, rate);
            }
            value
        }
    }
    ///[`Res`] in int8, by TensorFlow Lite's quantisation spec: made by [`Res::quantize`], it computes with integers alone ([`forward`](Self::forward)). int8 layers fuse `relu` into the clamp of their output; a final `softmax` or `sigmoid` is left out, so that the output is the scores before it (their `argmax` is the class).
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct ResQuantized {
        /// How the input's reals map to int8.
        pub(super) input: ::nn::__private::Quantization,
        ///Layer 1 in int8.
        pub(super) layer1: ::nn::__private::QuantizedDense<4, 4>,
        ///Layer 2 in int8.
        pub(super) layer2: ::nn::__private::QuantizedDense<4, 4>,
        ///Layer 3 in int8.
        pub(super) layer3: ::nn::__private::QuantizedAdd,
        ///Layer 4 in int8.
        pub(super) layer4: ::nn::__private::QuantizedDense<4, 2>,
        ///Layer 5 in int8.
        pub(super) layer5: ::nn::__private::QuantizedDense<4, 2>,
        ///Layer 6 in int8.
        pub(super) layer6: ::nn::__private::QuantizedAdd,
        ///Layer 7 in int8.
        pub(super) layer7: ::nn::__private::QuantizedDense<2, 3>,
        /// How the output's int8 values map to reals.
        pub(super) output: ::nn::__private::Quantization,
    }
    #[allow(clippy::large_stack_arrays)]
    impl ResQuantized {
        /// The int8 output for the int8 input `x`: integers only. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward(
            &self,
            x: &[::core::primitive::i8; 4],
        ) -> [::core::primitive::i8; 3] {
            let z1 = self.layer1.forward(x);
            let z2 = self.layer2.forward(&z1);
            let z3 = self.layer3.forward(&z2, x);
            let z4 = self.layer4.forward(&z3);
            let z5 = self.layer5.forward(&z3);
            let z6 = self.layer6.forward(&z4, &z5);
            let z7 = self.layer7.forward(&z6);
            z7
        }
        /// `x` in int8, as the input's quantisation maps it: what [`forward`](Self::forward)
        /// takes.
        #[must_use]
        pub(super) fn quantize_input(
            &self,
            x: &[::core::primitive::f32; 4],
        ) -> [::core::primitive::i8; 4] {
            x.map(|value| self.input.quantize(value))
        }
        /// The layers as the file's header names them.
        const LAYERS: [::nn::__private::quantized_bytes::LayerShape; 7] = [
            ("layer1", 4, 4),
            ("layer2", 4, 4),
            ("layer3", 4, 4),
            ("layer4", 4, 2),
            ("layer5", 4, 2),
            ("layer6", 2, 2),
            ("layer7", 2, 3),
        ];
        /// The bytes of the network in `nn`'s int8 format (`nn::quantized_bytes`).
        pub(super) const ENCODED_LEN: ::core::primitive::usize = ::nn::__private::quantized_bytes::header_len(
            7,
        ) + 2 * ::nn::__private::quantized_bytes::QUANTIZATION_BYTES
            + ::nn::__private::QuantizedDense::<4, 4>::BYTES
            + ::nn::__private::QuantizedDense::<4, 4>::BYTES
            + ::nn::__private::QuantizedAdd::BYTES
            + ::nn::__private::QuantizedDense::<4, 2>::BYTES
            + ::nn::__private::QuantizedDense::<4, 2>::BYTES
            + ::nn::__private::QuantizedAdd::BYTES
            + ::nn::__private::QuantizedDense::<2, 3>::BYTES;
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
            at += self.layer3.write(&mut out[at..]);
            at += self.layer4.write(&mut out[at..]);
            at += self.layer5.write(&mut out[at..]);
            at += self.layer6.write(&mut out[at..]);
            at += self.layer7.write(&mut out[at..]);
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
            let layer1 = ::nn::__private::QuantizedDense::<4, 4>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<4, 4>::BYTES;
            let layer2 = ::nn::__private::QuantizedDense::<4, 4>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<4, 4>::BYTES;
            let layer3 = ::nn::__private::QuantizedAdd::read(bytes, at);
            let at = at + ::nn::__private::QuantizedAdd::BYTES;
            let layer4 = ::nn::__private::QuantizedDense::<4, 2>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<4, 2>::BYTES;
            let layer5 = ::nn::__private::QuantizedDense::<4, 2>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<4, 2>::BYTES;
            let layer6 = ::nn::__private::QuantizedAdd::read(bytes, at);
            let at = at + ::nn::__private::QuantizedAdd::BYTES;
            let layer7 = ::nn::__private::QuantizedDense::<2, 3>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<2, 3>::BYTES;
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
                layer3,
                layer4,
                layer5,
                layer6,
                layer7,
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
    impl Res {
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
            calibration: &[[::core::primitive::f32; 4]],
        ) -> ::core::result::Result<ResQuantized, ::nn::__private::CalibrationError> {
            if calibration.is_empty() {
                return ::core::result::Result::Err(
                    ::nn::__private::CalibrationError::Empty,
                );
            }
            let mut ranges = [::nn::__private::Range::EMPTY; 8];
            for x in calibration {
                ranges[0].widen(x, 0)?;
                let z1 = self
                    .layer1
                    .forward::<::nn::__private::activation::by_name::relu>(x);
                ranges[1usize].widen(&z1, 1usize)?;
                let z2 = self
                    .layer2
                    .forward::<::nn::__private::activation::by_name::identity>(&z1);
                ranges[2usize].widen(&z2, 2usize)?;
                let z3 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                    &{
                        let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 4];
                        ::nn::__private::residual::add(&z2, x, &mut out);
                        out
                    },
                );
                ranges[3usize].widen(&z3, 3usize)?;
                let z4 = self
                    .layer4
                    .forward::<::nn::__private::activation::by_name::relu>(&z3);
                ranges[4usize].widen(&z4, 4usize)?;
                let z5 = self
                    .layer5
                    .forward::<::nn::__private::activation::by_name::identity>(&z3);
                ranges[5usize].widen(&z5, 5usize)?;
                let z6 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                    &{
                        let mut out = [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 2];
                        ::nn::__private::residual::add(&z4, &z5, &mut out);
                        out
                    },
                );
                ranges[6usize].widen(&z6, 6usize)?;
                let z7 = self.layer7.total_input(&z6);
                ranges[7usize].widen(&z7, 7usize)?;
            }
            let quantizations = ranges.map(::nn::__private::Range::quantization);
            ::core::result::Result::Ok(ResQuantized {
                input: quantizations[0],
                layer1: ::nn::__private::QuantizedDense::<
                    4,
                    4,
                >::quantize(
                    &self.layer1,
                    quantizations[0usize],
                    quantizations[1usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer2: ::nn::__private::QuantizedDense::<
                    4,
                    4,
                >::quantize(
                    &self.layer2,
                    quantizations[1usize],
                    quantizations[2usize],
                    ::nn::__private::Clamp::Whole,
                ),
                layer3: ::nn::__private::QuantizedAdd::new(
                    [quantizations[2usize], quantizations[0usize]],
                    quantizations[3usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer4: ::nn::__private::QuantizedDense::<
                    4,
                    2,
                >::quantize(
                    &self.layer4,
                    quantizations[3usize],
                    quantizations[4usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer5: ::nn::__private::QuantizedDense::<
                    4,
                    2,
                >::quantize(
                    &self.layer5,
                    quantizations[3usize],
                    quantizations[5usize],
                    ::nn::__private::Clamp::Whole,
                ),
                layer6: ::nn::__private::QuantizedAdd::new(
                    [quantizations[4usize], quantizations[5usize]],
                    quantizations[6usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer7: ::nn::__private::QuantizedDense::<
                    2,
                    3,
                >::quantize(
                    &self.layer7,
                    quantizations[6usize],
                    quantizations[7usize],
                    ::nn::__private::Clamp::Whole,
                ),
                output: quantizations[7],
            })
        }
    }
    impl ::nn::__private::Network for Res {
        type Scalar = ::core::primitive::f32;
        type Input = [::core::primitive::f32; 4];
        type Output = [::core::primitive::f32; 3];
        const INPUTS: ::core::primitive::usize = 4;
        const OUTPUTS: ::core::primitive::usize = 3;
        const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
        const TENSORS: &'static [::nn::__private::Tensor] = &[
            ::nn::__private::Tensor {
                name: "layer1.weight",
                rows: 4,
                columns: 4,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 4,
                torch_shape: &[4, 4],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer1.bias",
                rows: 1,
                columns: 4,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 4,
                torch_shape: &[4],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.weight",
                rows: 4,
                columns: 4,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 4,
                torch_shape: &[4, 4],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer2.bias",
                rows: 1,
                columns: 4,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 4,
                torch_shape: &[4],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer4.weight",
                rows: 4,
                columns: 2,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 4,
                torch_shape: &[2, 4],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer4.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 4,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer5.weight",
                rows: 4,
                columns: 2,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 4,
                torch_shape: &[2, 4],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer5.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 4,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer7.weight",
                rows: 2,
                columns: 3,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 2,
                torch_shape: &[3, 2],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer7.bias",
                rows: 1,
                columns: 3,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 2,
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
            self.layer4.fill(value);
            self.layer5.fill(value);
            self.layer7.fill(value);
        }
        #[inline]
        fn scale(&mut self, factor: ::core::primitive::f32) {
            self.layer1.scale(factor);
            self.layer2.scale(factor);
            self.layer4.scale(factor);
            self.layer5.scale(factor);
            self.layer7.scale(factor);
        }
        #[inline]
        fn add_scaled(&mut self, other: &Self, factor: ::core::primitive::f32) {
            self.layer1.add_scaled(&other.layer1, factor);
            self.layer2.add_scaled(&other.layer2, factor);
            self.layer4.add_scaled(&other.layer4, factor);
            self.layer5.add_scaled(&other.layer5, factor);
            self.layer7.add_scaled(&other.layer7, factor);
        }
        fn tensor(&self, index: ::core::primitive::usize) -> &[::core::primitive::f32] {
            match index {
                0 => ::nn::__private::reshape::values(&self.layer1.weights),
                1 => ::nn::__private::reshape::values(&self.layer1.bias),
                2 => ::nn::__private::reshape::values(&self.layer2.weights),
                3 => ::nn::__private::reshape::values(&self.layer2.bias),
                4 => ::nn::__private::reshape::values(&self.layer4.weights),
                5 => ::nn::__private::reshape::values(&self.layer4.bias),
                6 => ::nn::__private::reshape::values(&self.layer5.weights),
                7 => ::nn::__private::reshape::values(&self.layer5.bias),
                8 => ::nn::__private::reshape::values(&self.layer7.weights),
                9 => ::nn::__private::reshape::values(&self.layer7.bias),
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
                4 => ::nn::__private::reshape::values_mut(&mut self.layer4.weights),
                5 => ::nn::__private::reshape::values_mut(&mut self.layer4.bias),
                6 => ::nn::__private::reshape::values_mut(&mut self.layer5.weights),
                7 => ::nn::__private::reshape::values_mut(&mut self.layer5.bias),
                8 => ::nn::__private::reshape::values_mut(&mut self.layer7.weights),
                9 => ::nn::__private::reshape::values_mut(&mut self.layer7.bias),
                _ => &mut [],
            }
        }
    }
    impl Res {
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
            let (layer1, at) = match ::nn::__private::bytes::dense_f32::<
                4,
                4,
            >(bytes, at, "layer1.weight", "layer1.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer2, at) = match ::nn::__private::bytes::dense_f32::<
                4,
                4,
            >(bytes, at, "layer2.weight", "layer2.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer4, at) = match ::nn::__private::bytes::dense_f32::<
                4,
                2,
            >(bytes, at, "layer4.weight", "layer4.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer5, at) = match ::nn::__private::bytes::dense_f32::<
                4,
                2,
            >(bytes, at, "layer5.weight", "layer5.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer7, at) = match ::nn::__private::bytes::dense_f32::<
                2,
                3,
            >(bytes, at, "layer7.weight", "layer7.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let _ = at;
            ::core::result::Result::Ok(Self {
                layer1,
                layer2,
                layer4,
                layer5,
                layer7,
            })
        }
    }
}
#[allow(unused_imports)]
use __nn_network_Res_N::Res;
#[allow(unused_imports)]
use __nn_network_Res_N::*;
