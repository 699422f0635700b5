//! `from_weights`: weights in `nn::bytes` format read by a `const fn`, so that
//! `nn::include_weights!` checks a weights file against the network at compile time.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::Plan;
use crate::model::Scalar;

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let (scalar, reader) = match network.scalar {
        Scalar::F32 => ("f32", format_ident!("dense_f32")),
        Scalar::F64 => ("f64", format_ident!("dense_f64")),
    };
    let scalar_ident = format_ident!("{scalar}");
    let fields: Vec<_> = plan.steps.iter().map(|step| &step.field).collect();
    let reads = plan.steps.iter().map(|step| {
        let (field, inputs, outputs) = (&step.field, &step.inputs, &step.outputs);
        let (weight, bias) = (format!("{field}.weight"), format!("{field}.bias"));
        quote! {
            let (#field, at) = match ::nn::__private::bytes::#reader::<#inputs, #outputs>(bytes, at, #weight, #bias) {
                ::core::result::Result::Ok(read) => read,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
            };
        }
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
