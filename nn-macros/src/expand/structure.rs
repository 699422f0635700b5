//! The network struct: one public `Dense` field per layer, and its `Zeroable` promise.

use proc_macro2::TokenStream;
use quote::quote;

use super::{layer_field, scalar_type, width};
use crate::model::Network;

pub fn generate(network: &Network) -> TokenStream {
    let Network {
        attrs, vis, name, ..
    } = network;
    let scalar = scalar_type(network);
    let about = format!(
        "\n\nDeclared with `nn::network!` as `{}` in `{}`: {} parameters.",
        network.spec(),
        network.scalar.name(),
        network.parameters()
    );
    let zeroable = zeroable(network);
    let fields = network.layers.iter().enumerate().map(|(index, layer)| {
        let field = layer_field(index);
        let (inputs, outputs) = (width(layer.inputs), width(layer.outputs));
        let doc = format!(
            "Layer {}: `W{0}` ({} x {}) and `b{0}`, followed by `{}`.",
            index + 1,
            layer.inputs,
            layer.outputs,
            layer.activation
        );
        quote! {
            #[doc = #doc]
            pub #field: ::nn::__private::Dense<#scalar, #inputs, #outputs>
        }
    });
    quote! {
        #(#attrs)*
        #[doc = #about]
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        #vis struct #name {
            #(#fields,)*
        }

        #zeroable
    }
}

/// `unsafe impl Zeroable`: all-zero bytes are a valid network, so it can be allocated zeroed on the
/// heap. Sound because every field is a `Dense` of `f32` or `f64`, which is `Zeroable`; the where
/// clause has the compiler check that for each field type, so the promise cannot outlive a change
/// to the fields.
fn zeroable(network: &Network) -> TokenStream {
    let name = &network.name;
    let scalar = scalar_type(network);
    let mut shapes: Vec<_> = network
        .layers
        .iter()
        .map(|layer| (layer.inputs, layer.outputs))
        .collect();
    // One bound per field type: layers of the same shape would repeat it.
    shapes.sort_unstable();
    shapes.dedup();
    let bounds = shapes.into_iter().map(|(inputs, outputs)| {
        let (inputs, outputs) = (width(inputs), width(outputs));
        quote!(::nn::__private::Dense<#scalar, #inputs, #outputs>: ::nn::__private::Zeroable)
    });
    quote! {
        unsafe impl ::nn::__private::Zeroable for #name
        where
            #(#bounds,)*
        {
        }
    }
}
