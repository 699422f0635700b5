//! Code generation: one file per generated part.

mod arena;
mod backward;
mod batch_norm;
mod fold;
mod forward;
mod inherent;
mod network;
mod plan;
mod quantized;
#[cfg(test)]
mod snapshots;
mod structure;
mod trace;
mod training_arena;
mod weights;

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Visibility;

use crate::errors::Errors;
use crate::model::{Network, Scalar, Stub};
use crate::parse::{self, Declaration, Part};
use crate::{fallback, valid};
use plan::Plan;

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
            Ok(network) => {
                let mut code = network_code(&network);
                // With batch normalisation to fold: `NAMEFolded`, and how to make it.
                if let Some(folded) = crate::fold::folded(&network) {
                    code.extend(network_code(&folded.network));
                    code.extend(fold::generate(&network, &folded));
                }
                code
            }
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

/// Networks expanded so far in this compilation: each gets a module of its own name.
static EXPANDED: AtomicUsize = AtomicUsize::new(0);

/// The network's items, in a hidden module of their own, and its names re-exported where it was
/// declared. Two networks of one name in one module are then one error, on the second name (the
/// name defined twice), instead of one for each of their items.
fn network_code(network: &Network) -> TokenStream {
    let inside = Network {
        vis: visibility_inside(&network.vis),
        ..network.clone()
    };
    let plan = Plan::new(&inside);
    let mut code = structure::generate(&plan);
    code.extend(inherent::generate(&plan));
    code.extend(forward::generate(&plan));
    code.extend(arena::generate(&plan));
    code.extend(trace::generate(&plan));
    code.extend(backward::generate(&plan));
    code.extend(training_arena::generate(&plan));
    code.extend(quantized::generate(&plan));
    code.extend(network::generate(&plan));
    code.extend(weights::generate(&plan));
    let (vis, name) = (&network.vis, &network.name);
    let module = format_ident!(
        "__nn_network_{}_{}",
        name,
        EXPANDED.fetch_add(1, Ordering::Relaxed)
    );
    // At the name, for the error of a name defined twice; in the macro's context, so that lints
    // on the import itself (`unreachable_pub`, say) are not reported on the user's tokens.
    let span = proc_macro2::Span::call_site().located_at(name.span());
    let imported = Ident::new(&name.to_string(), span);
    let import = quote_spanned!(span=> #vis use #module::#imported;);
    quote! {
        #[doc(hidden)]
        #[allow(non_snake_case)]
        mod #module {
            #[allow(unused_imports)]
            use super::*;
            #code
        }
        #[allow(unused_imports)]
        #import
        // The other generated names (`NAMETrace`), without a second error for a second network
        // of the same name.
        #[allow(unused_imports)]
        #vis use #module::*;
    }
}

/// The visibility, seen from one module further in, that reaches what `vis` reaches.
fn visibility_inside(vis: &Visibility) -> Visibility {
    match vis {
        Visibility::Inherited => syn::parse_quote!(pub(super)),
        Visibility::Public(_) => vis.clone(),
        Visibility::Restricted(restricted) => {
            let path = &restricted.path;
            let first = path
                .segments
                .first()
                .map(|segment| segment.ident.to_string());
            match first.as_deref() {
                Some("self") => {
                    let rest = path.segments.iter().skip(1);
                    syn::parse_quote!(pub(in super #(::#rest)*))
                }
                Some("super") => syn::parse_quote!(pub(in super::#path)),
                _ => vis.clone(),
            }
        }
    }
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

/// The activation's type, spanned to the name the user wrote.
fn activation_type(name: &Ident) -> TokenStream {
    quote_spanned!(name.span()=> ::nn::__private::activation::by_name::#name)
}

/// A width as an unsuffixed literal, so rustc's errors read `[f32; 3]`.
pub(crate) fn width(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;
    use syn::Visibility;

    use super::visibility_inside;

    #[test]
    fn visibilities_reach_as_far_from_one_module_further_in() {
        for (outside, inside) in [
            ("", "pub (super)"),
            ("pub", "pub"),
            ("pub(crate)", "pub (crate)"),
            ("pub(self)", "pub (in super)"),
            ("pub(super)", "pub (in super :: super)"),
            ("pub(in super::a)", "pub (in super :: super :: a)"),
            ("pub(in crate::a)", "pub (in crate :: a)"),
        ] {
            let vis: Visibility = syn::parse_str(outside).unwrap();
            assert_eq!(
                visibility_inside(&vis).to_token_stream().to_string(),
                inside,
                "{outside}"
            );
        }
    }
}
