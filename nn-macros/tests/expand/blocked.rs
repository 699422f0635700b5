// network! { struct Mnist = 784 => relu 128 => softmax 10; }

#[doc(hidden)]
#[allow(non_snake_case)]
mod __nn_network_Mnist_N {
    #[allow(unused_imports)]
    use super::*;
    /**

Declared with `nn::network!` as `784 => relu 128 => softmax 10` in `f32`: 101770 parameters.*/
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct Mnist {
        ///Layer 1: `W1` (784 x 128) and `b1`, followed by `relu`.
        pub layer1: ::nn::__private::Dense<::core::primitive::f32, 784, 128>,
        ///Layer 2: `W2` (128 x 10) and `b2`, followed by `softmax`.
        pub layer2: ::nn::__private::Dense<::core::primitive::f32, 128, 10>,
    }
    unsafe impl ::nn::__private::Zeroable for Mnist
    where
        ::nn::__private::Dense<
            ::core::primitive::f32,
            128,
            10,
        >: ::nn::__private::Zeroable,
        ::nn::__private::Dense<
            ::core::primitive::f32,
            784,
            128,
        >: ::nn::__private::Zeroable,
    {}
    impl Mnist {
        /// The input width.
        pub const INPUTS: ::core::primitive::usize = 784;
        /// The output width.
        pub const OUTPUTS: ::core::primitive::usize = 10;
        /// The number of weights and biases.
        pub const PARAMETERS: ::core::primitive::usize = 101770;
        /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
        /// can initialise a `static`.
        #[must_use]
        pub const fn zeros() -> Self {
            Self {
                layer1: ::nn::__private::Dense::zeros(),
                layer2: ::nn::__private::Dense::zeros(),
            }
        }
        /// A network with every weight and bias `1` (numpy's `np.ones`).
        #[must_use]
        pub const fn ones() -> Self {
            Self {
                layer1: ::nn::__private::Dense::ones(),
                layer2: ::nn::__private::Dense::ones(),
            }
        }
        /// The layers, shapes, activations and parameter counts; `Display` prints them as a
        /// table, like Keras' `model.summary()`.
        #[must_use]
        pub const fn summary() -> ::nn::__private::Summary {
            ::nn::__private::Summary {
                name: "Mnist",
                scalar: "f32",
                inputs: 784,
                input_shape: &[784],
                layers: &[
                    ::nn::__private::LayerSummary {
                        name: "layer1",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 784,
                            outputs: 128,
                        },
                        inputs: 784,
                        outputs: 128,
                        input_shape: &[784],
                        output_shape: &[128],
                        activation: "relu",
                    },
                    ::nn::__private::LayerSummary {
                        name: "layer2",
                        kind: "",
                        shape: ::nn::__private::layer::Shape::Dense {
                            inputs: 128,
                            outputs: 10,
                        },
                        inputs: 128,
                        outputs: 10,
                        input_shape: &[128],
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
            x: &[::core::primitive::f32; 784],
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
        impl Mnist { #[doc =
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
    impl Mnist {
        /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
        /// Nothing is allocated and nothing panics.
        #[must_use]
        pub fn forward(
            &self,
            x: &[::core::primitive::f32; 784],
        ) -> [::core::primitive::f32; 10] {
            let z1 = self
                .layer1
                .forward::<::nn::__private::activation::by_name::relu>(x);
            let z2 = self
                .layer2
                .forward::<::nn::__private::activation::by_name::softmax>(&z1);
            z2
        }
    }
    ///The memory in which [`Mnist::forward_in`] runs the network: one array of 138 values holding every layer's output, those alive at the same time apart, each written over once no layer reads it. Its size is `Mnist::INFERENCE_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct MnistArena {
        values: [::core::primitive::f32; 138],
    }
    unsafe impl ::nn::__private::Zeroable for MnistArena {}
    impl MnistArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 138] }
        }
    }
    impl ::core::default::Default for MnistArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Mnist {
        /// The bytes of the parameters: what the weights take in flash, or in RAM.
        pub(super) const PARAMETER_BYTES: ::core::primitive::usize = Self::PARAMETERS
            * ::core::mem::size_of::<::core::primitive::f32>();
        /// The bytes of the activations at the peak of inference: the arena of
        /// [`forward_in`](Self::forward_in), known before the program runs.
        pub(super) const INFERENCE_BYTES: ::core::primitive::usize = MnistArena::BYTES;
        /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
        /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
        /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward_in(
            &self,
            x: &[::core::primitive::f32; 784],
            arena: &mut MnistArena,
        ) -> [::core::primitive::f32; 10] {
            let values = &mut arena.values;
            {
                let (input, out) = (
                    x,
                    ::nn::__private::arena::output::<
                        ::core::primitive::f32,
                        138,
                        128,
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
                    138,
                    128,
                    0,
                    10,
                    128,
                >(values);
                *out = self.layer2.total_input(input);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            *::nn::__private::arena::value::<
                ::core::primitive::f32,
                138,
                10,
                128,
            >(values)
        }
    }
    ///Every intermediate value of one [`Mnist::forward`] call, from [`Mnist::trace`].
    ///
    /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct MnistTrace {
        /// The input `x`.
        pub input: [::core::primitive::f32; 784],
        ///Layer 1: total input `u1` and output `z1 = relu(u1)`.
        pub layer1: ::nn::__private::LayerTrace<::core::primitive::f32, 128>,
        ///Layer 2: total input `u2` and output `z2 = softmax(u2)`.
        pub layer2: ::nn::__private::LayerTrace<::core::primitive::f32, 10>,
        /// The output `y`, what `forward` returns.
        pub output: [::core::primitive::f32; 10],
    }
    #[allow(clippy::large_stack_arrays)]
    impl Mnist {
        /// Runs the network like `forward` and keeps every intermediate value: each layer's
        /// total input `u` and output `z`.
        #[must_use]
        pub fn trace(&self, x: &[::core::primitive::f32; 784]) -> MnistTrace {
            let u1 = self.layer1.total_input(x);
            let z1 = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                &u1,
            );
            let u2 = self.layer2.total_input(&z1);
            let z2 = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                &u2,
            );
            MnistTrace {
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
    impl ::core::fmt::Display for MnistTrace {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::nn::__private::write_trace_row(f, "x", 16, &self.input)?;
            ::nn::__private::write_trace_row(f, "u1 = x·W1 + b1", 16, &self.layer1.u)?;
            ::nn::__private::write_trace_row(f, "z1 = relu(u1)", 16, &self.layer1.z)?;
            ::nn::__private::write_trace_row(f, "u2 = z1·W2 + b2", 16, &self.layer2.u)?;
            ::nn::__private::write_trace_row(f, "z2 = softmax(u2)", 16, &self.layer2.z)?;
            ::nn::__private::write_trace_row(f, "y = z2", 16, &self.output)?;
            ::core::result::Result::Ok(())
        }
    }
    /// The values `backward_samples` keeps for a block of `B` samples: each layer's `u`, `z`,
    /// `du` (in the forward pass, a second thread's part of `u`), the gradient `dz` of its
    /// output, and `du` transposed.
    #[allow(non_snake_case)]
    #[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
    struct MnistBlock<const B: ::core::primitive::usize> {
        u1: [[::core::primitive::f32; 128]; B],
        z1: [[::core::primitive::f32; 128]; B],
        du1: [[::core::primitive::f32; 128]; B],
        dz1: [[::core::primitive::f32; 128]; B],
        u2: [[::core::primitive::f32; 10]; B],
        z2: [[::core::primitive::f32; 10]; B],
        du2: [[::core::primitive::f32; 10]; B],
        dz2: [[::core::primitive::f32; 10]; B],
        du_columns2: [[::core::primitive::f32; B]; 10],
    }
    unsafe impl<const B: ::core::primitive::usize> ::nn::__private::Zeroable
    for MnistBlock<B> {}
    ///The buffers in which [`Mnist`] trains blocks of 32 samples at once, through `Trainable::backward_samples_in` and `nn::train::step_in`: each layer's values for every sample of a block. Made once and reused, so that no training step allocates, not even the first. `new` is `const`, for a `static` on firmware; on a host, `nn::boxed::zeroed()` makes one on the heap. Its size is `MnistWorkspace::BYTES`.
    pub(super) struct MnistWorkspace {
        block: MnistBlock<32>,
    }
    unsafe impl ::nn::__private::Zeroable for MnistWorkspace {}
    impl MnistWorkspace {
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
                block: MnistBlock {
                    u1: [[0.0; 128]; 32],
                    z1: [[0.0; 128]; 32],
                    du1: [[0.0; 128]; 32],
                    dz1: [[0.0; 128]; 32],
                    u2: [[0.0; 10]; 32],
                    z2: [[0.0; 10]; 32],
                    du2: [[0.0; 10]; 32],
                    dz2: [[0.0; 10]; 32],
                    du_columns2: [[0.0; 32]; 10],
                },
            }
        }
    }
    impl ::core::default::Default for MnistWorkspace {
        fn default() -> Self {
            Self::new()
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Mnist {
        /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
        /// gradient of that loss with respect to every weight and bias into `grad`.
        ///
        /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
        /// and the target must have the output width; a network with `step` cannot be
        /// trained. All three are compile errors. Nothing is allocated and nothing panics.
        pub fn backward<L, D>(
            &self,
            x: &[::core::primitive::f32; 784],
            target: &D,
            loss: L,
            grad: &mut Self,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
            let u1 = self.layer1.total_input(x);
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
            x: &[::core::primitive::f32; 784],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
            let u1 = self.layer1.total_input(x);
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
            self.layer1.add_scaled_gradient(x, &du1, rate);
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
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            block: &mut MnistBlock<B>,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
            team: &dyn ::nn::__private::Team,
        )
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let ::core::option::Option::Some(last) = samples.last() else {
                return;
            };
            let x: [&_; B] = ::core::array::from_fn(|s| {
                &samples.get(s).unwrap_or(last).0
            });
            self.layer1
                .total_input_batch_shared(&x, &mut block.u1, &mut block.du1, team);
            for s in 0..B {
                block.z1[s] = <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate(
                    &block.u1[s],
                );
            }
            let z1_rows: [&_; B] = ::core::array::from_fn(|s| &block.z1[s]);
            self.layer2
                .total_input_batch_shared(&z1_rows, &mut block.u2, &mut block.du2, team);
            for s in 0..B {
                block.z2[s] = <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate(
                    &block.u2[s],
                );
            }
            let z2_rows: [&_; B] = ::core::array::from_fn(|s| &block.z2[s]);
            for s in 0..B {
                block.dz2[s] = match samples.get(s) {
                    ::core::option::Option::Some((_, target)) => {
                        *total
                            += ::nn::__private::Loss::loss(&loss, &block.z2[s], target);
                        ::nn::__private::Loss::gradient(&loss, &block.z2[s], target)
                    }
                    ::core::option::Option::None => {
                        [<::core::primitive::f32 as ::nn::__private::Scalar>::ZERO; 10]
                    }
                };
            }
            for s in 0..B {
                block.du2[s] = <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward(
                    &block.u2[s],
                    &block.z2[s],
                    &block.dz2[s],
                );
            }
            grad.layer2.add_gradient_batch_shared(&z1_rows, &block.du2, sum, team);
            self.layer2
                .input_gradient_batch_shared(
                    &block.du2,
                    &mut block.du_columns2,
                    &mut block.dz1,
                    team,
                );
            for s in 0..B {
                block.du1[s] = <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward(
                    &block.u1[s],
                    &block.z1[s],
                    &block.dz1[s],
                );
            }
            grad.layer1.add_gradient_batch_shared(&x, &block.du1, sum, team);
        }
        /// `backward` for every sample, summed into `grad` as `sum` says (from zero or not,
        /// scaled at the end or not), in blocks of `B` in the buffers of `block`, the samples
        /// left over one by one; each loss added to `total` in turn.
        #[allow(clippy::too_many_arguments)]
        fn backward_blocks<L, D, const B: ::core::primitive::usize>(
            &self,
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            block: &mut MnistBlock<B>,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
            team: &dyn ::nn::__private::Team,
        )
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let blocks = samples.chunks_exact(B);
            let remainder = blocks.remainder();
            let count = blocks.len();
            if count == 0 {
                self.backward_each(samples, loss, grad, total, sum);
                return;
            }
            let (mut blocks_sum, rest) = sum.split(remainder.is_empty());
            for (index, samples) in blocks.enumerate() {
                let (part, later) = blocks_sum.split(index + 1 == count);
                blocks_sum = later;
                self.backward_block(samples, loss, grad, total, block, part, team);
            }
            self.backward_each(remainder, loss, grad, total, rest);
        }
        /// `backward` for each sample in turn, summed into `grad` as `sum` says.
        fn backward_each<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
        )
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            total: &mut ::core::primitive::f32,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
        )
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            if samples.len() < 16 {
                self.backward_each(samples, loss, grad, total, sum);
                return;
            }
            let mut block: MnistBlock<16> = ::nn::__private::Zeroable::zeroed();
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
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            sum: ::nn::__private::Accumulate<::core::primitive::f32>,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
            for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
                    D,
                >
                + ::nn::__private::PairsWith<
                    ::nn::__private::activation::by_name::softmax,
                > + ::core::marker::Copy,
        {
            let mut total: ::core::primitive::f32 = 0.0;
            ::nn::__if_std!(
                { ::nn::__private::thread_local! { static BLOCK : ::core::cell::RefCell <
                ::core::option::Option < ::nn::__private::Box < MnistBlock < 32 >> > > =
                const { ::core::cell::RefCell::new(::core::option::Option::None) }; } let
                (whole, rest) = samples.split_at(samples.len() - samples.len() % 32); let
                (whole_sum, rest_sum) = sum.split(rest.is_empty()); let on_heap = if
                whole.is_empty() {
                ::core::result::Result::Ok(::core::option::Option::None) } else { BLOCK
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
    impl ::nn::__private::Trainable for Mnist
    where
        for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
        for<'a> ::nn::__private::activation::by_name::softmax: ::nn::__private::Differentiable,
    {
        type OutputActivation = ::nn::__private::activation::by_name::softmax;
        fn backward<L, D>(
            &self,
            input: &[::core::primitive::f32; 784],
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
            input: &[::core::primitive::f32; 784],
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
        fn backward_samples<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 784], D)],
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
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            scale: ::core::primitive::f32,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
        type Workspace = MnistWorkspace;
        const SHARES_PRODUCTS: bool = true;
        fn backward_samples_in<L, D>(
            &self,
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            workspace: &mut MnistWorkspace,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
            samples: &[([::core::primitive::f32; 784], D)],
            loss: L,
            grad: &mut Self,
            scale: ::core::primitive::f32,
            workspace: &mut MnistWorkspace,
            team: &dyn ::nn::__private::Team,
        ) -> ::core::primitive::f32
        where
            L: ::nn::__private::Loss<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 10],
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
    }
    ///The memory in which [`Mnist::backward_in`] and [`Mnist::descend_in`] train on one sample: one array of 414 values holding every layer's values and gradients, those alive at the same time apart. Its size is `Mnist::TRAINING_BYTES`; `new` is `const`, for a `static` on firmware.
    pub(super) struct MnistTrainingArena {
        values: [::core::primitive::f32; 414],
    }
    unsafe impl ::nn::__private::Zeroable for MnistTrainingArena {}
    impl MnistTrainingArena {
        /// Its size in bytes.
        pub(super) const BYTES: ::core::primitive::usize = ::core::mem::size_of::<
            Self,
        >();
        /// The arena, zeroed; `const`, so that it can be a `static`.
        #[allow(clippy::large_stack_arrays)]
        pub(super) const fn new() -> Self {
            Self { values: [0.0; 414] }
        }
    }
    impl ::core::default::Default for MnistTrainingArena {
        fn default() -> Self {
            Self::new()
        }
    }
    impl Mnist {
        /// The bytes of the values that training on one sample keeps: the arena of
        /// [`backward_in`](Self::backward_in), known before the program runs.
        pub(super) const TRAINING_BYTES: ::core::primitive::usize = MnistTrainingArena::BYTES;
        /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
        /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
        /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
        pub(super) fn backward_in<L, D>(
            &self,
            x: &[::core::primitive::f32; 784],
            target: &D,
            loss: L,
            grad: &mut Self,
            arena: &mut MnistTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
                    414,
                    128,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    784,
                    128,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 784],
                    [::core::primitive::f32; 128],
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
                    414,
                    128,
                    128,
                >(values);
                *out = *rest.read::<128, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    10,
                    384,
                >(values);
                let input = rest.read::<128, 128>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    128,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 128],
                    [::core::primitive::f32; 10],
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
                    414,
                    10,
                    394,
                >(values);
                *out = *rest.read::<10, 384>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                414,
                10,
                394,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    10,
                    404,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    10,
                    404,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<10, 384>(),
                    rest.read::<10, 394>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    128,
                    256,
                >(values);
                let (input, du) = (rest.read::<128, 128>(), rest.read::<10, 404>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    128,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 128],
                    [::core::primitive::f32; 10],
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
                        414,
                        128,
                        128,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        414,
                        10,
                        404,
                    >(values),
                );
                grad.layer2.add_gradient(input, du);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    128,
                    256,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<128, 0>(),
                    rest.read::<128, 128>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        414,
                        128,
                        256,
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
            x: &[::core::primitive::f32; 784],
            target: &D,
            loss: L,
            learning_rate: ::core::primitive::f64,
            arena: &mut MnistTrainingArena,
        ) -> ::core::primitive::f32
        where
            for<'a> ::nn::__private::activation::by_name::relu: ::nn::__private::Differentiable,
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
                    414,
                    128,
                    0,
                >(values);
                let input = x;
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    784,
                    128,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 784],
                    [::core::primitive::f32; 128],
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
                    414,
                    128,
                    128,
                >(values);
                *out = *rest.read::<128, 0>();
                <::nn::__private::activation::by_name::relu as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    10,
                    384,
                >(values);
                let input = rest.read::<128, 128>();
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    128,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 128],
                    [::core::primitive::f32; 10],
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
                    414,
                    10,
                    394,
                >(values);
                *out = *rest.read::<10, 384>();
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Activation>::activate_in_place(
                    out,
                );
            }
            let y = ::nn::__private::arena::value::<
                ::core::primitive::f32,
                414,
                10,
                394,
            >(values);
            let value = ::nn::__private::Loss::loss(&loss, y, target);
            if !value.is_finite() {
                return value;
            }
            let dy = ::nn::__private::Loss::gradient(&loss, y, target);
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    10,
                    404,
                >(values);
                *out = dy;
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    10,
                    404,
                >(values);
                <::nn::__private::activation::by_name::softmax as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<10, 384>(),
                    rest.read::<10, 394>(),
                    out,
                );
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    128,
                    256,
                >(values);
                let (input, du) = (rest.read::<128, 128>(), rest.read::<10, 404>());
                <::nn::__private::Dense<
                    ::core::primitive::f32,
                    128,
                    10,
                > as ::nn::__private::Layer<
                    ::core::primitive::f32,
                    [::core::primitive::f32; 128],
                    [::core::primitive::f32; 10],
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
                        414,
                        128,
                        128,
                    >(values),
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        414,
                        10,
                        404,
                    >(values),
                );
                self.layer2.add_scaled_gradient(input, du, rate);
            }
            {
                let (out, rest) = ::nn::__private::arena::write::<
                    ::core::primitive::f32,
                    414,
                    128,
                    256,
                >(values);
                <::nn::__private::activation::by_name::relu as ::nn::__private::Differentiable>::backward_in_place(
                    rest.read::<128, 0>(),
                    rest.read::<128, 128>(),
                    out,
                );
            }
            {
                let (input, du) = (
                    x,
                    ::nn::__private::arena::value::<
                        ::core::primitive::f32,
                        414,
                        128,
                        256,
                    >(values),
                );
                self.layer1.add_scaled_gradient(input, du, rate);
            }
            value
        }
    }
    ///[`Mnist`] in int8, by TensorFlow Lite's quantisation spec: made by [`Mnist::quantize`], it computes with integers alone ([`forward`](Self::forward)). int8 layers fuse `relu` into the clamp of their output; a final `softmax` or `sigmoid` is left out, so that the output is the scores before it (their `argmax` is the class).
    #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub(super) struct MnistQuantized {
        /// How the input's reals map to int8.
        pub(super) input: ::nn::__private::Quantization,
        ///Layer 1 in int8.
        pub(super) layer1: ::nn::__private::QuantizedDense<784, 128>,
        ///Layer 2 in int8.
        pub(super) layer2: ::nn::__private::QuantizedDense<128, 10>,
        /// How the output's int8 values map to reals.
        pub(super) output: ::nn::__private::Quantization,
    }
    #[allow(clippy::large_stack_arrays)]
    impl MnistQuantized {
        /// The int8 output for the int8 input `x`: integers only. Nothing is allocated and
        /// nothing panics.
        #[must_use]
        pub(super) fn forward(
            &self,
            x: &[::core::primitive::i8; 784],
        ) -> [::core::primitive::i8; 10] {
            let z1 = self.layer1.forward(x);
            let z2 = self.layer2.forward(&z1);
            z2
        }
        /// `x` in int8, as the input's quantisation maps it: what [`forward`](Self::forward)
        /// takes.
        #[must_use]
        pub(super) fn quantize_input(
            &self,
            x: &[::core::primitive::f32; 784],
        ) -> [::core::primitive::i8; 784] {
            x.map(|value| self.input.quantize(value))
        }
        /// The layers as the file's header names them.
        const LAYERS: [::nn::__private::quantized_bytes::LayerShape; 2] = [
            ("layer1", 784, 128),
            ("layer2", 128, 10),
        ];
        /// The bytes of the network in `nn`'s int8 format (`nn::quantized_bytes`).
        pub(super) const ENCODED_LEN: ::core::primitive::usize = ::nn::__private::quantized_bytes::header_len(
            2,
        ) + 2 * ::nn::__private::quantized_bytes::QUANTIZATION_BYTES
            + ::nn::__private::QuantizedDense::<784, 128>::BYTES
            + ::nn::__private::QuantizedDense::<128, 10>::BYTES;
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
            let layer1 = ::nn::__private::QuantizedDense::<784, 128>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<784, 128>::BYTES;
            let layer2 = ::nn::__private::QuantizedDense::<128, 10>::read(bytes, at);
            let at = at + ::nn::__private::QuantizedDense::<128, 10>::BYTES;
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
            y: &[::core::primitive::i8; 10],
        ) -> [::core::primitive::f32; 10] {
            y.map(|value| self.output.dequantize(value))
        }
    }
    #[allow(clippy::large_stack_arrays)]
    impl Mnist {
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
            calibration: &[[::core::primitive::f32; 784]],
        ) -> ::core::result::Result<MnistQuantized, ::nn::__private::CalibrationError> {
            if calibration.is_empty() {
                return ::core::result::Result::Err(
                    ::nn::__private::CalibrationError::Empty,
                );
            }
            let mut ranges = [::nn::__private::Range::EMPTY; 3];
            for x in calibration {
                ranges[0].widen(x, 0)?;
                let z1 = self
                    .layer1
                    .forward::<::nn::__private::activation::by_name::relu>(x);
                ranges[1usize].widen(&z1, 1usize)?;
                let z2 = self.layer2.total_input(&z1);
                ranges[2usize].widen(&z2, 2usize)?;
            }
            let quantizations = ranges.map(::nn::__private::Range::quantization);
            ::core::result::Result::Ok(MnistQuantized {
                input: quantizations[0],
                layer1: ::nn::__private::QuantizedDense::<
                    784,
                    128,
                >::quantize(
                    &self.layer1,
                    quantizations[0usize],
                    quantizations[1usize],
                    ::nn::__private::Clamp::FromZero,
                ),
                layer2: ::nn::__private::QuantizedDense::<
                    128,
                    10,
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
    impl ::nn::__private::Network for Mnist {
        type Scalar = ::core::primitive::f32;
        type Input = [::core::primitive::f32; 784];
        type Output = [::core::primitive::f32; 10];
        const INPUTS: ::core::primitive::usize = 784;
        const OUTPUTS: ::core::primitive::usize = 10;
        const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
        const TENSORS: &'static [::nn::__private::Tensor] = &[
            ::nn::__private::Tensor {
                name: "layer1.weight",
                rows: 784,
                columns: 128,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 784,
                torch_shape: &[128, 784],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer1.bias",
                rows: 1,
                columns: 128,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 784,
                torch_shape: &[128],
                torch_order: ::nn::__private::TorchOrder::Same,
            },
            ::nn::__private::Tensor {
                name: "layer2.weight",
                rows: 128,
                columns: 10,
                kind: ::nn::__private::TensorKind::Weight,
                fan_in: 128,
                torch_shape: &[10, 128],
                torch_order: ::nn::__private::TorchOrder::Transposed,
            },
            ::nn::__private::Tensor {
                name: "layer2.bias",
                rows: 1,
                columns: 10,
                kind: ::nn::__private::TensorKind::Bias,
                fan_in: 128,
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
    impl Mnist {
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
                784,
                128,
            >(bytes, at, "layer1.weight", "layer1.bias") {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(error);
                }
            };
            let (layer2, at) = match ::nn::__private::bytes::dense_f32::<
                128,
                10,
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
use __nn_network_Mnist_N::Mnist;
#[allow(unused_imports)]
use __nn_network_Mnist_N::*;
