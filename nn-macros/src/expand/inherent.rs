//! Sizes, constructors and the summary, as inherent items so no trait needs importing.

use proc_macro2::TokenStream;
use quote::quote;

use super::{layer_field, width};
use crate::model::Network;

pub fn generate(network: &Network) -> TokenStream {
    let name = &network.name;
    let (inputs, outputs, parameters) = (
        width(network.inputs),
        width(network.outputs()),
        width(network.parameters()),
    );
    let fields: Vec<_> = (0..network.layers.len()).map(layer_field).collect();
    let summary = summary(network);
    quote! {
        impl #name {
            /// The input width.
            pub const INPUTS: ::core::primitive::usize = #inputs;
            /// The output width.
            pub const OUTPUTS: ::core::primitive::usize = #outputs;
            /// The number of weights and biases.
            pub const PARAMETERS: ::core::primitive::usize = #parameters;

            /// A network with every weight and bias `0` (the seed's `np.zeros`); `const`, so it
            /// can initialise a `static`.
            #[must_use]
            pub const fn zeros() -> Self {
                Self { #(#fields: ::nn::__private::Dense::zeros(),)* }
            }

            /// A network with every weight and bias `1` (the seed's `np.ones`).
            #[must_use]
            pub const fn ones() -> Self {
                Self { #(#fields: ::nn::__private::Dense::ones(),)* }
            }

            /// The layers, shapes, activations and parameter counts; `Display` prints them as a
            /// table, like Keras' `model.summary()`.
            #[must_use]
            pub const fn summary() -> ::nn::__private::Summary {
                #summary
            }
        }
    }
}

fn summary(network: &Network) -> TokenStream {
    let name = network.name.to_string();
    let scalar = network.scalar.name();
    let inputs = width(network.inputs);
    let layers = network.layers.iter().enumerate().map(|(index, layer)| {
        let field = layer_field(index).to_string();
        let (inputs, outputs) = (width(layer.inputs), width(layer.outputs));
        let activation = layer.activation.to_string();
        quote! {
            ::nn::__private::LayerSummary {
                name: #field,
                inputs: #inputs,
                outputs: #outputs,
                activation: #activation,
            }
        }
    });
    let output_activation = match &network.output_activation {
        Some(activation) => {
            let activation = activation.to_string();
            quote!(::core::option::Option::Some(#activation))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        ::nn::__private::Summary {
            name: #name,
            scalar: #scalar,
            inputs: #inputs,
            layers: &[#(#layers),*],
            output_activation: #output_activation,
        }
    }
}
