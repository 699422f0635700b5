//! Collects every error of an invocation, so the user sees all of them at once.

use proc_macro2::TokenStream;

/// The errors found so far; reported together as `compile_error!`s.
#[derive(Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// The count so far, to tell whether a step added any.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn to_compile_errors(&self) -> TokenStream {
        self.0.iter().map(syn::Error::to_compile_error).collect()
    }
}
