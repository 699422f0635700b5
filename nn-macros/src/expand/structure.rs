//! The network struct: one public `Dense` field per layer.

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
    }
}
