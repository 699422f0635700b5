//! `backward`: straight-line backpropagation over fixed-size buffers, and the `Trainable` impl.
//!
//! Both carry the bound `for<'a> A: Differentiable` for every activation `A` in the network. The
//! `for<'a>` defers the check from the definition to the call, so a network with `step` compiles
//! and runs forward, and only calling `backward` on it is an error, with `Differentiable`'s message.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::batch_norm;
use super::plan::{Plan, Step};
use super::{activation_type, io_types, scalar_type};
use crate::model::{Kind, Network};

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    let output_activation = activation_type(network.output_activation());
    let (differentiable, loss_bound) = bounds(network);
    let body_into_grad = body(plan, Destination::Grad);
    let body_into_weights = body(plan, Destination::Weights);
    let Blocks {
        buffers,
        inherent: block_fn,
        trainable: block_override,
    } = blocks(plan, &differentiable, &loss_bound);
    let statistics = statistics(plan);

    quote! {
        #buffers

        // A layer's values are arrays on the stack, as large as its output: a large network's
        // `forward` and `backward` are for a thread with the stack for them.
        #[allow(clippy::large_stack_arrays)]
        impl #name {
            /// Runs `x` forward, returns the loss of the output against `target`, and ADDS the
            /// gradient of that loss with respect to every weight and bias into `grad`.
            ///
            /// The loss must pair with the output activation (`CrossEntropy` after `softmax`, …)
            /// and the target must have the output width; a network with `step` cannot be
            /// trained. All three are compile errors. Nothing is allocated and nothing panics.
            pub fn backward<L, D>(
                &self,
                x: &#input_type,
                target: &D,
                loss: L,
                grad: &mut Self,
            ) -> #scalar
            where
                #(#differentiable)*
                #loss_bound
            {
                #body_into_grad
            }

            /// One step of plain gradient descent on one sample, in one pass and without a
            /// gradient buffer: runs `x` forward, returns the loss, and moves every weight and bias
            /// by `-learning_rate` times its gradient (an `f64`, as every hyper-parameter in `nn`,
            /// rounded to the network's scalar). Each layer's input gradient is taken before
            /// its own weights move, so this is `backward` followed by `Sgd::step`, up to
            /// rounding. If the loss is NaN or infinite, nothing moves.
            pub fn descend<L, D>(
                &mut self,
                x: &#input_type,
                target: &D,
                loss: L,
                learning_rate: ::core::primitive::f64,
            ) -> #scalar
            where
                #(#differentiable)*
                #loss_bound
            {
                let rate = -<#scalar as ::nn::__private::Scalar>::from_f64(learning_rate);
                #body_into_weights
            }

            #block_fn
        }

        // A layer's values are arrays on the stack, as large as its output: a large network's
        // `forward` and `backward` are for a thread with the stack for them.
        #[allow(clippy::large_stack_arrays)]
        impl ::nn::__private::Trainable for #name
        where
            #(#differentiable)*
        {
            type OutputActivation = #output_activation;

            fn backward<L, D>(
                &self,
                input: &#input_type,
                target: &D,
                loss: L,
                grad: &mut Self,
            ) -> #scalar
            where
                #loss_bound
            {
                Self::backward(self, input, target, loss, grad)
            }

            fn descend<L, D>(
                &mut self,
                input: &#input_type,
                target: &D,
                loss: L,
                learning_rate: ::core::primitive::f64,
            ) -> #scalar
            where
                #loss_bound
            {
                Self::descend(self, input, target, loss, learning_rate)
            }

            #block_override
            #statistics
        }
    }
}

/// The bounds of a training function: `for<'a> A: Differentiable` for every activation `A` in
/// the network, and the loss `L`'s on the output and the target `D`.
pub fn bounds(network: &Network) -> (Vec<TokenStream>, TokenStream) {
    let scalar = scalar_type(network);
    let (_, output_type) = io_types(network);
    let output_activation = activation_type(network.output_activation());
    let differentiable = network.activations().map(|activation| {
        let activation = activation_type(activation);
        quote!(for<'a> #activation: ::nn::__private::Differentiable,)
    });
    let loss_bound = quote! {
        L: ::nn::__private::Loss<#scalar, #output_type, D>
            + ::nn::__private::PairsWith<#output_activation>
    };
    (differentiable.collect(), loss_bound)
}

/// For a network with batch normalisation, the `Trainable` methods that differ: the loss in
/// training (by the sample's own statistics), and the running averages' update.
fn statistics(plan: &Plan) -> TokenStream {
    let normalized: Vec<_> = plan
        .steps
        .iter()
        .filter(|step| step.normalization().is_some())
        .collect();
    if normalized.is_empty() {
        return TokenStream::new();
    }
    let network = plan.network;
    let scalar = scalar_type(network);
    let (input_type, output_type) = io_types(network);
    let loss = body(plan, Destination::Loss);
    let tracks = normalized.iter().map(|step| {
        let (field, geometry) = (&step.field, step.geometry());
        quote!(self.#field.track(&grad.#field, #geometry.momentum);)
    });
    quote! {
        fn training_loss<L, D>(&self, x: &#input_type, target: &D, loss: L) -> #scalar
        where
            L: ::nn::__private::Loss<#scalar, #output_type, D>,
        {
            #loss
        }

        fn track_statistics(&mut self, grad: &Self) {
            #(#tracks)*
        }
    }
}

/// The samples of a block with `std`, whose buffers live on the heap, once per thread.
const HEAP_BLOCK: usize = 32;
/// Without `std` the buffers are on the stack: they may take this much, in blocks of at most
/// [`HEAP_BLOCK`] samples.
const BLOCK_STACK_BYTES: usize = 64 * 1024;

/// Whether `network` trains in blocks of samples: whether it has a large layer (`nn-core`'s
/// rule, which its kernels dispatch by too), or a batch normalisation, whose statistics are a
/// block's. Dense layers and batch normalisations have block products: the others go a sample
/// at a time within a block.
fn trains_in_blocks(network: &Network) -> bool {
    has_batch_norm(network) || network.layers.iter().any(|layer| layer.shape().is_large())
}

/// Whether `network` has a batch normalisation: then the samples of a block are normalised by
/// their statistics, every sample of a batch goes in a block, and the last block may be short.
fn has_batch_norm(network: &Network) -> bool {
    network
        .layers
        .iter()
        .any(|layer| matches!(layer.kind, Kind::BatchNorm { .. }))
}

/// What block training adds to a network: items, inherent functions, and the `Trainable` override.
#[derive(Default)]
struct Blocks {
    buffers: TokenStream,
    inherent: TokenStream,
    trainable: TokenStream,
}

/// For networks with a large layer: the buffers of a block of samples (`NAMEBlock<B>`),
/// `backward_block`, which runs `B` samples through each layer together, and the
/// `backward_samples` override that uses them. Small networks keep the trait's sample-by-sample
/// default and its small stack.
fn blocks(plan: &Plan, differentiable: &[TokenStream], loss_bound: &TokenStream) -> Blocks {
    let network = plan.network;
    if !trains_in_blocks(network) {
        return Blocks {
            trainable: quote!(
                type Workspace = ();
            ),
            ..Blocks::default()
        };
    }
    let name = &network.name;
    let block_type = format_ident!("{name}Block");
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    let scalar_bytes = match network.scalar {
        crate::model::Scalar::F32 => 4,
        crate::model::Scalar::F64 => 8,
    };
    // u, z, du, dz and du transposed of every layer, for each sample of a block.
    let widths: usize = network.layers.iter().map(|layer| 5 * layer.outputs).sum();
    // A power of two, so that the usual batch sizes split into whole blocks.
    let fits = (BLOCK_STACK_BYTES / (widths * scalar_bytes)).clamp(1, HEAP_BLOCK);
    let stack_block = proc_macro2::Literal::usize_unsuffixed(1 << fits.ilog2());
    let body = block_body(plan);

    let accumulate = quote!(::nn::__private::Accumulate<#scalar>);
    let team = quote!(&dyn ::nn::__private::Team);
    let on_thread = on_thread(network, &block_type, differentiable, loss_bound);
    let each_and_stack = each_and_stack(
        network,
        &block_type,
        &stack_block,
        differentiable,
        loss_bound,
    );
    let blocks = block_loop(network);
    let block_fn = quote! {
        /// `backward` for a block of `B` samples at once (fewer, for a network with batch
        /// normalisation, the rows past them zero gradients), in the buffers of `block`: the same
        /// gradient, bit for bit, with each weight and gradient row read once per block, and
        /// summed into `grad` as `sum` says. The large layers' products are shared among `team`.
        /// Adds each sample's loss to `total` in turn, so the sum is the same too.
        #[allow(clippy::too_many_arguments)] // The block's buffers, and how to sum and share.
        fn backward_block<L, D, const B: ::core::primitive::usize>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            total: &mut #scalar,
            block: &mut #block_type<B>,
            sum: #accumulate,
            team: #team,
        )
        where
            #(#differentiable)*
            #loss_bound + ::core::marker::Copy
        {
            #body
        }

        /// `backward` for every sample, summed into `grad` as `sum` says (from zero or not,
        /// scaled at the end or not), in blocks of `B` in the buffers of `block`, the samples
        /// left over one by one; each loss added to `total` in turn.
        #[allow(clippy::too_many_arguments)] // The block's buffers, and how to sum and share.
        fn backward_blocks<L, D, const B: ::core::primitive::usize>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            total: &mut #scalar,
            block: &mut #block_type<B>,
            sum: #accumulate,
            team: #team,
        )
        where
            #(#differentiable)*
            #loss_bound + ::core::marker::Copy
        {
            #blocks
        }

        #each_and_stack
        #on_thread
    };
    let mut block_struct = buffers(plan, &block_type);
    block_struct.extend(workspace(plan, &block_type));
    let mut block_override = samples_override(network, loss_bound);
    block_override.extend(workspace_override(network, loss_bound));
    Blocks {
        buffers: block_struct,
        inherent: block_fn,
        trainable: block_override,
    }
}

/// The loop of `backward_blocks` over the blocks of its samples: whole blocks, the samples left
/// over one by one; with batch normalisation, every sample in a block, the last perhaps short.
fn block_loop(network: &Network) -> TokenStream {
    if has_batch_norm(network) {
        quote! {
            // Every sample in a block, the last perhaps short: a batch normalisation's
            // statistics are those of a block.
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
    } else {
        quote! {
            let blocks = samples.chunks_exact(B);
            let remainder = blocks.remainder();
            let count = blocks.len();
            if count == 0 {
                self.backward_each(samples, loss, grad, total, sum);
                return;
            }
            // The first block starts the sums, the last scales them unless samples are left.
            let (mut blocks_sum, rest) = sum.split(remainder.is_empty());
            for (index, samples) in blocks.enumerate() {
                let (part, later) = blocks_sum.split(index + 1 == count);
                blocks_sum = later;
                self.backward_block(samples, loss, grad, total, block, part, team);
            }
            self.backward_each(remainder, loss, grad, total, rest);
        }
    }
}

/// `backward_each`, sample by sample, and `backward_on_stack`, in blocks of `stack_block`
/// samples whose buffers are on the stack: each summing into `grad` as an `Accumulate` says.
fn each_and_stack(
    network: &Network,
    block_type: &Ident,
    stack_block: &proc_macro2::Literal,
    differentiable: &[TokenStream],
    loss_bound: &TokenStream,
) -> TokenStream {
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    let accumulate = quote!(::nn::__private::Accumulate<#scalar>);
    // Zeroing the buffers is a pass over them: only worth it for a whole block (but with batch
    // normalisation, every sample goes in a block).
    let few = (!has_batch_norm(network)).then(|| {
        quote! {
            if samples.len() < #stack_block {
                self.backward_each(samples, loss, grad, total, sum);
                return;
            }
        }
    });
    quote! {
        /// `backward` for each sample in turn, summed into `grad` as `sum` says.
        fn backward_each<L, D>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            total: &mut #scalar,
            sum: #accumulate,
        )
        where
            #(#differentiable)*
            #loss_bound + ::core::marker::Copy
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
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            total: &mut #scalar,
            sum: #accumulate,
        )
        where
            #(#differentiable)*
            #loss_bound + ::core::marker::Copy
        {
            #few
            let mut block: #block_type<#stack_block> = ::nn::__private::Zeroable::zeroed();
            self.backward_blocks(samples, loss, grad, total, &mut block, sum, &::nn::__private::Alone);
        }
    }
}

/// `backward_on_thread`: `backward` for every sample, summed into `grad` as an `Accumulate` says,
/// whole blocks in the thread's own buffers on the heap (with `std`), the rest on the stack.
fn on_thread(
    network: &Network,
    block_type: &Ident,
    differentiable: &[TokenStream],
    loss_bound: &TokenStream,
) -> TokenStream {
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    let heap_block = proc_macro2::Literal::usize_unsuffixed(HEAP_BLOCK);
    let accumulate = quote!(::nn::__private::Accumulate<#scalar>);
    let split = if has_batch_norm(network) {
        // Every sample in the thread's blocks, the last short.
        quote!(let (whole, rest) = (samples, &samples[samples.len()..]);)
    } else {
        quote!(let (whole, rest) = samples.split_at(samples.len() - samples.len() % #heap_block);)
    };
    quote! {
        /// `backward` for every sample, summed into `grad` as `sum` says: whole blocks in buffers
        /// that each thread keeps on the heap (with `std`), the rest in blocks whose buffers fit
        /// on the stack.
        fn backward_on_thread<L, D>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            sum: #accumulate,
        ) -> #scalar
        where
            #(#differentiable)*
            #loss_bound + ::core::marker::Copy
        {
            let mut total: #scalar = 0.0;
            ::nn::__if_std!({
                // Made on a thread's first call and kept.
                ::nn::__private::thread_local! {
                    static BLOCK: ::core::cell::RefCell<
                        ::core::option::Option<::nn::__private::Box<#block_type<#heap_block>>>
                    > = const { ::core::cell::RefCell::new(::core::option::Option::None) };
                }
                #split
                // The whole blocks start the sums; what is left adds to them and scales them.
                let (whole_sum, rest_sum) = sum.split(rest.is_empty());
                let on_heap = if whole.is_empty() {
                    ::core::result::Result::Ok(::core::option::Option::None)
                } else {
                    BLOCK.try_with(|cell| {
                        cell.try_borrow_mut().ok().map(|mut slot| {
                            let block = slot.get_or_insert_with(::nn::__private::zeroed_box);
                            let alone = &::nn::__private::Alone;
                            self.backward_blocks(whole, loss, grad, &mut total, block, whole_sum, alone);
                        })
                    })
                };
                match on_heap {
                    ::core::result::Result::Ok(::core::option::Option::Some(())) => {
                        self.backward_on_stack(rest, loss, grad, &mut total, rest_sum);
                    }
                    // No whole block, or the thread's buffers are taken or torn down.
                    _ => self.backward_on_stack(samples, loss, grad, &mut total, sum),
                }
            } else {
                self.backward_on_stack(samples, loss, grad, &mut total, sum);
            });
            total
        }
    }
}

/// `NAMEBlock<B>`: the buffers of a block of `B` samples, and its `Zeroable` promise.
fn buffers(plan: &Plan, block_type: &Ident) -> TokenStream {
    let scalar = scalar_type(plan.network);
    let fields = block_fields(plan, quote!(B))
        .map(|(field, rows, columns)| quote!(#field: [[#scalar; #columns]; #rows]));
    quote! {
        /// The values `backward_samples` keeps for a block of `B` samples: each layer's `u`, `z`,
        /// `du` (in the forward pass, a second thread's part of `u`), the gradient `dz` of its
        /// output, and `du` transposed.
        #[allow(non_snake_case)]
        // On a cache line, as `Dense` is, for the same reason.
        #[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), repr(align(64)))]
        struct #block_type<const B: ::core::primitive::usize> {
            #(#fields,)*
        }

        // Sound: every field is an array of `f32` or `f64`, for which all-zero bytes are `0.0`.
        unsafe impl<const B: ::core::primitive::usize> ::nn::__private::Zeroable for #block_type<B> {}
    }
}

/// The fields of a block of `samples` samples: each layer's `u`, `z`, `du` and `dz`, `samples`
/// rows of the layer's width; `du` transposed where a dense layer's input gradient is taken (all
/// but one reading `x`), the other way round; and where several layers read one's output, a
/// scratch for the input gradients that add into its `dz`. Each as (name, rows, columns).
fn block_fields<'a>(
    plan: &'a Plan,
    samples: TokenStream,
) -> impl Iterator<Item = (Ident, TokenStream, TokenStream)> + 'a {
    plan.steps.iter().flat_map(move |step| {
        let size = &step.outputs;
        let values = [&step.u, &step.z, &step.du, &step.dz]
            .map(|value| (value.clone(), samples.clone(), quote!(#size)));
        let columns = (step.input_dz.is_some() && step.layer.kind == Kind::Dense)
            .then(|| (step.du_columns.clone(), quote!(#size), samples.clone()));
        let part =
            (step.readers > 1).then(|| (step.dz_part.clone(), samples.clone(), quote!(#size)));
        values.into_iter().chain(columns).chain(part)
    })
}

/// `NAMEWorkspace`: the buffers of a block of [`HEAP_BLOCK`] samples, as a public type that users
/// make once (`const fn new`, for a `static`) and hand to `Trainable::backward_samples_in`.
fn workspace(plan: &Plan, block_type: &Ident) -> TokenStream {
    let network = plan.network;
    let (vis, name) = (&network.vis, &network.name);
    let workspace = format_ident!("{name}Workspace");
    let heap_block = proc_macro2::Literal::usize_unsuffixed(HEAP_BLOCK);
    let zero_fields = block_fields(plan, quote!(#heap_block))
        .map(|(field, rows, columns)| quote!(#field: [[0.0; #columns]; #rows]));
    let doc = format!(
        "The buffers in which [`{name}`] trains blocks of {HEAP_BLOCK} samples at once, through \
         `Trainable::backward_samples_in` and `nn::train::step_in`: each layer's values for \
         every sample of a block. Made once and reused, so that no training step allocates, \
         not even the first. `new` is `const`, for a `static` on firmware; on a host, \
         `nn::boxed::zeroed()` makes one on the heap. Its size is `{name}Workspace::BYTES`."
    );
    quote! {
        #[doc = #doc]
        #vis struct #workspace {
            block: #block_type<#heap_block>,
        }

        // Sound: its one field is all arrays of `f32` or `f64`, for which all-zero bytes are `0.0`.
        unsafe impl ::nn::__private::Zeroable for #workspace {}

        impl #workspace {
            /// Its size in bytes: what a `static` of it takes in RAM.
            #vis const BYTES: ::core::primitive::usize = ::core::mem::size_of::<Self>();

            /// The buffers, zeroed; `const`, so that they can be a `static`. Called at run time, it
            /// builds them on the stack: for a large network, prefer a `static` or
            /// `nn::boxed::zeroed()`.
            // Meant for statics, where the array is the static itself.
            #[allow(clippy::large_stack_arrays)]
            #vis const fn new() -> Self {
                Self {
                    block: #block_type { #(#zero_fields,)* },
                }
            }
        }

        impl ::core::default::Default for #workspace {
            fn default() -> Self {
                Self::new()
            }
        }
    }
}

/// `Trainable::Workspace` and `backward_samples_in`: whole blocks in the caller's workspace, the
/// samples left over one by one.
fn workspace_override(network: &Network, loss_bound: &TokenStream) -> TokenStream {
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    let workspace = format_ident!("{}Workspace", network.name);
    let dense = network.layers.iter().all(|layer| layer.kind == Kind::Dense);
    quote! {
        type Workspace = #workspace;
        const SHARES_PRODUCTS: bool = #dense;

        fn backward_samples_in<L, D>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            workspace: &mut #workspace,
        ) -> #scalar
        where
            #loss_bound + ::core::marker::Copy
        {
            let mut total: #scalar = 0.0;
            let (add, alone) = (::nn::__private::Accumulate::ADD, &::nn::__private::Alone);
            self.backward_blocks(samples, loss, grad, &mut total, &mut workspace.block, add, alone);
            total
        }

        fn scaled_gradient_in<L, D>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            scale: #scalar,
            workspace: &mut #workspace,
            team: &dyn ::nn::__private::Team,
        ) -> #scalar
        where
            #loss_bound + ::core::marker::Copy
        {
            let mut total: #scalar = 0.0;
            let sum = ::nn::__private::Accumulate {
                from_zero: true,
                scale: ::core::option::Option::Some(scale),
            };
            self.backward_blocks(samples, loss, grad, &mut total, &mut workspace.block, sum, team);
            total
        }
    }
}

/// `Trainable::backward_samples` and `scaled_gradient`: whole blocks of [`HEAP_BLOCK`] samples
/// in buffers that each thread keeps on the heap (with `std`), the rest in blocks whose buffers
/// fit on the stack.
fn samples_override(network: &Network, loss_bound: &TokenStream) -> TokenStream {
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    quote! {
        fn backward_samples<L, D>(&self, samples: &[(#input_type, D)], loss: L, grad: &mut Self) -> #scalar
        where
            #loss_bound + ::core::marker::Copy
        {
            self.backward_on_thread(samples, loss, grad, ::nn::__private::Accumulate::ADD)
        }

        fn scaled_gradient<L, D>(
            &self,
            samples: &[(#input_type, D)],
            loss: L,
            grad: &mut Self,
            scale: #scalar,
        ) -> #scalar
        where
            #loss_bound + ::core::marker::Copy
        {
            let sum = ::nn::__private::Accumulate {
                from_zero: true,
                scale: ::core::option::Option::Some(scale),
            };
            self.backward_on_thread(samples, loss, grad, sum)
        }
    }
}

/// The block's forward pass, layer by layer, into the buffers of `block`.
fn block_forward(plan: &Plan) -> Vec<TokenStream> {
    let activate = quote!(::nn::__private::Activation);
    // At most `B` samples: the rows past them repeat the last, and their gradients are zero.
    let count = has_batch_norm(plan.network).then(|| quote!(let count = samples.len().min(B);));
    let mut forward = vec![quote! {
        let ::core::option::Option::Some(last) = samples.last() else {
            return;
        };
        #count
        let x: [&_; B] = ::core::array::from_fn(|s| &samples.get(s).unwrap_or(last).0);
    }];
    for step in &plan.steps {
        let (field, activation, input) = (&step.field, &step.activation, &step.block_input);
        let (u, du, z, rows) = (&step.u, &step.du, &step.z, &step.rows);
        // A dense layer's product for the block at once; `du` is free until the backward pass:
        // scratch for a second thread's sums. Other kinds, a sample at a time.
        let total_input = if step.layer.kind == Kind::Dense {
            quote!(self.#field.total_input_batch_shared(&#input, &mut block.#u, &mut block.#du, team);)
        } else if step.normalization().is_some() {
            batch_norm::forward_block(step)
        } else if let Some(shortcut) = &step.shortcut {
            let rows = &shortcut.block_input;
            let one = Step::sum_into(
                &quote!(#input[s]),
                &quote!(#rows[s]),
                &quote!(&mut block.#u[s]),
            );
            quote!(for s in 0..B { #one })
        } else {
            let one = step.total_input_into(&quote!(#input[s]), &quote!(&mut block.#u[s]));
            quote!(for s in 0..B { #one })
        };
        forward.push(quote! {
            #total_input
            for s in 0..B {
                block.#z[s] = <#activation as #activate>::activate(&block.#u[s]);
            }
            let #rows: [&_; B] = ::core::array::from_fn(|s| &block.#z[s]);
        });
    }
    forward
}

/// The block's forward pass layer by layer, the losses, then each layer's gradients, every value
/// in the buffers of `block`.
fn block_body(plan: &Plan) -> TokenStream {
    let scalar = scalar_type(plan.network);
    let differentiable = quote!(::nn::__private::Differentiable);
    let activate = quote!(::nn::__private::Activation);
    let forward = block_forward(plan);
    let (z_last, dz_last, outputs) = (&plan.last().z, &plan.last().dz, &plan.last().outputs);
    let output = match &plan.network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            quote! {
                let y = <#activation as #activate>::activate(&block.#z_last[s]);
                *total += ::nn::__private::Loss::loss(&loss, &y, target);
                let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
                <#activation as #differentiable>::backward(&block.#z_last[s], &y, &dy)
            }
        }
        None => quote! {
            *total += ::nn::__private::Loss::loss(&loss, &block.#z_last[s], target);
            ::nn::__private::Loss::gradient(&loss, &block.#z_last[s], target)
        },
    };
    let mut backward = Vec::new();
    // The `dz`s an input gradient has written.
    let mut written = HashSet::new();
    for step in plan.steps.iter().rev() {
        let (field, activation, input) = (&step.field, &step.activation, &step.block_input);
        let (u, z, dz, du) = (&step.u, &step.z, &step.dz, &step.du);
        backward.push(quote! {
            for s in 0..B {
                block.#du[s] = <#activation as #differentiable>::backward(&block.#u[s], &block.#z[s], &block.#dz[s]);
            }
        });
        if step.normalization().is_some() {
            backward.extend(block_batch_norm(plan, step, &mut written));
            continue;
        }
        if step.layer.kind == Kind::Dense {
            backward.push(quote! {
                grad.#field.add_gradient_batch_shared(&#input, &block.#du, sum, team);
            });
        } else if step.layer.has_parameters() {
            // As `backward_each` sums: from zero, each sample added in turn, then scaled.
            let one = quote!(<#scalar as ::nn::__private::Scalar>::ONE);
            let add = step.add_gradient_into(
                &quote!(grad),
                &quote!(#input[s]),
                &quote!(&block.#du[s]),
                &one,
            );
            backward.push(quote! {
                if sum.from_zero {
                    grad.#field.fill(0.0);
                }
                for s in 0..B {
                    #add
                }
                if let ::core::option::Option::Some(factor) = sum.scale {
                    grad.#field.scale(factor);
                }
            });
        }
        backward.extend(block_input_gradients(plan, step, &mut written));
    }
    quote! {
        #(#forward)*
        for s in 0..B {
            block.#dz_last[s] = match samples.get(s) {
                ::core::option::Option::Some((_, target)) => { #output }
                ::core::option::Option::None => [<#scalar as ::nn::__private::Scalar>::ZERO; #outputs],
            };
        }
        #(#backward)*
    }
}

/// A batch normalisation's gradients in a block: its input's into the `dz` of what it reads (as
/// [`block_input_gradients`] writes it), and its own.
fn block_batch_norm(plan: &Plan, step: &Step, written: &mut HashSet<Ident>) -> Vec<TokenStream> {
    let Some(dz) = &step.input_dz else {
        return vec![batch_norm::backward_block(step, None)];
    };
    let (target, add) = dz_target(plan, dz, written);
    let mut statements = vec![batch_norm::backward_block(step, Some(&target))];
    statements.extend(add);
    statements
}

/// Where a block's input gradient into `dz` goes: `dz` itself for the first one the backward
/// pass computes; for those after, `dz`'s scratch, with the statement that then adds it in.
fn dz_target(
    plan: &Plan,
    dz: &Ident,
    written: &mut HashSet<Ident>,
) -> (TokenStream, Option<TokenStream>) {
    if written.insert(dz.clone()) {
        return (quote!(block.#dz), None);
    }
    let part = &plan.reading(dz).dz_part;
    let add = quote! {
        for s in 0..B {
            ::nn::__private::residual::add_into(&mut block.#dz[s], &block.#part[s]);
        }
    };
    (quote!(block.#part), Some(add))
}

/// A step's input gradients in a block, into the `dz` of what it reads (both addends, for a
/// sum). The first into a `dz` writes it; those after write its scratch, then add it in.
fn block_input_gradients(
    plan: &Plan,
    step: &Step,
    written: &mut HashSet<Ident>,
) -> Vec<TokenStream> {
    let (field, du, du_columns) = (&step.field, &step.du, &step.du_columns);
    let input = &step.block_input;
    let shortcut = step
        .shortcut
        .iter()
        .filter_map(|shortcut| shortcut.dz.as_ref());
    let mut statements = Vec::new();
    for dz in step.input_dz.iter().chain(shortcut) {
        let (target, add) = dz_target(plan, dz, written);
        statements.push(if step.shortcut.is_some() {
            // A sum passes its gradient to both addends.
            quote!(#target = block.#du;)
        } else if step.layer.kind == Kind::Dense {
            quote! {
                self.#field.input_gradient_batch_shared(&block.#du, &mut block.#du_columns, &mut #target, team);
            }
        } else {
            let one = step.input_gradient_into(
                &quote!(#input[s]),
                &quote!(&block.#du[s]),
                &quote!(&mut #target[s]),
            );
            quote!(for s in 0..B { #one })
        });
        statements.extend(add);
    }
    statements
}

/// Where the gradient goes: added into `grad`, or scaled by `rate` and added into the weights;
/// or nowhere, for the loss alone.
#[derive(Clone, Copy)]
enum Destination {
    Grad,
    Weights,
    Loss,
}

/// Forward keeping every `u` and `z`, the loss, then each layer's `du`, from the last to the first.
/// Into the weights, a layer's input gradient is taken before its own weights move, and nothing
/// moves unless the loss is finite.
fn body(plan: &Plan, destination: Destination) -> TokenStream {
    let differentiable = quote!(::nn::__private::Differentiable);
    let forward = plan.steps.iter().map(|step| {
        let (activation, u, z) = (&step.activation, &step.u, &step.z);
        // A batch normalisation by the sample's own statistics.
        let total_input = if step.normalization().is_some() {
            batch_norm::forward_one(step)
        } else {
            let total_input = step.total_input(&step.input);
            quote!(let #u = #total_input;)
        };
        quote! {
            #total_input
            let #z = <#activation as ::nn::__private::Activation>::activate(&#u);
        }
    });

    let (z_last, dz_last) = (&plan.last().z, &plan.last().dz);
    let (output, final_stage) = match &plan.network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            (
                quote!(let y = <#activation as ::nn::__private::Activation>::activate(&#z_last);),
                quote!(let #dz_last = <#activation as #differentiable>::backward(&#z_last, &y, &dy);),
            )
        }
        None => (quote!(let y = #z_last;), quote!(let #dz_last = dy;)),
    };
    if let Destination::Loss = destination {
        return quote! {
            #(#forward)*
            #output
            ::nn::__private::Loss::loss(&loss, &y, target)
        };
    }

    let mut backward = Vec::new();
    let rate = quote!(rate);
    // The `dz`s an input gradient has defined.
    let mut defined = HashSet::new();
    for step in plan.steps.iter().rev() {
        let activation = &step.activation;
        let (u, z, dz, du) = (&step.u, &step.z, &step.dz, &step.du);
        backward.push(quote! {
            let #du = <#activation as #differentiable>::backward(&#u, &#z, &#dz);
        });
        // A batch normalisation's input gradient and its own come from one product.
        let normalized = step.normalization().map(|_| batch_norm::backward_one(step));
        let input_gradient = match normalized {
            Some((statement, dx)) => {
                backward.push(statement);
                quote!(#dx)
            }
            None => step.input_gradient(du),
        };
        let shortcut = step
            .shortcut
            .iter()
            .filter_map(|shortcut| shortcut.dz.as_ref());
        for dz in step.input_dz.iter().chain(shortcut) {
            // The first input gradient into `dz` defines it, mutable if more will add to it.
            backward.push(if !defined.insert(dz.clone()) {
                quote!(::nn::__private::residual::add_into(&mut #dz, &#input_gradient);)
            } else if plan.reading(dz).readers > 1 {
                quote!(let mut #dz = #input_gradient;)
            } else {
                quote!(let #dz = #input_gradient;)
            });
        }
        let rate = match destination {
            Destination::Weights => Some(&rate),
            Destination::Grad | Destination::Loss => None,
        };
        backward.push(if step.normalization().is_some() {
            batch_norm::update_one(step, rate)
        } else {
            step.add_gradient(du, rate)
        });
    }
    let guard = match destination {
        Destination::Grad | Destination::Loss => TokenStream::new(),
        Destination::Weights => quote! {
            if !value.is_finite() {
                return value;
            }
        },
    };

    quote! {
        #(#forward)*
        #output
        let value = ::nn::__private::Loss::loss(&loss, &y, target);
        #guard
        let dy = ::nn::__private::Loss::gradient(&loss, &y, target);
        #final_stage
        #(#backward)*
        value
    }
}
