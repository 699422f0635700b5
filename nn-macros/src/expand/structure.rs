//! The network struct: one public `Dense` field per layer, and its `Zeroable` promise.

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::Plan;
use crate::model::Network;

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let Network {
        attrs, vis, name, ..
    } = network;
    let about = format!(
        "\n\nDeclared with `nn::network!` as `{}` in `{}`: {} parameters.",
        network.spec(),
        network.scalar.name(),
        network.parameters()
    );
    let zeroable = zeroable(plan);
    let fields = plan.steps.iter().map(|step| {
        let (field, ty, layer) = (&step.field, &step.ty, step.layer);
        let doc = format!(
            "Layer {}: `W{0}` ({} x {}) and `b{0}`, followed by `{}`.",
            step.number, layer.inputs, layer.outputs, layer.activation
        );
        quote! {
            #[doc = #doc]
            pub #field: #ty
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
fn zeroable(plan: &Plan) -> TokenStream {
    let name = &plan.network.name;
    let mut steps: Vec<_> = plan.steps.iter().collect();
    // One bound per field type, in order of the widths: layers of the same shape would repeat it.
    steps.sort_unstable_by_key(|step| (step.layer.inputs, step.layer.outputs));
    steps.dedup_by_key(|step| (step.layer.inputs, step.layer.outputs));
    let bounds = steps.into_iter().map(|step| {
        let ty = &step.ty;
        quote!(#ty: ::nn::__private::Zeroable)
    });
    quote! {
        unsafe impl ::nn::__private::Zeroable for #name
        where
            #(#bounds,)*
        {
        }
    }
}
