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
    let body = body(network);

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
                #body
            }
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
        }
    }
}

/// Forward keeping every `u` and `z`, the loss, then each layer's `du`, from the last to the first.
fn body(network: &Network) -> TokenStream {
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
            grad.#field.add_gradient(#input, &#du);
        });
        if index > 0 {
            let dz_previous = format_ident!("dz{index}");
            backward.push(quote!(let #dz_previous = self.#field.input_gradient(&#du);));
        }
    }

    quote! {
        #(#forward)*
        #output
        let value = ::nn::__private::Loss::loss(&loss, &y, target);
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
