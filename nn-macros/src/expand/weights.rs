//! `from_weights`: weights in `nn::bytes` format read by a `const fn`, so that
//! `nn::include_weights!` checks a weights file against the network at compile time.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::Plan;
use super::width;
use crate::model::Kind;

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let scalar = network.scalar.name();
    let scalar_ident = format_ident!("{scalar}");
    let fields: Vec<_> = plan.fields().map(|step| &step.field).collect();
    let reads = plan.fields().map(|step| {
        let field = &step.field;
        let (weight, bias) = (format!("{field}.weight"), format!("{field}.bias"));
        let layer = step.layer;
        let read = |call| {
            quote! {
                let (#field, at) = match ::nn::__private::bytes::#call {
                    ::core::result::Result::Ok(read) => read,
                    ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
                };
            }
        };
        if let Kind::BatchNorm { .. } = layer.kind {
            let reader = format_ident!("batch_norm_{scalar}");
            let channels = width(layer.input_shape[0]);
            let names = ["weight", "bias", "running_mean", "running_var"]
                .map(|name| format!("{field}.{name}"));
            return read(quote!(#reader::<#channels>(bytes, at, [#(#names),*])));
        }
        let reader = match &layer.kind {
            Kind::Conv2d {
                filters, kernel, ..
            } => {
                let reader = format_ident!("conv2d_{scalar}");
                let (channels, filters) = (width(layer.input_shape[0]), width(*filters));
                let (rows, columns) = (width(kernel[0]), width(kernel[1]));
                quote!(#reader::<#channels, #filters, #rows, #columns>)
            }
            Kind::Conv1d {
                filters, kernel, ..
            } => {
                let reader = format_ident!("conv1d_{scalar}");
                let (channels, filters, kernel) =
                    (width(layer.input_shape[0]), width(*filters), width(*kernel));
                quote!(#reader::<#channels, #filters, #kernel>)
            }
            Kind::DepthwiseConv2d { kernel, .. } => {
                let reader = format_ident!("depthwise_conv2d_{scalar}");
                let channels = width(layer.input_shape[0]);
                let (rows, columns) = (width(kernel[0]), width(kernel[1]));
                quote!(#reader::<#channels, #rows, #columns>)
            }
            _ => {
                let reader = format_ident!("dense_{scalar}");
                let (inputs, outputs) = (&step.inputs, &step.outputs);
                quote!(#reader::<#inputs, #outputs>)
            }
        };
        read(quote!(#reader(bytes, at, #weight, #bias)))
    });
    quote! {
        impl #name {
            /// The network whose weights `bytes` holds, in `nn::bytes` format, after checking the
            /// scalar type, every tensor's shape, the length and that every value is finite.
            ///
            /// A `const fn`: `nn::include_weights!` calls it at compile time, so a weights file
            /// that does not fit the network is a compile error.
            ///
            /// # Errors
            ///
            /// The `nn::bytes::BytesError` of the first problem found.
            pub const fn from_weights(bytes: &[::core::primitive::u8]) -> ::core::result::Result<Self, ::nn::__private::bytes::BytesError> {
                let at = match ::nn::__private::bytes::check_header(
                    bytes,
                    #scalar,
                    <Self as ::nn::__private::Network>::TENSORS,
                    ::core::mem::size_of::<::core::primitive::#scalar_ident>(),
                ) {
                    ::core::result::Result::Ok(at) => at,
                    ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
                };
                #(#reads)*
                let _ = at;
                ::core::result::Result::Ok(Self { #(#fields),* })
            }
        }
    }
}
