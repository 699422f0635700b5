//! Code generation: one file per generated part.

mod backward;
mod forward;
mod inherent;
mod network;
mod structure;
mod trace;
mod weights;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use crate::errors::Errors;
use crate::model::{Network, Scalar, Stub};
use crate::parse::{self, Declaration, Part};
use crate::{fallback, valid};

/// Expands a whole `network!` invocation: every declaration, then every error found.
pub fn networks(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let mut output = TokenStream::new();
    let parts = parse::split_declarations(input);
    if parts.iter().all(|part| part.tokens.is_empty()) {
        errors.push(syn::Error::new(
            proc_macro2::Span::call_site(),
            "expected a network declaration, as in `network! { pub struct Net = 2 => relu 3; }`",
        ));
    }
    // The names declared so far: a second network of the same name is one error, on its name,
    // and generates nothing (the first one stands).
    let mut names = Vec::new();
    for part in parts {
        output.extend(part_code(part, &mut names, &mut errors));
    }
    output.extend(errors.to_compile_errors());
    output
}

/// The code of one part of the input: nothing for an extra `;` or a name declared before (an
/// error each), else the network, or a stub after errors.
fn part_code(part: Part, names: &mut Vec<Ident>, errors: &mut Errors) -> TokenStream {
    if part.tokens.is_empty() {
        if let Some(semicolon) = part.semicolon {
            errors.push(syn::Error::new(
                semicolon.span(),
                "extra `;`: one `;` ends each declaration",
            ));
        }
        return TokenStream::new();
    }
    let name = parse::find_name(&part.tokens);
    if let Some(name) = &name {
        if names.contains(name) {
            errors.push(syn::Error::new(
                name.span(),
                format!("a network named `{name}` is already declared in this `network!`"),
            ));
            return TokenStream::new();
        }
        names.push(name.clone());
    }
    match syn::parse2::<Declaration>(part.tokens) {
        Ok(declaration) => match valid::check(declaration, errors) {
            Ok(network) => network_code(&network),
            Err(stub) => fallback::stub(&stub),
        },
        Err(error) => {
            errors.push(error);
            name.map(|name| {
                fallback::stub(&Stub {
                    vis: syn::parse_quote!(pub),
                    name,
                    scalar: Scalar::F32,
                    widths: None,
                    output_activation: None,
                })
            })
            .unwrap_or_default()
        }
    }
}

fn network_code(network: &Network) -> TokenStream {
    let mut code = structure::generate(network);
    code.extend(inherent::generate(network));
    code.extend(forward::generate(network));
    code.extend(trace::generate(network));
    code.extend(backward::generate(network));
    code.extend(network::generate(network));
    code.extend(weights::generate(network));
    code
}

/// `::core::primitive::f32` or `f64`: immune to anything the user has named `f32`.
fn scalar_type(network: &Network) -> TokenStream {
    scalar_path(network.scalar)
}

pub(crate) fn scalar_path(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::F32 => quote!(::core::primitive::f32),
        Scalar::F64 => quote!(::core::primitive::f64),
    }
}

/// `[T; IN]` and `[T; OUT]`, the types of `forward`'s input and output.
fn io_types(network: &Network) -> (TokenStream, TokenStream) {
    let scalar = scalar_type(network);
    let (inputs, outputs) = (width(network.inputs), width(network.outputs()));
    (quote!([#scalar; #inputs]), quote!([#scalar; #outputs]))
}

/// `layer1`, `layer2`, … for the layer at `index` (from 0).
fn layer_field(index: usize) -> Ident {
    format_ident!("layer{}", index + 1)
}

/// The activation's type, spanned to the name the user wrote.
fn activation_type(name: &Ident) -> TokenStream {
    quote_spanned!(name.span()=> ::nn::__private::activation::by_name::#name)
}

/// A width as an unsuffixed literal, so rustc's errors read `[f32; 3]`.
pub(crate) fn width(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}
