//! The `network!` macro of [`nn`](https://docs.rs/nn); use it through the `nn` crate, which
//! documents the syntax.
//!
//! The macro works in four steps, one module each: `parse` reads the tokens into a syntax tree,
//! `valid` checks it and builds the `model` (widths and stages, with the user's spans kept for
//! errors), `expand` generates the code, and `fallback` stands in for a declaration that could
//! not be generated so one mistake does not cascade into many errors.

#![forbid(unsafe_code)]

mod errors;
mod expand;
mod fallback;
mod model;
mod parse;
mod valid;

use proc_macro::TokenStream;

/// Declares networks: `network! { pub struct Mlp = 2 => relu 3 => identity 1; }`.
///
/// See the `nn` crate for the syntax and what is generated.
#[proc_macro]
pub fn network(input: TokenStream) -> TokenStream {
    expand::networks(input.into()).into()
}
