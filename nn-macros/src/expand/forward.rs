//! `forward`: each layer's output feeds the next.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{activation_type, io_types, layer_field};
use crate::model::Network;

pub fn generate(network: &Network) -> TokenStream {
    let name = &network.name;
    let (input_type, output_type) = io_types(network);

    // z1 = layer1(x), z2 = layer2(z1), …, then the final activation-only stage if there is one.
    let mut steps = Vec::new();
    let mut previous = quote!(x);
    for (index, layer) in network.layers.iter().enumerate() {
        let field = layer_field(index);
        let activation = activation_type(&layer.activation);
        let z = format_ident!("z{}", index + 1);
        steps.push(quote! { let #z = self.#field.forward::<#activation>(#previous); });
        previous = quote!(&#z);
    }
    let result = match &network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            quote!(<#activation as ::nn::__private::Activation>::activate(#previous))
        }
        None => {
            let z = format_ident!("z{}", network.layers.len());
            quote!(#z)
        }
    };

    quote! {
        impl #name {
            /// Runs the network on one input: each layer computes `z = f(z_prev·W + b)`.
            /// Nothing is allocated and nothing panics.
            #[must_use]
            pub fn forward(&self, x: &#input_type) -> #output_type {
                #(#steps)*
                #result
            }
        }
    }
}
