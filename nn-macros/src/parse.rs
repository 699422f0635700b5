//! Syntax only: the tokens of one declaration, read into a tree that keeps every token for spans.
//!
//! ```text
//! [#[attr]]* [pub] struct NAME [: f32 | f64] = INPUT (=> STAGE)*
//! INPUT = WIDTH | [C, H, W]
//! STAGE = ACTIVATION [WIDTH] | [ACTIVATION] LAYER(ARGS) | [ACTIVATION] RESIDUAL
//! RESIDUAL = residual { STAGE+ } [shortcut { STAGE+ }]
//! ```
//!
//! Parsing is lenient about what [`crate::valid`] can explain better (a missing width, an unknown
//! activation name) and strict about structure.

use proc_macro2::{Punct, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitInt, Token, Visibility, braced, bracketed, parenthesized, token};

/// One `struct NAME = ...` declaration.
pub struct Declaration {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    /// `f32` or `f64` after a colon, if given.
    pub scalar: Option<Ident>,
    /// The `=` token, where a missing input width is reported.
    pub eq_token: Token![=],
    /// The input width or shape; `None` when the first stage follows `=` directly.
    pub inputs: Option<Input>,
    pub stages: Vec<Stage>,
}

/// What follows `=`: a width, or a shape in brackets.
pub enum Input {
    Width(LitInt),
    /// `[C, H, W]`, channel first.
    Shape {
        bracket: token::Bracket,
        axes: Punctuated<LitInt, Token![,]>,
    },
}

/// `=> ACTIVATION [WIDTH]`, `=> ACTIVATION LAYER(ARGS)` or `=> LAYER(ARGS)`, or a residual block
/// with or without an activation.
pub struct Stage {
    /// The first name after `=>`: the activation, or the layer of a stage without one.
    pub activation: Ident,
    pub width: Option<Width>,
    /// A layer other than dense, with its arguments.
    pub layer: Option<Call>,
    /// A residual block.
    pub residual: Option<Residual>,
}

/// `residual { STAGES } [shortcut { STAGES }]`: stages whose output is added to their input, or
/// to what the shortcut's stages make of it.
pub struct Residual {
    /// `residual`, where errors about the block as a whole go.
    pub keyword: Ident,
    pub stages: Vec<Stage>,
    /// `shortcut` and its stages.
    pub shortcut: Option<(Ident, Vec<Stage>)>,
}

/// `conv2d(16, 3x3, stride 2, same)`: a layer's name and its arguments, each the tokens between
/// two commas.
pub struct Call {
    pub name: Ident,
    pub paren: token::Paren,
    pub args: Vec<TokenStream>,
}

/// What follows an activation where a width belongs.
pub enum Width {
    /// An integer literal, still to be checked by [`crate::valid`] (negative only when a
    /// declarative macro passed `-3` as one literal).
    Literal(LitInt),
    /// Anything else but the next stage (a float, a constant's name, a string): kept for its
    /// span and its text, for [`crate::valid`] to say what a width is.
    Invalid(TokenStream),
}

impl Parse for Declaration {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        if !input.peek(Token![struct]) {
            return Err(input.error(
                "expected `struct`: a network is declared as `struct NAME = 2 => relu 3;`",
            ));
        }
        input.parse::<Token![struct]>()?;
        let name: Ident = input.parse()?;
        let scalar = if input.peek(Token![:]) {
            input.parse::<Token![:]>()?;
            Some(input.call(Ident::parse_any)?)
        } else {
            None
        };
        if !input.peek(Token![=]) {
            return Err(input.error(format!(
                "expected `=` after the network's name, as in `struct {name} = 2 => relu 3;`"
            )));
        }
        let eq_token = input.parse()?;
        let inputs = if input.peek(LitInt) {
            Some(Input::Width(input.parse()?))
        } else if input.peek(token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let axes = Punctuated::parse_terminated(&content)?;
            Some(Input::Shape { bracket, axes })
        } else if input.peek(Token![=>]) {
            None
        } else {
            return Err(input.error(
                "expected the input width, a number such as `2`, or a shape such as `[1, 8, 8]`, after `=`",
            ));
        };
        let mut stages = Vec::new();
        while !input.is_empty() {
            if !input.peek(Token![=>]) {
                let found = input
                    .cursor()
                    .token_tree()
                    .map(|(token, _)| token.to_string())
                    .unwrap_or_default();
                return Err(input.error(format!(
                    "unexpected `{found}`: expected `=>` and the next stage, or `;` to end the network"
                )));
            }
            stages.push(input.parse()?);
        }
        Ok(Self {
            attrs,
            vis,
            name,
            scalar,
            eq_token,
            inputs,
            stages,
        })
    }
}

impl Parse for Stage {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let arrow: Token![=>] = input.parse()?;
        if input.is_empty() {
            return Err(syn::Error::new_spanned(
                arrow,
                "expected an activation after this `=>`, as in `=> relu 3`, or no `=>`",
            ));
        }
        if !input.peek(Ident::peek_any) {
            return Err(input.error(
                "expected an activation after `=>`: a stage is written `=> relu 3` (activation, then width)",
            ));
        }
        let activation = input.call(Ident::parse_any)?;
        let stage = |layer, residual| Self {
            activation: activation.clone(),
            width: None,
            layer,
            residual,
        };
        if input.peek(token::Paren) {
            return Ok(stage(Some(call(activation.clone(), input)?), None));
        }
        if input.peek(token::Brace) {
            return Ok(stage(None, Some(residual(activation.clone(), input)?)));
        }
        if input.peek(Ident::peek_any) && input.peek2(token::Paren) {
            let name = input.call(Ident::parse_any)?;
            return Ok(stage(Some(call(name, input)?), None));
        }
        if input.peek(Ident::peek_any) && input.peek2(token::Brace) {
            let keyword = input.call(Ident::parse_any)?;
            return Ok(stage(None, Some(residual(keyword, input)?)));
        }
        // syn would read `-3` as one literal spanning only the `-`; as two tokens, the error
        // spans both.
        let width = if input.peek(LitInt) && !input.peek(Token![-]) {
            Some(Width::Literal(input.parse()?))
        } else if input.is_empty() || input.peek(Token![=>]) {
            None
        } else {
            Some(Width::Invalid(invalid_width(input)?))
        };
        Ok(Self {
            activation,
            width,
            layer: None,
            residual: None,
        })
    }
}

/// A residual block after its keyword: its stages in braces, then perhaps `shortcut` and its
/// own.
fn residual(keyword: Ident, input: ParseStream) -> syn::Result<Residual> {
    if keyword != "residual" {
        return Err(syn::Error::new(
            keyword.span(),
            format!("unknown block `{keyword}`: a block of stages in braces is `residual {{ … }}`"),
        ));
    }
    let stages = block(input)?;
    let shortcut = if input.peek(Ident::peek_any) && input.peek2(token::Brace) {
        let word = input.call(Ident::parse_any)?;
        if word != "shortcut" {
            return Err(syn::Error::new(
                word.span(),
                format!(
                    "unexpected `{word}`: after a residual block, `shortcut {{ … }}` or the next stage"
                ),
            ));
        }
        Some((word, block(input)?))
    } else {
        None
    };
    Ok(Residual {
        keyword,
        stages,
        shortcut,
    })
}

/// Stages in braces: `{ => relu conv2d(16, 3x3, same) => conv2d(16, 3x3, same) }`.
fn block(input: ParseStream) -> syn::Result<Vec<Stage>> {
    let content;
    let brace = braced!(content in input);
    let mut stages = Vec::new();
    while !content.is_empty() {
        if !content.peek(Token![=>]) {
            return Err(content.error(
                "expected `=>` and a stage in the block, as in `{ => relu conv2d(16, 3x3, same) }`",
            ));
        }
        stages.push(content.parse()?);
    }
    if stages.is_empty() {
        return Err(syn::Error::new(
            brace.span.join(),
            "an empty block: it needs at least one stage, as in `{ => relu conv2d(16, 3x3, same) }`",
        ));
    }
    Ok(stages)
}

/// A layer's arguments in parentheses after its name, split at commas.
fn call(name: Ident, input: ParseStream) -> syn::Result<Call> {
    let content;
    let paren = parenthesized!(content in input);
    let mut args = vec![TokenStream::new()];
    while !content.is_empty() {
        let token: TokenTree = content.parse()?;
        if matches!(&token, TokenTree::Punct(punct) if punct.as_char() == ',') {
            args.push(TokenStream::new());
        } else if let Some(arg) = args.last_mut() {
            arg.extend([token]);
        }
    }
    // A trailing comma leaves an empty argument.
    if args.last().is_some_and(TokenStream::is_empty) {
        args.pop();
    }
    Ok(Call { name, paren, args })
}

/// The tokens of something written where a width belongs: one token, or a `-` and the literal
/// after it.
fn invalid_width(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let first: TokenTree = input.parse()?;
    let negative = matches!(&first, TokenTree::Punct(punct) if punct.as_char() == '-');
    tokens.extend([first]);
    if negative && input.peek(syn::Lit) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// The tokens of one declaration and the `;` that ends it (none after the last, where it may be
/// left out).
pub struct Part {
    pub tokens: TokenStream,
    pub semicolon: Option<Punct>,
}

/// Splits the macro input into declarations at each top-level `;`, so that one broken declaration
/// does not hide the others. A part without tokens is an extra `;`.
pub fn split_declarations(input: TokenStream) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut current = Vec::new();
    for token in input {
        match token {
            TokenTree::Punct(punct) if punct.as_char() == ';' => {
                parts.push(Part {
                    tokens: current.drain(..).collect(),
                    semicolon: Some(punct),
                });
            }
            token => current.push(token),
        }
    }
    if !current.is_empty() {
        parts.push(Part {
            tokens: current.into_iter().collect(),
            semicolon: None,
        });
    }
    parts
}

/// The name after `struct` in tokens that failed to parse, to emit a stub under that name.
pub fn find_name(declaration: &TokenStream) -> Option<Ident> {
    let mut tokens = declaration.clone().into_iter();
    tokens.find(|token| matches!(token, TokenTree::Ident(ident) if ident == "struct"))?;
    match tokens.next() {
        Some(TokenTree::Ident(name)) => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::LitInt;

    use super::{Declaration, Input, Width, find_name, split_declarations};

    #[test]
    fn parses_every_part() {
        let declaration: Declaration =
            syn::parse2(quote!(#[doc = "x"] pub struct Net: f64 = 2 => relu 3 => softmax)).unwrap();
        assert_eq!(declaration.attrs.len(), 1);
        assert_eq!(declaration.name, "Net");
        assert_eq!(declaration.scalar.unwrap(), "f64");
        assert!(
            matches!(declaration.inputs, Some(Input::Width(width)) if width.base10_digits() == "2")
        );
        let stages = &declaration.stages;
        assert_eq!(stages.len(), 2);
        assert_eq!(stages[0].activation, "relu");
        assert!(
            matches!(&stages[0].width, Some(Width::Literal(width)) if width.base10_digits() == "3")
        );
        assert_eq!(stages[1].activation, "softmax");
        assert!(stages[1].width.is_none());
    }

    #[test]
    fn parses_shapes_and_layer_calls() {
        let declaration: Declaration = syn::parse2(quote!(
            struct Net = [1, 8, 8] => relu conv2d(16, 3x3, stride 2,) => max_pool2d(2x2) => relu 10
        ))
        .unwrap();
        let Some(Input::Shape { axes, .. }) = &declaration.inputs else {
            panic!("not a shape");
        };
        let axes: Vec<_> = axes.iter().map(LitInt::base10_digits).collect();
        assert_eq!(axes, ["1", "8", "8"]);
        let stages = &declaration.stages;
        let conv = stages[0].layer.as_ref().unwrap();
        assert_eq!(
            (stages[0].activation.to_string(), conv.name.to_string()),
            ("relu".into(), "conv2d".into())
        );
        let args: Vec<_> = conv.args.iter().map(ToString::to_string).collect();
        assert_eq!(args, ["16", "3x3", "stride 2"]);
        let pool = stages[1].layer.as_ref().unwrap();
        assert_eq!(
            (stages[1].activation.to_string(), pool.name.to_string()),
            ("max_pool2d".into(), "max_pool2d".into())
        );
        assert!(stages[2].layer.is_none());
    }

    #[test]
    fn keywords_parse_as_activation_names_for_valid_to_reject() {
        let declaration: Declaration = syn::parse2(quote!(struct Net = 2 => type 3)).unwrap();
        assert_eq!(declaration.stages[0].activation, "type");
    }

    #[test]
    fn structural_mistakes_are_parse_errors() {
        for (tokens, message) in [
            (quote!(struct Net = 2 => relu 3 foo), "unexpected `foo`"),
            (quote!(struct Net = 2 => 3), "expected an activation"),
            (quote!(struct Net 2 => relu 3), "expected `=`"),
            (quote!(Net = 2 => relu 3), "expected `struct`"),
            (quote!(struct Net = relu 3), "expected the input width"),
            (quote!(struct Net = 2 => relu 3 =>), "after this `=>`"),
        ] {
            let error = syn::parse2::<Declaration>(tokens).err().unwrap();
            assert!(error.to_string().contains(message), "{error}");
        }
    }

    #[test]
    fn anything_but_a_stage_after_an_activation_is_an_invalid_width() {
        for (tokens, width) in [
            (quote!(struct Net = 2 => relu 3.5), "3.5"),
            (quote!(struct Net = 2 => relu WIDTH => identity 1), "WIDTH"),
            (quote!(struct Net = 2 => relu -3.5), "- 3.5"),
            (quote!(struct Net = 2 => relu -3), "- 3"),
            (quote!(struct Net = 2 => relu "3"), "\"3\""),
        ] {
            let declaration: Declaration = syn::parse2(tokens).unwrap();
            match &declaration.stages[0].width {
                Some(Width::Invalid(tokens)) => assert_eq!(tokens.to_string(), width),
                _ => panic!("`{width}` is not an invalid width"),
            }
        }
        let declaration: Declaration = syn::parse2(quote!(struct Net = 2 => relu -3)).unwrap();
        assert!(
            matches!(&declaration.stages[0].width, Some(Width::Invalid(tokens)) if tokens.to_string() == "- 3")
        );
    }

    #[test]
    fn splits_at_semicolons_and_finds_names() {
        let parts = split_declarations(
            quote!(struct A = 1 => relu 1; #[x] pub struct B = oops;; struct C = 1),
        );
        assert_eq!(parts.len(), 4);
        assert!(parts[2].tokens.is_empty() && parts[2].semicolon.is_some());
        assert!(parts[3].semicolon.is_none());
        let names: Vec<_> = [&parts[0], &parts[1], &parts[3]]
            .iter()
            .map(|p| find_name(&p.tokens).unwrap().to_string())
            .collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert!(find_name(&quote!(= 2 => relu 3)).is_none());
    }
}
