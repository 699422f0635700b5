//! The network struct: one public `Dense` field per layer, and its `Zeroable` promise.

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::{Plan, Step};
use crate::model::{Kind, Network, shape_text};

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
    let fields = plan.fields().map(|step| {
        let (field, ty, layer) = (&step.field, &step.ty, step.layer);
        let doc = match layer.kind {
            Kind::Dense => format!(
                "Layer {}: `W{0}` ({} x {}) and `b{0}`, followed by `{}`.",
                step.number, layer.inputs, layer.outputs, layer.activation
            ),
            _ => format!(
                "Layer {}: `{}`, `W{0}` and `b{0}` from `{}` to `{}`, followed by `{}`.",
                step.number,
                layer.written(),
                shape_text(&layer.input_shape),
                shape_text(&layer.output_shape),
                layer.activation
            ),
        };
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
    let mut steps: Vec<_> = plan.fields().collect();
    // One bound per field type, in order of the widths: layers of the same shape would repeat it.
    let key = |step: &&Step| (step.layer.inputs, step.layer.outputs, step.ty.to_string());
    steps.sort_unstable_by_key(key);
    steps.dedup_by_key(|step| key(step));
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
