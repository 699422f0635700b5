//! The `network!` macro of [`nn`](https://docs.rs/nn); use it through the `nn` crate, which
//! documents the syntax.
//!
//! The macro works in four steps, one module each: `parse` reads the tokens into a syntax tree,
//! `valid` checks it and builds the `model` (widths and stages, with the user's spans kept for
//! errors), `expand` generates the code, and `fallback` stands in for a declaration that could
//! not be generated so one mistake does not cascade into many errors.

#![forbid(unsafe_code)]

mod calls;
mod errors;
mod expand;
mod fallback;
mod fold;
mod model;
mod parse;
mod residual;
mod valid;

use proc_macro::TokenStream;

// Documented where users meet it, on the `nn` facade's re-export: rustdoc appends the docs of
// the item to those of the re-export, so a doc comment here would be shown twice.
#[allow(missing_docs)]
#[proc_macro]
pub fn network(input: TokenStream) -> TokenStream {
    expand::networks(input.into()).into()
}
