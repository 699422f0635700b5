//! The layers written as calls, `conv2d(16, 3x3, stride 2, same)` and `max_pool2d(2x2)`: their
//! arguments checked, their output shapes computed, every error on the token at fault.
//!
//! ```text
//! conv2d(FILTERS, KERNEL [, stride S] [, same | valid | padding P])
//! max_pool2d(WINDOW [, stride S])    avg_pool2d(WINDOW [, stride S])    global_avg_pool2d()
//! ```
//!
//! `KERNEL`, `WINDOW`, `S` and `P` are `3` (the same along rows and columns) or `3x2` (rows x
//! columns).

use nn_core::{Pool2d, Sliding};
use proc_macro2::{TokenStream, TokenTree};
use syn::Ident;

use crate::errors::Errors;
use crate::model::{Kind, shape_text};
use crate::parse::Call;

/// The layers written as calls.
pub const NAMES: [&str; 4] = ["conv2d", "max_pool2d", "avg_pool2d", "global_avg_pool2d"];

/// A layer of a call: what it computes and its output's shape. `None` after an error (already
/// reported), which leaves the shape unknown from there on.
pub fn layer(call: &Call, input: &[usize], errors: &mut Errors) -> Option<(Kind, Vec<usize>)> {
    let name = call.name.to_string();
    if !NAMES.contains(&name.as_str()) {
        let known = NAMES.map(|name| format!("`{name}(…)`")).join(", ");
        errors.push(syn::Error::new(
            call.name.span(),
            format!("unknown layer `{name}`: expected {known}, or a width for a dense layer"),
        ));
        return None;
    }
    let [channels, rows, columns] = *input else {
        errors.push(syn::Error::new(
            call.name.span(),
            format!(
                "`{name}` takes channels of rows and columns, `[C, H, W]`, but its input is `{}`: \
                 declare the network's input as `[C, H, W]`",
                shape_text(input)
            ),
        ));
        return None;
    };
    let size = [rows, columns];
    match name.as_str() {
        "conv2d" => conv2d(call, size, errors),
        "global_avg_pool2d" => {
            if let Some(extra) = call.args.first() {
                errors.push(syn::Error::new_spanned(
                    extra,
                    "`global_avg_pool2d()` takes no arguments: its window is the whole input",
                ));
                return None;
            }
            let pool = Pool2d {
                window: size,
                stride: size,
            };
            let written = "global_avg_pool2d()".to_owned();
            let kind = Kind::Pool2d {
                max: false,
                pool,
                written,
            };
            Some((kind, vec![channels, 1, 1]))
        }
        _ => pool2d(call, name == "max_pool2d", channels, size, errors),
    }
}

/// `conv2d(FILTERS, KERNEL, …)`.
fn conv2d(call: &Call, size: [usize; 2], errors: &mut Errors) -> Option<(Kind, Vec<usize>)> {
    let usage = "as in `conv2d(16, 3x3)`: filters, then kernel rows x columns";
    let (Some(filters), Some(kernel)) = (call.args.first(), call.args.get(1)) else {
        errors.push(syn::Error::new(
            call.paren.span.join(),
            format!("`conv2d` needs its filters and its kernel, {usage}"),
        ));
        return None;
    };
    let filters = count(filters, "filters", usage, errors);
    let kernel = pair(kernel, "kernel", usage, errors);
    let options = options(&call.args[2..], true, errors)?;
    let (filters, kernel) = (filters?, kernel?);
    let stride = options.stride.unwrap_or([1, 1]);
    let mut output = [0; 2];
    let mut padding = [0; 2];
    for axis in 0..2 {
        let (before, out) = match options.padding {
            Padding::Valid => (0, 0),
            Padding::Same => {
                // TensorFlow's: `ceil(n / stride)` places, the odd zero after.
                let out = size[axis].div_ceil(stride[axis]);
                let total = ((out - 1) * stride[axis] + kernel[axis]).saturating_sub(size[axis]);
                (total / 2, out)
            }
            Padding::Both(padding) => (padding[axis], 0),
        };
        padding[axis] = before;
        let sliding = Sliding { stride, padding };
        output[axis] = match options.padding {
            Padding::Same => out,
            Padding::Valid | Padding::Both(_) => sliding.output_len(size[axis], kernel[axis], axis),
        };
    }
    let sliding = Sliding { stride, padding };
    if output.contains(&0) {
        errors.push(syn::Error::new_spanned(
            &call.args[1],
            format!(
                "the kernel {} does not fit in its input, {}{}",
                pair_text(kernel),
                pair_text(size),
                if padding == [0, 0] {
                    " (with `same`, the input is padded to fit it)"
                } else {
                    ""
                }
            ),
        ));
        return None;
    }
    let written = format!(
        "conv2d({filters}, {}{}{})",
        pair_text(kernel),
        options.stride.map_or(String::new(), |stride| format!(
            ", stride {}",
            step_text(stride)
        )),
        match options.padding {
            Padding::Valid => String::new(),
            Padding::Same => ", same".to_owned(),
            Padding::Both(padding) => format!(", padding {}", step_text(padding)),
        }
    );
    let kind = Kind::Conv2d {
        filters,
        kernel,
        sliding,
        written,
    };
    Some((kind, vec![filters, output[0], output[1]]))
}

/// `max_pool2d(WINDOW, …)` or `avg_pool2d(WINDOW, …)`.
fn pool2d(
    call: &Call,
    max: bool,
    channels: usize,
    size: [usize; 2],
    errors: &mut Errors,
) -> Option<(Kind, Vec<usize>)> {
    let name = &call.name;
    let usage = format!("as in `{name}(2x2)`: the window's rows x columns");
    let Some(window) = call.args.first() else {
        errors.push(syn::Error::new(
            call.paren.span.join(),
            format!("`{name}` needs its window, {usage}"),
        ));
        return None;
    };
    let window_written = window;
    let window = pair(window, "window", &usage, errors);
    let options = options(&call.args[1..], false, errors)?;
    let window = window?;
    let stride = options.stride.unwrap_or(window);
    let pool = Pool2d { window, stride };
    let output = [pool.output_len(size[0], 0), pool.output_len(size[1], 1)];
    if output.contains(&0) {
        errors.push(syn::Error::new_spanned(
            window_written,
            format!(
                "the window {} does not fit in its input, {}",
                pair_text(window),
                pair_text(size)
            ),
        ));
        return None;
    }
    let written = format!(
        "{name}({}{})",
        pair_text(window),
        options.stride.map_or(String::new(), |stride| format!(
            ", stride {}",
            step_text(stride)
        ))
    );
    let kind = Kind::Pool2d { max, pool, written };
    Some((kind, vec![channels, output[0], output[1]]))
}

/// How a convolution pads its input.
#[derive(Clone, Copy)]
enum Padding {
    Valid,
    Same,
    /// As many zeros before and after: rows, columns.
    Both([usize; 2]),
}

/// The options after a layer's sizes.
struct Options {
    stride: Option<[usize; 2]>,
    padding: Padding,
}

/// `stride S`, and for a convolution `same`, `valid` or `padding P`: each at most once. `None`
/// after an error.
fn options(args: &[TokenStream], padding: bool, errors: &mut Errors) -> Option<Options> {
    let errors_before = errors.len();
    let mut options = Options {
        stride: None,
        padding: Padding::Valid,
    };
    let mut padding_given = false;
    let expected = if padding {
        "`stride 2`, `same`, `valid` or `padding 1`"
    } else {
        "`stride 2`"
    };
    for arg in args {
        let mut tokens = arg.clone().into_iter();
        let first = tokens.next();
        let rest: TokenStream = tokens.collect();
        let word = match &first {
            Some(TokenTree::Ident(word)) => word.to_string(),
            _ => String::new(),
        };
        match word.as_str() {
            "stride" if options.stride.is_none() => {
                let stride = pair(&rest, "stride", "as in `stride 2` or `stride 2x1`", errors);
                options.stride = stride;
            }
            "same" | "valid" | "padding" if padding && !padding_given => {
                padding_given = true;
                options.padding = match word.as_str() {
                    "same" if rest.is_empty() => Padding::Same,
                    "valid" if rest.is_empty() => Padding::Valid,
                    "padding" => {
                        let zeros = zeros(&rest, errors);
                        Padding::Both(zeros.unwrap_or([0, 0]))
                    }
                    _ => {
                        errors.push(syn::Error::new_spanned(
                            &rest,
                            format!("unexpected `{rest}` after `{word}`"),
                        ));
                        Padding::Valid
                    }
                };
            }
            "stride" => errors.push(syn::Error::new_spanned(
                arg,
                "a second stride: the layer has one",
            )),
            "same" | "valid" | "padding" if padding => errors.push(syn::Error::new_spanned(
                arg,
                format!(
                    "a second padding, `{arg}`: the layer has one, `same`, `valid` or `padding P`"
                ),
            )),
            _ => errors.push(syn::Error::new_spanned(
                arg,
                format!("unexpected `{arg}`: expected {expected}"),
            )),
        }
    }
    (errors.len() == errors_before).then_some(options)
}

/// `padding P`: zeros, which may be 0.
fn zeros(tokens: &TokenStream, errors: &mut Errors) -> Option<[usize; 2]> {
    let usage = "as in `padding 1` or `padding 1x0`";
    match parse_pair(tokens) {
        Some(zeros) => Some(zeros),
        None => {
            errors.push(syn::Error::new_spanned(
                tokens,
                format!("the padding is a number of zeros, {usage}"),
            ));
            None
        }
    }
}

/// A positive count, such as the filters.
fn count(tokens: &TokenStream, what: &str, usage: &str, errors: &mut Errors) -> Option<usize> {
    match parse_pair(tokens) {
        Some([count, same]) if count > 0 && count == same && !tokens.to_string().contains('x') => {
            Some(count)
        }
        _ => {
            errors.push(syn::Error::new_spanned(
                tokens,
                format!("the {what} are a positive integer, {usage}, not `{tokens}`"),
            ));
            None
        }
    }
}

/// Positive rows and columns: `3` or `3x2`.
fn pair(tokens: &TokenStream, what: &str, usage: &str, errors: &mut Errors) -> Option<[usize; 2]> {
    match parse_pair(tokens) {
        Some(pair) if !pair.contains(&0) => Some(pair),
        Some(_) => {
            errors.push(syn::Error::new_spanned(
                tokens,
                format!("a {what} of 0: every {what} is at least 1, {usage}"),
            ));
            None
        }
        None => {
            errors.push(syn::Error::new_spanned(
                tokens,
                format!(
                    "expected the {what}, {usage}, not `{}`",
                    if tokens.is_empty() {
                        "nothing".to_owned()
                    } else {
                        tokens.to_string()
                    }
                ),
            ));
            None
        }
    }
}

/// `3` as `[3, 3]`, `3x2` as `[3, 2]`: one integer literal (Rust reads `3x2` as `3` with the
/// suffix `x2`), read from its text so that `0x3` is not hexadecimal.
fn parse_pair(tokens: &TokenStream) -> Option<[usize; 2]> {
    let mut iter = tokens.clone().into_iter();
    let (Some(TokenTree::Literal(literal)), None) = (iter.next(), iter.next()) else {
        return None;
    };
    let text = literal.to_string();
    let number = |text: &str| -> Option<usize> {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    match text.split_once('x') {
        None => number(&text).map(|n| [n, n]),
        Some((rows, columns)) => Some([number(rows)?, number(columns)?]),
    }
}

/// A kernel's or window's size: `3x3`.
fn pair_text([rows, columns]: [usize; 2]) -> String {
    format!("{rows}x{columns}")
}

/// A stride or padding: `2`, or `2x1` where rows and columns differ.
fn step_text([rows, columns]: [usize; 2]) -> String {
    if rows == columns {
        rows.to_string()
    } else {
        format!("{rows}x{columns}")
    }
}

/// The name of a layer written as a call.
pub fn is_layer(name: &Ident) -> bool {
    NAMES.contains(&name.to_string().as_str())
}
