//! What stands in for a declaration that could not be generated: a struct of the same name with
//! the usual methods, so that code using it does not add a cascade of secondary errors to the one
//! that matters.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::{scalar_path, width};
use crate::model::Stub;

pub fn stub(stub: &Stub) -> TokenStream {
    let Stub { vis, name, .. } = stub;
    // With both widths known, `forward` keeps its real signature; otherwise it accepts anything.
    let (input, output, generics) = match stub.widths {
        Some((inputs, outputs)) => {
            let scalar = scalar_path(stub.scalar);
            let (inputs, outputs) = (width(inputs), width(outputs));
            (
                quote!([#scalar; #inputs]),
                quote!([#scalar; #outputs]),
                quote!(),
            )
        }
        None => (quote!(X), quote!(Y), quote!(<X, Y>)),
    };
    quote! {
        #[allow(dead_code)]
        #vis struct #name {}

        #[allow(dead_code, clippy::unused_self)]
        impl #name {
            pub const fn zeros() -> Self {
                Self {}
            }
            pub const fn ones() -> Self {
                Self {}
            }
            pub fn forward #generics (&self, _: &#input) -> #output {
                ::core::unreachable!()
            }
        }

        ::nn::__with_alloc! {
            #[allow(dead_code)]
            impl #name {
                pub fn zeros_boxed() -> ::nn::__private::Box<Self> {
                    ::core::unreachable!()
                }
                pub fn initialized_boxed<R: ?::core::marker::Sized>(
                    _: ::nn::__private::Init,
                    _: &mut R,
                ) -> ::nn::__private::Box<Self> {
                    ::core::unreachable!()
                }
            }
        }
    }
}
