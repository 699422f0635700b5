// network! { pub struct Mlp = 2 => relu 3 => relu 2 => identity 2; }

#[doc(hidden)]
#[allow(non_snake_case)]
mod __nn_network_Mlp_N {
    #[allow(unused_imports)]
    use super::*;
    /**

Declared with `nn::network!` as `2 => relu 3 => relu 2 => identity 2` in `f32`: 23 parameters.*/
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub struct Mlp {
        ///Layer 1: `W1` (2 x 3) and `b1`, followed by `relu`.
        pub layer1: ::nn::__private::Dense<::core::primitive::f32, 2, 3>,
        ///Layer 2: `W2` (3 x 2) and `b2`, followed by `relu`.
        pub layer2: ::nn::__private::Dense<::core::primitive::f32, 3, 2>,
        ///Layer 3: `W3` (2 x 2) and `b3`, followed by `identity`.
        pub layer3: ::nn::__private::Dense<::core::primitive::f32, 2, 2>,
    }
    unsafe impl ::nn::__private::Zeroable for Mlp
    where
        ::nn::__private::Dense<::core::primitive::f32, 2, 2>: ::nn::__private::Zeroable,
        ::nn::__private::Dense<::core::primitive::f32, 2, 3>: ::nn::__private::Zeroable,
        ::nn::__private::Dense<::core::primitive::f32, 3, 2>: ::nn::__private::Zeroable,
    {}
    impl Mlp {
        /// The input width.
        pub const INPUTS: ::core::primitive::usize = 2;
        /// The output width.
        pub const OUTPUTS: ::core::primitive::usize = 2;
        /// The number of weights and biases.
        pub const PARAMETERS: ::core::primitive::usize = 23;
        /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
        /// can initialise a `static`.
        #[must_use]
        pub const fn zeros() -> Self {
            Self {
                layer1: ::nn::__private::Dense::zeros(),
                layer2: ::nn::__private::Dense::zeros(),
                layer3: ::nn::__private::Dense::zeros(),
            }
        }
        /// A network with every weight and bias `1` (numpy's `np.ones`).
        #[must_use]
        pub const fn ones() -> Self {
            Self {
                layer1: ::nn::__private::Dense::ones(),
                layer2: ::nn::__private::Dense::ones(),
                layer3: ::nn::__private::Dense::ones(),
            }
        }
        /// The layers, shapes, activations and parameter counts; `Display` prints them as a
        /// table, like Keras' `model.summary()`.
        #[must_use]
        pub const fn summary() -> ::nn::__private::Summary {
            ::nn::__private::Summary {
                name: "Mlp",
                scalar: "f32",
                inputs: 2,
                input_shape: &[2],
                layers: &[
                    ::nn::__private::LayerSummary {
                        name: "layer1",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 2,
                            outputs: 3,
                        },
                        inputs: 2,
                        outputs: 3,
                        input_shape: &[2],
                        output_shape: &[3],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer2",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 3,
                            outputs: 2,
                        },
                        inputs: 3,
                        outputs: 2,
                        input_shape: &[3],
                        output_shape: &[2],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer3",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 2,
                            outputs: 2,
                        },
                        inputs: 2,
                        outputs: 2,
                        input_shape: &[2],
                        output_shape: &[2],
                        activation: "identity",
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
            x: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                ::core::primitive::f32,
                [::core::primitive::f32; 2],
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
        impl Mlp { #[doc =
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
    impl Mlp {
        /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
        /// Nothing is allocated and nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::f32; 2],
        ) -> [::core::primitive::f32; 2] {
            let z1 = self
                .layer1
                .forward::<::nn::__private::activation::by_name::relu>(x);
            let z2 = self
                .layer2
                .forward::<::nn::__private::activation::by_name::relu>(&z1);
            let z3 = self
                .layer3
                .forward::<::nn::__private::activation::by_name::identity>(&z2);
            z3
        }
    }
    ///The memory in which [`Mlp::forward_in`] runs the network: one array of 5 values holding every layer's output, those alive at the same time apart, each written over once no layer reads it. Its size is `Mlp::INFERENCE_BYTES`; `new` is `const`, for a `static` on firmware.
    pub struct MlpArena {
        values: [::core::primitive::f32; 5],
    }
    unsafe impl ::nn::__private::Zeroable for MlpArena {}
    impl MlpArena {
        /// Its size in bytes.
        pub const BYTES: ::core::primitive::usize = ::core::mem::size_of::<Self>();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub const fn new() -> Self {
            Self { values: [0.0; 5] }
        }
    }
    impl ::core::default::Default for MlpArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Mlp {
        /// The bytes of the parameters: what the weights take in flash, or in RAM.
        pub const PARAMETER_BYTES: ::core::primitive::usize = Self::PARAMETERS
            * ::core::mem::size_of::<::core::primitive::f32>();
        /// The bytes of the activations at the peak of inference: the arena of
        /// [`forward_in`](Self::forward_in), known before the program runs.
        pub const INFERENCE_BYTES: ::core::primitive::usize = MlpArena::BYTES;
        /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
        /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
        /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub fn forward_in(
            &self,
            x: &[::core::primitive::f32; 2],
            arena: &mut MlpArena,
        ) -> [::core::primitive::f32; 2] {
            let values = &mut arena.values;
            {
                let (input, out) = (
                    x,
                    ::nn::__private::arena::output::<
                        ::core::primitive::f32,
                        5,
                        3,
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
                    5,
                    3,
                    0,
                    2,
                    3,
                >(values);
                *out = self.layer2.total_input(input);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (input, out) = ::nn::__private::arena::input_output::<
                    ::core::primitive::f32,
                    5,
                    2,
                    3,
                    2,
                    0,
                >(values);
                *out = self.layer3.total_input(input);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            *::nn::__private::arena::value::<::core::primitive::f32, 5, 2, 0>(values)
        }
    }
    ///Every intermediate value of one [`Mlp::forward`] call, from [`Mlp::trace`].
    ///
    /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub struct MlpTrace {
        /// The input `x`.
        pub input: [::core::primitive::f32; 2],
        ///Layer 1: total input `u1` and output `z1 = relu(u1)`.
        pub layer1: ::nn::__private::LayerTrace<::core::primitive::f32, 3>,
        ///Layer 2: total input `u2` and output `z2 = relu(u2)`.
        pub layer2: ::nn::__private::LayerTrace<::core::primitive::f32, 2>,
        ///Layer 3: total input `u3` and output `z3 = identity(u3)`.
        pub layer3: ::nn::__private::LayerTrace<::core::primitive::f32, 2>,
        /// The output `y`, what `forward` returns.
        pub output: [::core::primitive::f32; 2],
    }
    #[allow(clippy::large_stack_arrays)]
    impl Mlp {
        /// Runs the network like `forward` and keeps every intermediate value: each layer's
        /// total input `u` and output `z`.
        #[must_use]
        pub fn trace(&self, x: &[::core::primitive::f32; 2]) -> MlpTrace {
            let u1 = self.layer1.total_input(x);
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u3,
            );
            MlpTrace {
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
    impl ::core::fmt::Display for MlpTrace {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::nn::__private::write_trace_row(f, "x", 17, &self.input)?;
            ::nn::__private::write_trace_row(f, "u1 = x·W1 + b1", 17, &self.layer1.u)?;
            ::nn::__private::write_trace_row(f, "z1 = relu(u1)", 17, &self.layer1.z)?;
            ::nn::__private::write_trace_row(f, "u2 = z1·W2 + b2", 17, &self.layer2.u)?;
            ::nn::__private::write_trace_row(f, "z2 = relu(u2)", 17, &self.layer2.z)?;
            ::nn::__private::write_trace_row(f, "u3 = z2·W3 + b3", 17, &self.layer3.u)?;
            ::nn::__private::write_trace_row(
                f,
                "z3 = identity(u3)",
                17,
                &self.layer3.z,
            )?;
            ::nn::__private::write_trace_row(f, "y = z3", 17, &self.output)?;
            ::core::result::Result::Ok(())
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Mlp {
        /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
        /// gradient of that loss with respect to every weight and bias into `grad`.
        ///
        /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
        /// and the target must have the output width; a network with `step` cannot be
        /// trained. All three are compile errors. Nothing is allocated and nothing panics.
        pub fn backward<L, D>(
            &self,
            x: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::identity,
                >,
        {
            let u1 = self.layer1.total_input(x);
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u3,
            );
            let y = z3;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz3 = dy;
            let du3 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
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
            x: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::identity,
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
            let z2 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u2,
            );
            let u3 = self.layer3.total_input(&z2);
            let z3 = <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate(
                &u3,
            );
            let y = z3;
            let value = ::nn::__private::Loss::loss(&loss, &y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
            let dz3 = dy;
            let du3 = <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward(
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
    impl ::nn::__private::Trainable for Mlp
    where
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
    {
        type OutputActivation = ::nn::__private::activation::by_name::identity;
        fn backward<L, D>(
            &self,
            input: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::identity,
                >,
        {
            Self::backward(self, input, target, loss, grad)
        }
        fn descend<L, D>(
            &mut self,
            input: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::identity,
                >,
        {
            Self::descend(self, input, target, loss, learning_rate)
        }
        type Workspace = ();
    }
    ///The memory in which [`Mlp::backward_in`] and [`Mlp::descend_in`] train on one sample: one array of 19 values holding every layer's values and gradients, those alive at the same time apart. Its size is `Mlp::TRAINING_BYTES`; `new` is `const`, for a `static` on firmware.
    pub struct MlpTrainingArena {
        values: [::core::primitive::f32; 19],
    }
    unsafe impl ::nn::__private::Zeroable for MlpTrainingArena {}
    impl MlpTrainingArena {
        /// Its size in bytes.
        pub const BYTES: ::core::primitive::usize = ::core::mem::size_of::<Self>();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub const fn new() -> Self {
            Self { values: [0.0; 19] }
        }
    }
    impl ::core::default::Default for MlpTrainingArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Mlp {
        /// The bytes of the values that training on one sample keeps: the arena of
        /// [`backward_in`](Self::backward_in), known before the program runs.
        pub const TRAINING_BYTES: ::core::primitive::usize = MlpTrainingArena::BYTES;
        /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
        /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
        /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
        pub fn backward_in<L, D>(
            &self,
            x: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
            grad: &mut Self,
            arena: &mut MlpTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::identity,
                >,
        {
            let values = &mut arena.values;
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    3,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 3],
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
                    19,
                    3,
                    3,
                >(values);
                *out = *rest.read::<3, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    9,
                >(values);
                let input = rest.read::<3, 3>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    3,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    [::core::primitive::f32; 2],
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
                    19,
                    2,
                    11,
                >(values);
                *out = *rest.read::<2, 9>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    6,
                >(values);
                let input = rest.read::<2, 11>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 2],
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
                    19,
                    2,
                    15,
                >(values);
                *out = *rest.read::<2, 6>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                19,
                2,
                15,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    17,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    17,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 6>(),
                    rest.read::<2, 15>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    13,
                >(values);
                let (input, du) = (rest.read::<2, 11>(), rest.read::<2, 17>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 2],
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
                        19,
                        2,
                        11,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        19,
                        2,
                        17,
                    >(values),
                );
                grad.layer3.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    13,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 9>(),
                    rest.read::<2, 11>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    3,
                    6,
                >(values);
                let (input, du) = (rest.read::<3, 3>(), rest.read::<2, 13>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    3,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    [::core::primitive::f32; 2],
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
                        19,
                        3,
                        3,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        19,
                        2,
                        13,
                    >(values),
                );
                grad.layer2.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    3,
                    6,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 0>(),
                    rest.read::<3, 3>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        19,
                        3,
                        6,
                    >(values),
                );
                grad.layer1.add_gradient(input, du);
            }
            value
        }
        /// [`descend`](Self::descend) in `arena`, as [`backward_in`](Self::backward_in) is
        /// `backward`: the same step, bit for bit. If the loss is NaN or infinite, nothing
        /// moves.
        pub fn descend_in<L, D>(
            &mut self,
            x: &[::core::primitive::f32; 2],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
            arena: &mut MlpTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::identity: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::identity,
                >,
        {
            let rate = -<::core::primitive::f32 as ::nn::__private::Scalar>::from_f64(
                learning_rate,
            );
            let values = &mut arena.values;
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    3,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    3,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 3],
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
                    19,
                    3,
                    3,
                >(values);
                *out = *rest.read::<3, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    9,
                >(values);
                let input = rest.read::<3, 3>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    3,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    [::core::primitive::f32; 2],
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
                    19,
                    2,
                    11,
                >(values);
                *out = *rest.read::<2, 9>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    6,
                >(values);
                let input = rest.read::<2, 11>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 2],
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
                    19,
                    2,
                    15,
                >(values);
                *out = *rest.read::<2, 6>();
                <::nn::__private::activation::by_name::identity as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                19,
                2,
                15,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    17,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    17,
                >(values);
                <::nn::__private::activation::by_name::identity as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 6>(),
                    rest.read::<2, 15>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    13,
                >(values);
                let (input, du) = (rest.read::<2, 11>(), rest.read::<2, 17>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    2,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 2],
                    [::core::primitive::f32; 2],
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
                        19,
                        2,
                        11,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        19,
                        2,
                        17,
                    >(values),
                );
                self.layer3.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    2,
                    13,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<2, 9>(),
                    rest.read::<2, 11>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    3,
                    6,
                >(values);
                let (input, du) = (rest.read::<3, 3>(), rest.read::<2, 13>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    3,
                    2,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 3],
                    [::core::primitive::f32; 2],
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
                        19,
                        3,
                        3,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        19,
                        2,
                        13,
                    >(values),
                );
                self.layer2.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    19,
                    3,
                    6,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<3, 0>(),
                    rest.read::<3, 3>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        19,
                        3,
                        6,
                    >(values),
                );
                self.layer1.add_scaled_gradient(input, du, rate);
            }
            value
        }
    }
    ///[`Mlp`] in int8, by TensorFlow Lite's quantisation spec: made by [`Mlp::quantize`], it computes with integers alone ([`forward`](Self::forward)). int8 layers fuse `relu` into the clamp of their output; a final `softmax` or `sigmoid` is left out, so that the output is the scores before it (their `argmax` is the class).
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub struct MlpQuantized {
        /// How the input's reals map to int8.
        pub input: ::nn::__private::Quantization,
        ///Layer 1 in int8.
        pub layer1: ::nn::__private::QuantizedDense<2, 3>,
        ///Layer 2 in int8.
        pub layer2: ::nn::__private::QuantizedDense<3, 2>,
        ///Layer 3 in int8.
        pub layer3: ::nn::__private::QuantizedDense<2, 2>,
        /// How the output's int8 values map to reals.
        pub output: ::nn::__private::Quantization,
    }
    #[allow(clippy::large_stack_arrays)]
    impl MlpQuantized {
        /// The int8 output for the int8 input `x`: integers only. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::i8; 2],
        ) -> [::core::primitive::i8; 2] {
            let z1 = self.layer1.forward(x);
            let z2 = self.layer2.forward(&z1);
            let z3 = self.layer3.forward(&z2);
            z3
        }
        /// `x` in int8, as the input's quantisation maps it: what [`forward`](Self::forward)
        /// takes.
        #[must_use]
        pub fn quantize_input(
            &self,
            x: &[::core::primitive::f32; 2],
        ) -> [::core::primitive::i8; 2] {
            x.map(|value| self.input.quantize(value))
        }
        /// The layers as the file's header names them.
        const LAYERS: [::nn::__private::quantized_bytes::LayerShape; 3] = [
            ("layer1", 2, 3),
            ("layer2", 3, 2),
            ("layer3", 2, 2),
        ];
        /// The bytes of the network in `nn`'s int8 format (`nn::quantized_bytes`).
        pub const ENCODED_LEN: ::core::primitive::usize = ::nn::__private::quantized_bytes::header_len(
            3,
        ) + 2 * ::nn::__private::quantized_bytes::QUANTIZATION_BYTES
            + ::nn::__private::QuantizedDense::<2, 3>::BYTES
            + ::nn::__private::QuantizedDense::<3, 2>::BYTES
            + ::nn::__private::QuantizedDense::<2, 2>::BYTES;
        /// Writes the network in `nn`'s int8 format into `out`; returns the bytes written,
        /// [`ENCODED_LEN`](Self::ENCODED_LEN).
        ///
        /// # Errors
        ///
        /// `BytesError::BufferTooSmall` if `out` is shorter than `ENCODED_LEN`.
        pub fn encode(
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
        pub const fn from_weights(
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
            let layer1 = ::nn::__private::QuantizedDense::<2, 3>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<2, 3>::BYTES;
            let layer2 = ::nn::__private::QuantizedDense::<3, 2>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<3, 2>::BYTES;
            let layer3 = ::nn::__private::QuantizedDense::<2, 2>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<2, 2>::BYTES;
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
                output,
            })
        }
        /// The reals the int8 output `y` stands for.
        #[must_use]
        pub fn dequantize_output(
            &self,
            y: &[::core::primitive::i8; 2],
        ) -> [::core::primitive::f32; 2] {
            y.map(|value| self.output.dequantize(value))
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Mlp {
        /// The network in int8, as TensorFlow Lite's post-training quantiser makes it: each
        /// value's range over the `calibration` inputs (the input's and each layer's output)
        /// gives its quantisation, each layer's weights are quantised per output.
        ///
        /// # Errors
        ///
        /// `CalibrationError::Empty` without calibration inputs;
        /// `CalibrationError::NotFinite` if an input or a layer's output is NaN or infinite.
        pub fn quantize(
            &self,
            calibration: &[[::core::primitive::f32; 2]],
        ) -> ::core::result::Result<MlpQuantized, ::nn::__private::CalibrationError> {
            if calibration.is_empty() {
                return ::core::result::Result::Err(
                    ::nn::__private::CalibrationError::Empty,
                );
            }
            let mut ranges = [::nn::__private::Range::EMPTY; 4];
            for x in calibration {
                ranges[0].widen(x, 0)?;
                let z1 = self
                    .layer1
                    .forward::<::nn::__private::activation::by_name::relu>(x);
                ranges[1usize].widen(&z1, 1usize)?;
                let z2 = self
                    .layer2
                    .forward::<::nn::__private::activation::by_name::relu>(&z1);
                ranges[2usize].widen(&z2, 2usize)?;
                let z3 = self
                    .layer3
                    .forward::<::nn::__private::activation::by_name::identity>(&z2);
                ranges[3usize].widen(&z3, 3usize)?;
            }
            let quantizations = ranges.map(::nn::__private::Range::quantization);
            ::core::result::Result::Ok(MlpQuantized {
                input: quantizations[0],
                layer1: ::nn::__private::QuantizedDense::<
                    2,
                    3,
                >::quantize(
                    &self.layer1,
                    quantizations[0usize],
                    quantizations[1usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer2: ::nn::__private::QuantizedDense::<
                    3,
                    2,
                >::quantize(
                    &self.layer2,
                    quantizations[1usize],
                    quantizations[2usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer3: ::nn::__private::QuantizedDense::<
                    2,
                    2,
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
    impl ::nn::__private::Network for Mlp {
        type Scalar = ::core::primitive::f32;
        type Input = [::core::primitive::f32; 2];
        type Output = [::core::primitive::f32; 2];
        const INPUTS: ::core::primitive::usize = 2;
        const OUTPUTS: ::core::primitive::usize = 2;
        const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
        const TENSORS: &'static [::nn::__private::Tensor] = &[
            ::nn::__private::Tensor {
                name: "layer1.weight",
                rows: 2,
                columns: 3,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 2,
                torch_shape: &[3, 2],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer1.bias",
                rows: 1,
                columns: 3,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 2,
                torch_shape: &[3],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.weight",
                rows: 3,
                columns: 2,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 3,
                torch_shape: &[2, 3],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer2.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 3,
                torch_shape: &[2],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer3.weight",
                rows: 2,
                columns: 2,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 2,
                torch_shape: &[2, 2],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer3.bias",
                rows: 1,
                columns: 2,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 2,
                torch_shape: &[2],
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
                2 => ::nn::__private::reshape::values(&self.layer2.weights),
                3 => ::nn::__private::reshape::values(&self.layer2.bias),
                4 => ::nn::__private::reshape::values(&self.layer3.weights),
                5 => ::nn::__private::reshape::values(&self.layer3.bias),
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
                4 => ::nn::__private::reshape::values_mut(&mut self.layer3.weights),
                5 => ::nn::__private::reshape::values_mut(&mut self.layer3.bias),
                _ => &mut [],
            }
        }
    }
    impl Mlp {
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
                2,
                3,
            >(bytes, at, "layer1.weight", "layer1.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer2, at) = match ::nn::__private::bytes::dense_f32::<
                3,
                2,
            >(bytes, at, "layer2.weight", "layer2.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer3, at) = match ::nn::__private::bytes::dense_f32::<
                2,
                2,
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
pub use __nn_network_Mlp_N::Mlp;
#[allow(unused_imports)]
pub use __nn_network_Mlp_N::*;
