//! The layers written as calls, `conv2d(16, 3x3, stride 2, same)` and `max_pool2d(2x2)`: their
//! arguments checked, their output shapes computed, every error on the token at fault.
//!
//! ```text
//! conv2d(FILTERS, KERNEL [, stride S] [, same | valid | padding P])
//! depthwise_conv2d(KERNEL [, stride S] [, same | valid | padding P])
//! max_pool2d(WINDOW [, stride S])    avg_pool2d(WINDOW [, stride S])    global_avg_pool2d()
//! batch_norm([eps E] [, momentum M])
//! conv1d(…)    max_pool1d(…)    avg_pool1d(…)    global_avg_pool1d()
//! ```
//!
//! In 2-D, `KERNEL`, `WINDOW`, `S` and `P` are `3` (the same along rows and columns) or `3x2`
//! (rows x columns); in 1-D, one number. A 1-D layer is computed as a 2-D one over one row: its
//! sizes are kept here as `[1, n]`, its stride `[1, s]` and its padding `[0, p]`.

use nn_core::{Normalization, Pool2d, Sliding};
use proc_macro2::{TokenStream, TokenTree};
use syn::Ident;

use crate::errors::Errors;
use crate::model::{Kind, shape_text};
use crate::parse::Call;

/// The layers written as calls.
pub const NAMES: [&str; 10] = [
    "conv2d",
    "depthwise_conv2d",
    "batch_norm",
    "max_pool2d",
    "avg_pool2d",
    "global_avg_pool2d",
    "conv1d",
    "max_pool1d",
    "avg_pool1d",
    "global_avg_pool1d",
];

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
    if name == "batch_norm" {
        let kind = batch_norm(call, errors)?;
        return Some((kind, input.to_vec()));
    }
    let one_d = name.ends_with("1d");
    let (channels, size) = match *input {
        [channels, rows, columns] if !one_d => (channels, [rows, columns]),
        [channels, length] if one_d => (channels, [1, length]),
        _ => {
            let (shape, example) = if one_d {
                ("channels of one row, `[C, L]`", "[1, 64]")
            } else {
                ("channels of rows and columns, `[C, H, W]`", "[1, 8, 8]")
            };
            errors.push(syn::Error::new(
                call.name.span(),
                format!(
                    "`{name}` takes {shape}, but its input is `{}`: declare the network's input \
                     as such a shape, as in `{example}`",
                    shape_text(input)
                ),
            ));
            return None;
        }
    };
    let (kind, output) = match name.trim_end_matches("1d").trim_end_matches("2d") {
        "conv" => conv(call, size, one_d, errors)?,
        "depthwise_conv" => conv(call, size, false, errors)?,
        "global_avg_pool" => {
            if let Some(extra) = call.args.first() {
                errors.push(syn::Error::new_spanned(
                    extra,
                    format!("`{name}()` takes no arguments: its window is the whole input"),
                ));
                return None;
            }
            let pool = Pool2d {
                window: size,
                stride: size,
            };
            let kind = Kind::Pool2d {
                max: false,
                pool,
                written: format!("{name}()"),
            };
            (kind, [1, 1])
        }
        pool_name => pool(call, pool_name == "max_pool", size, one_d, errors)?,
    };
    let shape = match &kind {
        Kind::Conv2d { filters, .. } | Kind::Conv1d { filters, .. } => *filters,
        _ => channels,
    };
    let shape = if one_d {
        vec![shape, output[1]]
    } else {
        vec![shape, output[0], output[1]]
    };
    Some((kind, shape))
}

/// `conv2d(FILTERS, KERNEL, …)`, `conv1d(…)` or `depthwise_conv2d(KERNEL, …)`: the layer and
/// its output's rows and columns.
fn conv(
    call: &Call,
    size: [usize; 2],
    one_d: bool,
    errors: &mut Errors,
) -> Option<(Kind, [usize; 2])> {
    let name = &call.name;
    let depthwise = name == "depthwise_conv2d";
    let usage = if depthwise {
        "as in `depthwise_conv2d(3x3)`: kernel rows x columns, one kernel per channel"
    } else if one_d {
        "as in `conv1d(16, 3)`: filters, then the kernel's length"
    } else {
        "as in `conv2d(16, 3x3)`: filters, then kernel rows x columns"
    };
    // A depthwise convolution's filters are its channels: its kernel comes first.
    let sizes = if depthwise { 1 } else { 2 };
    let (filters, kernel) = match (depthwise, call.args.first(), call.args.get(1)) {
        (true, Some(kernel), _) => (None, kernel),
        (false, Some(filters), Some(kernel)) => (Some(filters), kernel),
        _ => {
            let what = if depthwise {
                "its kernel"
            } else {
                "its filters and its kernel"
            };
            errors.push(syn::Error::new(
                call.paren.span.join(),
                format!("`{name}` needs {what}, {usage}"),
            ));
            return None;
        }
    };
    if depthwise && call.args.get(1).and_then(parse_pair).is_some() {
        errors.push(syn::Error::new_spanned(
            kernel,
            format!("`{name}` takes no filter count: it has one filter per input channel, {usage}"),
        ));
        return None;
    }
    let filters = filters.map(|filters| count(filters, "filters", usage, errors));
    let kernel = size_of(kernel, "kernel", usage, one_d, errors);
    let options = options(&call.args[sizes..], true, one_d, errors)?;
    let (filters, kernel) = (filters.unwrap_or(Some(0))?, kernel?);
    let (sliding, output) = placement(size, kernel, &options);
    if output.contains(&0) {
        errors.push(syn::Error::new_spanned(
            &call.args[sizes - 1],
            format!(
                "the kernel {} does not fit in its input, {}{}",
                size_text(kernel, one_d),
                size_text(size, one_d),
                if sliding.padding == [0, 0] {
                    " (with `same`, the input is padded to fit it)"
                } else {
                    ""
                }
            ),
        ));
        return None;
    }
    let written = format!(
        "{name}({}{}{}{})",
        if depthwise {
            String::new()
        } else {
            format!("{filters}, ")
        },
        size_text(kernel, one_d),
        options.stride.map_or(String::new(), |stride| format!(
            ", stride {}",
            step_text(stride, one_d)
        )),
        match options.padding {
            Padding::Valid => String::new(),
            Padding::Same => ", same".to_owned(),
            Padding::Both(padding) => format!(", padding {}", step_text(padding, one_d)),
        }
    );
    let kind = if depthwise {
        Kind::DepthwiseConv2d {
            kernel,
            sliding,
            written,
        }
    } else if one_d {
        Kind::Conv1d {
            filters,
            kernel: kernel[1],
            stride: sliding.stride[1],
            padding: sliding.padding[1],
            written,
        }
    } else {
        Kind::Conv2d {
            filters,
            kernel,
            sliding,
            written,
        }
    };
    Some((kind, output))
}

/// `batch_norm(eps E, momentum M)`, each optional, `PyTorch`'s defaults otherwise: any input,
/// whose first axis is the channels (a dense layer's outputs, each a channel of one value).
fn batch_norm(call: &Call, errors: &mut Errors) -> Option<Kind> {
    let errors_before = errors.len();
    let mut normalization = Normalization::PYTORCH;
    let mut given = Vec::new();
    for arg in &call.args {
        let mut tokens = arg.clone().into_iter();
        let (Some(TokenTree::Ident(word)), Some(TokenTree::Literal(value)), None) =
            (tokens.next(), tokens.next(), tokens.next())
        else {
            errors.push(syn::Error::new_spanned(
                arg,
                format!("unexpected `{arg}`: expected `eps 0.001` or `momentum 0.01`"),
            ));
            continue;
        };
        let number = value.to_string().replace('_', "").parse::<f64>().ok();
        let (word_text, range) = (word.to_string(), (0.0..=1.0));
        if given.contains(&word_text) {
            errors.push(syn::Error::new_spanned(arg, format!("a second `{word}`")));
            continue;
        }
        let target = match word_text.as_str() {
            "eps" => &mut normalization.eps,
            "momentum" => &mut normalization.momentum,
            _ => {
                errors.push(syn::Error::new_spanned(
                    &word,
                    format!("unknown option `{word}`: expected `eps` or `momentum`"),
                ));
                continue;
            }
        };
        match number {
            Some(number) if range.contains(&number) => *target = number,
            _ => errors.push(syn::Error::new_spanned(
                &value,
                format!("`{word}` is a number from 0 to 1, as in `{word} 0.01`, not `{value}`"),
            )),
        }
        given.push(word_text);
    }
    (errors.len() == errors_before).then(|| {
        let mut options = Vec::new();
        if normalization.eps != Normalization::PYTORCH.eps {
            options.push(format!("eps {}", normalization.eps));
        }
        if normalization.momentum != Normalization::PYTORCH.momentum {
            options.push(format!("momentum {}", normalization.momentum));
        }
        Kind::BatchNorm {
            normalization,
            written: format!("batch_norm({})", options.join(", ")),
        }
    })
}

/// Where a kernel goes over an input of `size` rows and columns as `options` say, and its
/// output's rows and columns (0 where it does not fit).
fn placement(size: [usize; 2], kernel: [usize; 2], options: &Options) -> (Sliding, [usize; 2]) {
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
    (Sliding { stride, padding }, output)
}

/// `max_pool2d(WINDOW, …)`, `avg_pool2d(WINDOW, …)` or their 1-D forms: the layer and its
/// output's rows and columns.
fn pool(
    call: &Call,
    max: bool,
    size: [usize; 2],
    one_d: bool,
    errors: &mut Errors,
) -> Option<(Kind, [usize; 2])> {
    let name = &call.name;
    let usage = if one_d {
        format!("as in `{name}(2)`: the window's length")
    } else {
        format!("as in `{name}(2x2)`: the window's rows x columns")
    };
    let Some(window) = call.args.first() else {
        errors.push(syn::Error::new(
            call.paren.span.join(),
            format!("`{name}` needs its window, {usage}"),
        ));
        return None;
    };
    let window_written = window;
    let window = size_of(window, "window", &usage, one_d, errors);
    let options = options(&call.args[1..], false, one_d, errors)?;
    let window = window?;
    let stride = options.stride.unwrap_or(window);
    let pool = Pool2d { window, stride };
    let output = [pool.output_len(size[0], 0), pool.output_len(size[1], 1)];
    if output.contains(&0) {
        errors.push(syn::Error::new_spanned(
            window_written,
            format!(
                "the window {} does not fit in its input, {}",
                size_text(window, one_d),
                size_text(size, one_d)
            ),
        ));
        return None;
    }
    let written = format!(
        "{name}({}{})",
        size_text(window, one_d),
        options.stride.map_or(String::new(), |stride| format!(
            ", stride {}",
            step_text(stride, one_d)
        ))
    );
    Some((Kind::Pool2d { max, pool, written }, output))
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
fn options(
    args: &[TokenStream],
    padding: bool,
    one_d: bool,
    errors: &mut Errors,
) -> Option<Options> {
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
    let usage = if one_d {
        "as in `stride 2`"
    } else {
        "as in `stride 2` or `stride 2x1`"
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
                options.stride = size_of(&rest, "stride", usage, one_d, errors);
            }
            "same" | "valid" | "padding" if padding && !padding_given => {
                padding_given = true;
                options.padding = match word.as_str() {
                    "same" if rest.is_empty() => Padding::Same,
                    "valid" if rest.is_empty() => Padding::Valid,
                    "padding" => {
                        let zeros = zeros(&rest, one_d, errors);
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

/// `padding P`: zeros, which may be 0; in 1-D, `[0, P]`.
fn zeros(tokens: &TokenStream, one_d: bool, errors: &mut Errors) -> Option<[usize; 2]> {
    let usage = if one_d {
        "as in `padding 1`"
    } else {
        "as in `padding 1` or `padding 1x0`"
    };
    match parse_pair(tokens) {
        Some([_, zeros]) if one_d && !tokens.to_string().contains('x') => Some([0, zeros]),
        Some(zeros) if !one_d => Some(zeros),
        _ => {
            errors.push(syn::Error::new_spanned(
                tokens,
                format!("the padding is a number of zeros, {usage}"),
            ));
            None
        }
    }
}

/// A kernel's, window's or stride's size: in 2-D, rows and columns (`3` or `3x2`); in 1-D, one
/// number `n`, kept as `[1, n]`.
fn size_of(
    tokens: &TokenStream,
    what: &str,
    usage: &str,
    one_d: bool,
    errors: &mut Errors,
) -> Option<[usize; 2]> {
    if one_d && tokens.to_string().contains('x') {
        errors.push(syn::Error::new_spanned(
            tokens,
            format!("a 1-D {what} is one number, {usage}, not `{tokens}`"),
        ));
        return None;
    }
    let size = pair(tokens, what, usage, errors)?;
    Some(if one_d { [1, size[1]] } else { size })
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

/// A kernel's, window's or input's size: `3x3`, or in 1-D `3`.
fn size_text([rows, columns]: [usize; 2], one_d: bool) -> String {
    if one_d {
        columns.to_string()
    } else {
        format!("{rows}x{columns}")
    }
}

/// A stride or padding: `2`, or `2x1` where rows and columns differ; in 1-D, the columns'.
fn step_text([rows, columns]: [usize; 2], one_d: bool) -> String {
    if rows == columns || one_d {
        columns.to_string()
    } else {
        format!("{rows}x{columns}")
    }
}

/// The name of a layer written as a call.
pub fn is_layer(name: &Ident) -> bool {
    NAMES.contains(&name.to_string().as_str())
}
