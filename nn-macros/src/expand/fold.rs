//! `fold_into` and `folded`: a network with batch normalisation made into its `NAMEFolded`, each
//! layer's tensors copied, and each folded batch normalisation merged into the layer before it.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::network::member;
use crate::fold::Folded;
use crate::model::{Kind, Network};

pub fn generate(network: &Network, folded: &Folded) -> TokenStream {
    let (vis, name, folded_name) = (&network.vis, &network.name, &folded.network.name);
    let scalar = super::scalar_type(network);
    let values = quote!(::nn::__private::reshape::values::<#scalar, _>);
    let values_mut = quote!(::nn::__private::reshape::values_mut::<#scalar, _>);
    let mut statements = Vec::new();
    for (index, origin) in folded.origins.iter().enumerate() {
        let layer = &network.layers[origin.layer];
        if !layer.has_parameters() {
            continue;
        }
        let (to, from) = (
            format_ident!("layer{}", index + 1),
            format_ident!("layer{}", origin.layer + 1),
        );
        for tensor in layer.shape().tensors().as_slice() {
            let member = format_ident!("{}", member(tensor.kind));
            statements.push(quote! {
                #values_mut(&mut folded.#to.#member).copy_from_slice(#values(&self.#from.#member));
            });
        }
        let Some(batch_norm) = origin.batch_norm else {
            continue;
        };
        let Kind::BatchNorm { normalization, .. } = network.layers[batch_norm].kind else {
            continue;
        };
        let eps = Literal::f64_unsuffixed(normalization.eps);
        let normalized = format_ident!("layer{}", batch_norm + 1);
        statements.push(quote! {
            self.#normalized.fold(#eps, #values_mut(&mut folded.#to.weights), &mut folded.#to.bias);
        });
    }
    quote! {
        impl #name {
            /// Writes this network, for inference, into `folded`: each batch normalisation after
            /// a convolution or a dense layer folded into that layer's weights and bias, which then
            /// computes what the two did, by the running averages. Nothing is allocated.
            #vis fn fold_into(&self, folded: &mut #folded_name) {
                #(#statements)*
            }

            /// This network for inference, its batch normalisations folded ([`Self::fold_into`]),
            /// built on the stack; for a large network, `fold_into` a `NAMEFolded::zeros_boxed()`.
            #[must_use]
            #vis fn folded(&self) -> #folded_name {
                let mut folded = <#folded_name as ::nn::__private::Network>::zeros();
                self.fold_into(&mut folded);
                folded
            }
        }
    }
}
