//! What stands in for a declaration that could not be generated: a struct of the same name with
//! every item a network has (constants, constructors, methods, the trace type, the `Network` and
//! `Trainable` impls), so that code using it does not add a cascade of secondary errors to the one
//! that matters. Its bodies are never run: the crate does not compile.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::expand::{scalar_path, width};
use crate::model::Stub;

pub fn stub(stub: &Stub) -> TokenStream {
    let Stub { vis, name, .. } = stub;
    let scalar = scalar_path(stub.scalar);
    let (inputs, outputs) = stub.widths.unwrap_or((0, 0));
    let (inputs, outputs) = (width(inputs), width(outputs));
    // With both widths known, `forward` keeps its real signature; otherwise it accepts anything.
    let (input, output, generics) = match stub.widths {
        Some(_) => (
            quote!([#scalar; #inputs]),
            quote!([#scalar; #outputs]),
            quote!(),
        ),
        None => (quote!(X), quote!(Y), quote!(<X, Y>)),
    };
    let trace = format_ident!("{name}Trace");
    let (name_text, scalar_text) = (name.to_string(), stub.scalar.name());
    let traits = traits(stub);
    quote! {
        #[allow(dead_code)]
        #vis struct #name {}

        #[allow(dead_code)]
        #vis struct #trace {}

        impl ::core::fmt::Display for #trace {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        // Sound: a struct without fields has no bytes that could be invalid.
        unsafe impl ::nn::__private::Zeroable for #name {}

        #[allow(dead_code, clippy::unused_self)]
        impl #name {
            pub const INPUTS: ::core::primitive::usize = #inputs;
            pub const OUTPUTS: ::core::primitive::usize = #outputs;
            pub const PARAMETERS: ::core::primitive::usize = 0;
            pub const fn zeros() -> Self {
                Self {}
            }
            pub const fn ones() -> Self {
                Self {}
            }
            pub const fn summary() -> ::nn::__private::Summary {
                ::nn::__private::Summary {
                    name: #name_text,
                    scalar: #scalar_text,
                    inputs: 0,
                    input_shape: &[0],
                    layers: &[],
                    output_activation: ::core::option::Option::None,
                }
            }
            pub const fn from_weights(
                _: &[::core::primitive::u8],
            ) -> ::core::result::Result<Self, ::nn::__private::bytes::BytesError> {
                ::core::result::Result::Ok(Self {})
            }
            pub fn initialized<R: ?::core::marker::Sized>(
                _: ::nn::__private::Init,
                _: &mut R,
            ) -> Self {
                Self {}
            }
            pub fn forward #generics (&self, _: &#input) -> #output {
                ::core::unreachable!()
            }
            pub fn trace<X>(&self, _: &X) -> #trace {
                ::core::unreachable!()
            }
            pub fn backward<X, D, L>(&self, _: &X, _: &D, _: L, _: &mut Self) -> #scalar {
                ::core::unreachable!()
            }
            pub fn descend<X, D, L>(&mut self, _: &X, _: &D, _: L, _: ::core::primitive::f64) -> #scalar {
                ::core::unreachable!()
            }
            pub fn loss<X, D, L>(&self, _: &X, _: &D, _: L) -> #scalar {
                ::core::unreachable!()
            }
            pub fn fill(&mut self, _: #scalar) {}
            pub fn scale(&mut self, _: #scalar) {}
            pub fn add_scaled(&mut self, _: &Self, _: #scalar) {}
            pub fn is_finite(&self) -> ::core::primitive::bool {
                true
            }
        }

        ::nn::__with_alloc! {
            #[allow(dead_code)]
            impl #name {
                pub fn zeros_boxed() -> ::nn::__private::Box<Self> {
                    ::nn::__private::Box::new(Self {})
                }
                pub fn initialized_boxed<R: ?::core::marker::Sized>(
                    _: ::nn::__private::Init,
                    _: &mut R,
                ) -> ::nn::__private::Box<Self> {
                    ::nn::__private::Box::new(Self {})
                }
            }
        }

        #traits
    }
}

/// `Network` and `Trainable`, so that generic code (optimisers, training loops) takes the stub.
/// It is trainable unless its output activation is not differentiable, as the network would be.
fn traits(stub: &Stub) -> TokenStream {
    let name = &stub.name;
    let scalar = scalar_path(stub.scalar);
    let (inputs, outputs) = stub.widths.unwrap_or((0, 0));
    let (inputs, outputs) = (width(inputs), width(outputs));
    let output_activation = stub
        .output_activation
        .clone()
        .unwrap_or_else(|| syn::Ident::new("identity", name.span()));
    let output_activation = quote!(::nn::__private::activation::by_name::#output_activation);
    let loss_bound = quote! {
        L: ::nn::__private::Loss<#scalar, [#scalar; #outputs], D>
            + ::nn::__private::PairsWith<#output_activation>
    };
    quote! {
        impl ::nn::__private::Network for #name {
            type Scalar = #scalar;
            type Input = [#scalar; #inputs];
            type Output = [#scalar; #outputs];
            const INPUTS: ::core::primitive::usize = #inputs;
            const OUTPUTS: ::core::primitive::usize = #outputs;
            const PARAMETERS: ::core::primitive::usize = 0;
            const TENSORS: &'static [::nn::__private::Tensor] = &[];
            const ZERO: Self = Self {};
            fn forward(&self, _: &Self::Input) -> Self::Output {
                ::core::unreachable!()
            }
            fn summary() -> ::nn::__private::Summary {
                Self::summary()
            }
            fn tensor(&self, _: ::core::primitive::usize) -> &[#scalar] {
                &[]
            }
            fn tensor_mut(&mut self, _: ::core::primitive::usize) -> &mut [#scalar] {
                &mut []
            }
        }

        impl ::nn::__private::Trainable for #name
        where
            for<'a> #output_activation: ::nn::__private::Differentiable,
        {
            type OutputActivation = #output_activation;
            type Workspace = ();
            fn backward<L, D>(&self, _: &Self::Input, _: &D, _: L, _: &mut Self) -> #scalar
            where
                #loss_bound
            {
                ::core::unreachable!()
            }
            fn descend<L, D>(&mut self, _: &Self::Input, _: &D, _: L, _: ::core::primitive::f64) -> #scalar
            where
                #loss_bound
            {
                ::core::unreachable!()
            }
        }
    }
}
