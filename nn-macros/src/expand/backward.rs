//! `backward`: straight-line backpropagation over fixed-size buffers, and the `Trainable` impl.
//!
//! Both carry the bound `for<'a> A: Differentiable` for every activation `A` in the network. The
//! `for<'a>` defers the check from the definition to the call, so a network with `step` compiles
//! and runs forward, and only calling `backward` on it is an error, with `Differentiable`'s message.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{activation_type, io_types, layer_field, scalar_type};
use crate::model::Network;

pub fn generate(network: &Network) -> TokenStream {
    let name = &network.name;
    let scalar = scalar_type(network);
    let (input_type, output_type) = io_types(network);
    let output_activation = activation_type(network.output_activation());
    let differentiable = network.activations().map(|activation| {
        let activation = activation_type(activation);
        quote!(for<'a> #activation: ::nn::__private::Differentiable,)
    });
    let differentiable: Vec<_> = differentiable.collect();
    let loss_bound = quote! {
        L: ::nn::__private::Loss<#scalar, #output_type, D>
            + ::nn::__private::PairsWith<#output_activation>
    };
    let body_into_grad = body(network, Destination::Grad);
    let body_into_weights = body(network, Destination::Weights);
    let (block_fn, block_override) = blocks(network, &differentiable, &loss_bound);

    quote! {
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
        }
    }
}

/// A layer at least this large makes a network train in blocks of samples (as `nn-core`'s
/// kernels dispatch from this size too).
const BLOCKED_MIN_WEIGHTS: usize = 4096;
/// The stack a block's buffers may take, and the largest block.
const BLOCK_STACK_BYTES: usize = 64 * 1024;
const MAX_BLOCK: usize = 32;

/// For networks with a large layer: `backward_block`, which runs `B` samples through each layer
/// together, and the `backward_samples` override that uses it. Small networks keep the trait's
/// sample-by-sample default and its small stack.
fn blocks(
    network: &Network,
    differentiable: &[TokenStream],
    loss_bound: &TokenStream,
) -> (TokenStream, TokenStream) {
    let largest = network
        .layers
        .iter()
        .map(|layer| layer.inputs * layer.outputs)
        .max()
        .unwrap_or(0);
    if largest < BLOCKED_MIN_WEIGHTS {
        return (TokenStream::new(), TokenStream::new());
    }
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    // u, z, du and dz of every layer, and the final stage's output, for each sample of a block.
    let scalar_bytes = match network.scalar {
        crate::model::Scalar::F32 => 4,
        crate::model::Scalar::F64 => 8,
    };
    let widths: usize = network
        .layers
        .iter()
        .map(|layer| 4 * layer.outputs)
        .sum::<usize>()
        + network.outputs();
    // A power of two, so that the usual batch sizes split into whole blocks.
    let fits = (BLOCK_STACK_BYTES / (widths * scalar_bytes)).clamp(1, MAX_BLOCK);
    let block = 1 << fits.ilog2();
    let block = proc_macro2::Literal::usize_unsuffixed(block);
    let body = block_body(network);

    let block_fn = quote! {
        /// `backward` for a block of `B` samples at once: the same gradient, bit for bit, with
        /// each weight and gradient row read once per block. Adds each sample's loss to `total`
        /// in turn, so the sum is the same too.
        fn backward_block<L, D, const B: ::core::primitive::usize>(
            &self,
            samples: &[(#input_type, D); B],
            loss: L,
            grad: &mut Self,
            total: &mut #scalar,
        )
        where
            #(#differentiable)*
            #loss_bound + ::core::marker::Copy
        {
            #body
        }
    };
    let block_override = quote! {
        fn backward_samples<L, D>(&self, samples: &[(#input_type, D)], loss: L, grad: &mut Self) -> #scalar
        where
            #loss_bound + ::core::marker::Copy
        {
            const BLOCK: ::core::primitive::usize = #block;
            let mut total: #scalar = 0.0;
            let blocks = samples.chunks_exact(BLOCK);
            let remainder = blocks.remainder();
            for block in blocks {
                if let ::core::result::Result::Ok(block) = <&[(#input_type, D); BLOCK]>::try_from(block) {
                    self.backward_block(block, loss, grad, &mut total);
                }
            }
            for (input, target) in remainder {
                total += Self::backward(self, input, target, loss, grad);
            }
            total
        }
    };
    (block_fn, block_override)
}

/// The block's forward pass layer by layer, the losses, then each layer's gradients.
fn block_body(network: &Network) -> TokenStream {
    let differentiable = quote!(::nn::__private::Differentiable);
    let activate = quote!(::nn::__private::Activation);
    let mut forward = vec![quote! {
        let x: [&_; B] = ::core::array::from_fn(|s| &samples[s].0);
    }];
    for (index, layer) in network.layers.iter().enumerate() {
        let n = index + 1;
        let field = layer_field(index);
        let activation = activation_type(&layer.activation);
        let (u, z, rows) = (
            format_ident!("u{n}"),
            format_ident!("z{n}"),
            format_ident!("z{n}_rows"),
        );
        let input = block_input(index);
        forward.push(quote! {
            let #u = self.#field.total_input_batch(&#input);
            let #z: [_; B] = ::core::array::from_fn(|s| <#activation as #activate>::activate(&#u[s]));
            let #rows: [&_; B] = ::core::array::from_fn(|s| &#z[s]);
        });
    }
    let last = network.layers.len();
    let (z_last, dz_last) = (format_ident!("z{last}"), format_ident!("dz{last}"));
    let output = match &network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            quote! {
                let y = <#activation as #activate>::activate(&#z_last[s]);
                *total += ::nn::__private::Loss::loss(&loss, &y, &samples[s].1);
                let dy = ::nn::__private::Loss::gradient(&loss, &y, &samples[s].1);
                <#activation as #differentiable>::backward(&#z_last[s], &y, &dy)
            }
        }
        None => quote! {
            *total += ::nn::__private::Loss::loss(&loss, &#z_last[s], &samples[s].1);
            ::nn::__private::Loss::gradient(&loss, &#z_last[s], &samples[s].1)
        },
    };
    let mut backward = Vec::new();
    for (index, layer) in network.layers.iter().enumerate().rev() {
        let n = index + 1;
        let field = layer_field(index);
        let activation = activation_type(&layer.activation);
        let (u, z, dz, du) = (
            format_ident!("u{n}"),
            format_ident!("z{n}"),
            format_ident!("dz{n}"),
            format_ident!("du{n}"),
        );
        let input = block_input(index);
        backward.push(quote! {
            let #du: [_; B] = ::core::array::from_fn(|s| <#activation as #differentiable>::backward(&#u[s], &#z[s], &#dz[s]));
            grad.#field.add_gradient_batch(&#input, &#du);
        });
        if index > 0 {
            let dz_previous = format_ident!("dz{index}");
            backward.push(quote! {
                let #dz_previous: [_; B] = ::core::array::from_fn(|s| self.#field.input_gradient(&#du[s]));
            });
        }
    }
    quote! {
        #(#forward)*
        let #dz_last: [_; B] = ::core::array::from_fn(|s| { #output });
        #(#backward)*
    }
}

/// What layer `index` reads in a block: the inputs for the first, the previous layer's rows after.
fn block_input(index: usize) -> TokenStream {
    if index == 0 {
        quote!(x)
    } else {
        let rows = format_ident!("z{index}_rows");
        quote!(#rows)
    }
}

/// Where the gradient goes: added into `grad`, or scaled by `rate` and added into the weights.
#[derive(Clone, Copy)]
enum Destination {
    Grad,
    Weights,
}

/// Forward keeping every `u` and `z`, the loss, then each layer's `du`, from the last to the first.
/// Into the weights, a layer's input gradient is taken before its own weights move, and nothing
/// moves unless the loss is finite.
fn body(network: &Network, destination: Destination) -> TokenStream {
    let differentiable = quote!(::nn::__private::Differentiable);
    let mut forward = Vec::new();
    for (index, layer) in network.layers.iter().enumerate() {
        let n = index + 1;
        let field = layer_field(index);
        let activation = activation_type(&layer.activation);
        let (u, z) = (format_ident!("u{n}"), format_ident!("z{n}"));
        let input = layer_input(index);
        forward.push(quote! {
            let #u = self.#field.total_input(#input);
            let #z = <#activation as ::nn::__private::Activation>::activate(&#u);
        });
    }

    let last = network.layers.len();
    let (z_last, dz_last) = (format_ident!("z{last}"), format_ident!("dz{last}"));
    let (output, final_stage) = match &network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            (
                quote!(let y = <#activation as ::nn::__private::Activation>::activate(&#z_last);),
                quote!(let #dz_last = <#activation as #differentiable>::backward(&#z_last, &y, &dy);),
            )
        }
        None => (quote!(let y = #z_last;), quote!(let #dz_last = dy;)),
    };

    let mut backward = Vec::new();
    for (index, layer) in network.layers.iter().enumerate().rev() {
        let n = index + 1;
        let field = layer_field(index);
        let activation = activation_type(&layer.activation);
        let (u, z, dz, du) = (
            format_ident!("u{n}"),
            format_ident!("z{n}"),
            format_ident!("dz{n}"),
            format_ident!("du{n}"),
        );
        let input = layer_input(index);
        backward.push(quote! {
            let #du = <#activation as #differentiable>::backward(&#u, &#z, &#dz);
        });
        if index > 0 {
            let dz_previous = format_ident!("dz{index}");
            backward.push(quote!(let #dz_previous = self.#field.input_gradient(&#du);));
        }
        backward.push(match destination {
            Destination::Grad => quote!(grad.#field.add_gradient(#input, &#du);),
            Destination::Weights => quote! {
                self.#field.add_scaled_gradient(#input, &#du, rate);
            },
        });
    }
    let guard = match destination {
        Destination::Grad => TokenStream::new(),
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

/// What layer `index` reads: `x` for the first, the previous layer's `z` after that.
fn layer_input(index: usize) -> TokenStream {
    if index == 0 {
        quote!(x)
    } else {
        let previous = format_ident!("z{index}");
        quote!(&#previous)
    }
}
