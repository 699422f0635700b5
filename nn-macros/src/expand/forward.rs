//! `forward`: each layer's output feeds the next.

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::Plan;
use super::{activation_type, io_types};

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let (input_type, output_type) = io_types(network);

    // z1 = layer1(x), z2 = layer2(z1), …, then the final activation-only stage if there is one.
    let steps = plan.steps.iter().map(|step| {
        let (z, output) = (&step.z, step.output());
        quote! { let #z = #output; }
    });
    let last = &plan.last().z;
    let result = match &network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            quote!(<#activation as ::nn::__private::Activation>::activate(&#last))
        }
        None => quote!(#last),
    };

    quote! {
        // A layer's values are arrays on the stack, as large as its output: a large network's
        // `forward` and `backward` are for a thread with the stack for them.
        #[allow(clippy::large_stack_arrays)]
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
