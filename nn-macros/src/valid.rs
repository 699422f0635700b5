//! Every rule of the DSL, checked with an error on the offending token. All errors are collected,
//! and the model is still built where it can be: an unknown activation stands in as `identity` and
//! a bad width as `1`, so code using the network adds no errors of its own.

use nn_core::activation::NAMES as ACTIVATIONS;
use syn::{Ident, LitInt};

use crate::errors::Errors;
use crate::model::{Kind, Layer, Network, Scalar, Source, Stub};
use crate::parse::{Declaration, Input, Stage, Width};
use crate::{calls, residual};

/// Checks a parsed declaration: the model, or a stub when a width is missing.
pub fn check(declaration: Declaration, errors: &mut Errors) -> Result<Network, Stub> {
    let errors_before = errors.len();
    let scalar = scalar(declaration.scalar.as_ref(), errors);
    let input_shape = input_shape(&declaration, errors);
    let inputs = input_shape
        .as_ref()
        .map(|shape| shape.iter().product::<usize>());

    let mut layers = Vec::new();
    let mut output_activation = None;
    // The last stage's activation, for a stub: unknown names stand in as `identity` below.
    let mut last_activation = None;
    let mut widths_known = true;
    // The width of the last stage, which is the output width whenever it is given.
    let mut final_width = None;
    // The shape each stage reads, while it is known, and where from.
    let mut shape = Some(input_shape.clone().unwrap_or_else(|| vec![0]));
    let mut source = Source::Input;
    let last = declaration.stages.len().saturating_sub(1);
    for (index, stage) in declaration.stages.into_iter().enumerate() {
        let (activation, written) = stage_activation(&stage, errors);
        if index == last {
            last_activation = Some(activation.clone());
        }
        if stage.layer.is_none() && stage.residual.is_none() && stage.width.is_none() {
            if index == last && !layers.is_empty() {
                output_activation = Some(activation);
            } else {
                missing_width(&activation, index == last, errors);
                widths_known = false;
            }
            continue;
        }
        let Some((kind, output_shape, input)) =
            stage_layer(stage, shape.as_deref(), source, &mut layers, errors)
        else {
            shape = None;
            widths_known = false;
            continue;
        };
        final_width = (index == last).then_some(output_shape.iter().product());
        if let Some(input_shape) = shape.replace(output_shape.clone()) {
            source = push(
                &mut layers,
                kind,
                input,
                input_shape,
                output_shape,
                activation,
                written,
                false,
            );
        }
    }
    if layers.is_empty() && errors.len() == errors_before {
        errors.push(syn::Error::new(
            declaration.name.span(),
            format!(
                "the network `{}` has no layer: add a stage after the input width, as in `=> relu 3`",
                declaration.name
            ),
        ));
    }
    let (inputs, input_shape) = match (inputs, input_shape) {
        (Some(inputs), Some(input_shape)) if widths_known && !layers.is_empty() => {
            (inputs, input_shape)
        }
        _ => {
            return Err(Stub {
                vis: declaration.vis,
                name: declaration.name,
                scalar,
                // Without a layer, the final stage would apply to the inputs: as many outputs.
                widths: inputs.zip(final_width.or(inputs.filter(|_| layers.is_empty()))),
                output_activation: last_activation,
            });
        }
    };

    let network = Network {
        attrs: declaration.attrs,
        vis: declaration.vis,
        name: declaration.name,
        scalar,
        inputs,
        input_shape,
        layers,
        output_activation,
    };
    countable(network, errors)
}

/// A stage's activation, `identity` for a layer written without one, and whether it was written.
pub fn stage_activation(stage: &Stage, errors: &mut Errors) -> (Ident, bool) {
    let unwritten = match (&stage.layer, &stage.residual) {
        (Some(call), _) => calls::is_layer(&stage.activation) && stage.activation == call.name,
        (_, Some(block)) => stage.activation == block.keyword,
        (None, None) => false,
    };
    if unwritten {
        (Ident::new("identity", stage.activation.span()), false)
    } else {
        (activation(stage.activation.clone(), errors), true)
    }
}

/// What a stage with a layer computes, from `source`, whose shape `input` is if known: the
/// layer's kind, its output's shape, and where it reads. A dense layer's output is known without
/// its input's; a residual block's stages are pushed onto `layers` first. `None` after an error,
/// already reported.
pub fn stage_layer(
    stage: Stage,
    input: Option<&[usize]>,
    source: Source,
    layers: &mut Vec<Layer>,
    errors: &mut Errors,
) -> Option<(Kind, Vec<usize>, Source)> {
    match (stage.layer, stage.residual, stage.width) {
        (Some(call), _, _) => {
            let (kind, output) = calls::layer(&call, input?, errors)?;
            Some((kind, output, source))
        }
        (None, Some(block), _) => residual::block(block, input?, source, layers, errors),
        (None, None, Some(width)) => Some((Kind::Dense, vec![stage_width(width, errors)], source)),
        (None, None, None) => None,
    }
}

/// Pushes a layer onto `layers`; returns where the next one reads.
#[allow(clippy::too_many_arguments)] // A layer's fields, named where it is pushed.
pub fn push(
    layers: &mut Vec<Layer>,
    kind: Kind,
    input: Source,
    input_shape: Vec<usize>,
    output_shape: Vec<usize>,
    activation: Ident,
    activation_written: bool,
    nested: bool,
) -> Source {
    // The sum that ends a block reads the block's output, of its own shape.
    let input_shape = if matches!(kind, Kind::Add { .. }) {
        output_shape.clone()
    } else {
        input_shape
    };
    layers.push(Layer {
        kind,
        input,
        nested,
        inputs: input_shape.iter().product(),
        outputs: output_shape.iter().product(),
        input_shape,
        output_shape,
        activation,
        activation_written,
    });
    Source::Layer(layers.len() - 1)
}

/// The error of a stage without a width: the last, of a network without a layer, or another.
fn missing_width(activation: &Ident, last: bool, errors: &mut Errors) {
    let message = if last {
        format!("the network has no layer: give `{activation}` a width, as in `=> {activation} 3`")
    } else {
        format!(
            "missing width after `{activation}`: every stage but the last needs one, as in `=> {activation} 3`"
        )
    };
    errors.push(syn::Error::new(activation.span(), message));
}

/// The input's shape: a width, or `[C, H, W]`; `None` (and an error) when it is missing.
fn input_shape(declaration: &Declaration, errors: &mut Errors) -> Option<Vec<usize>> {
    let zero = "a network needs at least one input";
    match &declaration.inputs {
        Some(Input::Width(literal)) => Some(vec![width(literal, zero, errors)]),
        Some(Input::Shape { bracket, axes }) => {
            let axes_known = matches!(axes.len(), 2 | 3);
            if !axes_known {
                errors.push(syn::Error::new(
                    bracket.span.join(),
                    format!(
                        "an input shape is `[C, H, W]` (channels, rows and columns, as in `[1, 8, 8]`) \
                         or `[C, L]` (channels of one row, as in `[1, 64]`); this one has {} axes",
                        axes.len()
                    ),
                ));
            }
            let shape: Vec<_> = axes.iter().map(|axis| width(axis, zero, errors)).collect();
            let fits = shape
                .iter()
                .try_fold(1_usize, |total, &axis| total.checked_mul(axis));
            if fits.is_none() {
                errors.push(syn::Error::new(
                    bracket.span.join(),
                    "the input has more values than `usize` can count",
                ));
                return None;
            }
            axes_known.then_some(shape)
        }
        None => {
            errors.push(syn::Error::new(
                declaration.eq_token.span,
                format!(
                    "missing input width: write the number of inputs after `=`, as in `struct {} = 2 => relu 3;`",
                    declaration.name
                ),
            ));
            None
        }
    }
}

/// The network, or a stub and an error if `usize` cannot count its parameters.
fn countable(network: Network, errors: &mut Errors) -> Result<Network, Stub> {
    if parameter_count(&network).is_some() {
        return Ok(network);
    }
    errors.push(syn::Error::new(
        network.name.span(),
        format!(
            "the network `{}` has more parameters than `usize` can count",
            network.name
        ),
    ));
    let output_activation = Some(network.output_activation().clone());
    let widths = Some((network.inputs, network.outputs()));
    Err(Stub {
        vis: network.vis,
        name: network.name,
        scalar: network.scalar,
        widths,
        output_activation,
    })
}

/// `f32` unless the declaration says `: f64`.
fn scalar(scalar: Option<&Ident>, errors: &mut Errors) -> Scalar {
    match scalar {
        None => Scalar::F32,
        Some(ident) if ident == "f32" => Scalar::F32,
        Some(ident) if ident == "f64" => Scalar::F64,
        Some(ident) => {
            errors.push(syn::Error::new(
                ident.span(),
                format!("unsupported scalar type `{ident}`: a network computes in `f32` or `f64`"),
            ));
            Scalar::F32
        }
    }
}

/// What every width error says first.
const WIDTH_IS: &str = "a width is a positive integer literal such as `3`";

/// A width: a positive integer without a suffix other than `usize`. On error, `1` stands in.
fn width(literal: &LitInt, zero_message: &str, errors: &mut Errors) -> usize {
    let suffix = literal.suffix();
    let message = if literal.base10_digits().starts_with('-') {
        format!("{WIDTH_IS}, not `{}`", literal.base10_digits())
    } else if !suffix.is_empty() && suffix != "usize" {
        format!("{WIDTH_IS}, not a `{suffix}`")
    } else {
        match literal.base10_parse::<usize>() {
            Ok(0) => format!("zero width: {zero_message}"),
            Ok(width) => return width,
            Err(_) => "width too large: it does not fit in `usize`".to_owned(),
        }
    };
    errors.push(syn::Error::new(literal.span(), message));
    1
}

/// A stage's width as written; on error, `1` stands in.
fn stage_width(written: Width, errors: &mut Errors) -> usize {
    match written {
        Width::Literal(literal) => width(&literal, "a layer needs at least one unit", errors),
        Width::Invalid(tokens) => invalid_width(&tokens, errors),
    }
}

/// The error for something else written as a width (a float, a name, a string); `1` stands in.
fn invalid_width(tokens: &proc_macro2::TokenStream, errors: &mut Errors) -> usize {
    let written = tokens.to_string().replace("- ", "-");
    let name = syn::parse2::<Ident>(tokens.clone()).is_ok();
    let message = if name {
        format!(
            "{WIDTH_IS}, not a name: the macro computes every size as it expands, before \
             `{written}` has a value"
        )
    } else {
        format!("{WIDTH_IS}, not `{written}`")
    };
    errors.push(syn::Error::new_spanned(tokens, message));
    1
}

/// The activation if its name is known; otherwise an error, and `identity` in its place so the
/// rest of the network is still generated.
fn activation(name: Ident, errors: &mut Errors) -> Ident {
    let text = name.to_string();
    if ACTIVATIONS.contains(&text.as_str()) {
        return name;
    }
    let expected = ACTIVATIONS
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let suggestion = closest(&text)
        .map(|known| format!("; did you mean `{known}`?"))
        .unwrap_or_default();
    errors.push(syn::Error::new(
        name.span(),
        format!("unknown activation `{text}`: expected one of {expected}{suggestion}"),
    ));
    Ident::new("identity", name.span())
}

/// The known activation within two edits of `name`, if exactly one is.
fn closest(name: &str) -> Option<&'static str> {
    let name = name.to_lowercase();
    let mut near = ACTIVATIONS
        .iter()
        .filter(|known| edit_distance(&name, known) <= 2);
    let first = near.next()?;
    near.next().is_none().then_some(*first)
}

/// Levenshtein distance over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The parameter count, `None` if it or a layer's multiply-adds overflow `usize`.
fn parameter_count(network: &Network) -> Option<usize> {
    network.layers.iter().try_fold(0_usize, |total, layer| {
        let (rows, columns) = match &layer.kind {
            Kind::Dense => (layer.inputs, layer.outputs),
            Kind::Conv2d {
                filters, kernel, ..
            } => (
                layer.input_shape[0]
                    .checked_mul(kernel[0])?
                    .checked_mul(kernel[1])?,
                *filters,
            ),
            Kind::Conv1d {
                filters, kernel, ..
            } => (layer.input_shape[0].checked_mul(*kernel)?, *filters),
            Kind::DepthwiseConv2d { kernel, .. } => {
                (kernel[0].checked_mul(kernel[1])?, layer.input_shape[0])
            }
            Kind::Pool2d { .. } | Kind::Add { .. } => (0, 0),
            Kind::BatchNorm { .. } => (3, layer.input_shape[0]),
        };
        let weights = rows.checked_mul(columns)?;
        // The multiply-adds, which the layer's rules compute, fit too.
        weights.checked_mul(layer.outputs)?;
        weights.checked_add(columns)?.checked_add(total)
    })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{check, closest, edit_distance};
    use crate::errors::Errors;
    use crate::model::Scalar;

    fn checked(
        tokens: proc_macro2::TokenStream,
    ) -> (Result<crate::model::Network, crate::model::Stub>, String) {
        let mut errors = Errors::default();
        let result = check(syn::parse2(tokens).unwrap(), &mut errors);
        (result, errors.to_compile_errors().to_string())
    }

    #[test]
    fn builds_the_model_of_a_valid_network() {
        let (network, errors) =
            checked(quote!(pub struct Net: f64 = 784 => relu 128 => identity 10 => softmax));
        let network = network.ok().unwrap();
        assert!(errors.is_empty());
        assert_eq!(network.scalar, Scalar::F64);
        assert_eq!((network.inputs, network.outputs()), (784, 10));
        assert_eq!(network.parameters(), 784 * 128 + 128 + 128 * 10 + 10);
        assert_eq!(network.output_activation.as_ref().unwrap(), "softmax");
        assert_eq!(network.spec(), "784 => relu 128 => identity 10 => softmax");
    }

    #[test]
    fn builds_the_model_of_a_convolutional_network() {
        let (network, errors) = checked(quote!(
            struct Net = [3, 9, 8] => relu conv2d(4, 3x2, stride 2, same) => avg_pool2d(2x2)
                => softmax 10
        ));
        let network = network.ok().unwrap();
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(
            (network.inputs, network.input_shape.as_slice()),
            (216, &[3, 9, 8][..])
        );
        // `same`, stride 2: ceil(9 / 2) x ceil(8 / 2); then 2 x 2 windows, floored.
        let shapes: Vec<_> = network
            .layers
            .iter()
            .map(|l| l.output_shape.clone())
            .collect();
        assert_eq!(shapes, [vec![4, 5, 4], vec![4, 2, 2], vec![10]]);
        assert_eq!(network.parameters(), (3 * 3 * 2 * 4 + 4) + (16 * 10 + 10));
        assert_eq!(
            network.spec(),
            "[3, 9, 8] => relu conv2d(4, 3x2, stride 2, same) => avg_pool2d(2x2) => softmax 10"
        );
        assert!(!network.layers[1].activation_written);
    }

    #[test]
    fn bad_widths_and_names_stand_in_so_the_network_is_still_generated() {
        let (network, errors) =
            checked(quote!(struct Net = 0 => rleu 3 => relu 99999999999999999999999));
        let network = network.ok().unwrap();
        assert_eq!(network.inputs, 1);
        assert_eq!(network.layers[0].activation, "identity");
        assert_eq!(network.outputs(), 1);
        assert!(errors.contains("zero width"), "{errors}");
        assert!(errors.contains("did you mean `relu`"), "{errors}");
        assert!(errors.contains("width too large"), "{errors}");
    }

    #[test]
    fn every_width_that_is_not_a_positive_integer_says_what_a_width_is() {
        for (tokens, expected) in [
            (quote!(struct Net = 2 => relu -3), "not `-3`"),
            (quote!(struct Net = 2 => relu 3.5), "not `3.5`"),
            (quote!(struct Net = 2 => relu -0.5), "not `-0.5`"),
            (quote!(struct Net = 2 => relu WIDTH), "not a name"),
            (quote!(struct Net = 2 => relu 3u8), "not a `u8`"),
        ] {
            let (network, errors) = checked(tokens);
            assert_eq!(network.ok().unwrap().outputs(), 1);
            assert!(errors.contains("a width is a"), "{errors}");
            assert!(errors.contains(expected), "{errors}");
        }
    }

    #[test]
    fn missing_widths_leave_a_stub_with_what_is_known() {
        let (stub, errors) = checked(quote!(struct Net = 2 => relu => identity 1));
        assert_eq!(stub.err().unwrap().widths, Some((2, 1)));
        assert!(errors.contains("missing width after `relu`"), "{errors}");

        let (stub, _) = checked(quote!(struct Net = => relu 3));
        assert_eq!(stub.err().unwrap().widths, None);

        let (stub, errors) = checked(quote!(struct Net = 3 => softmax));
        let stub = stub.err().unwrap();
        assert_eq!(stub.widths, Some((3, 3)));
        assert_eq!(stub.output_activation.unwrap(), "softmax");
        assert!(errors.contains("has no layer"), "{errors}");
    }

    #[test]
    fn overflowing_parameter_counts_are_errors() {
        let huge = proc_macro2::Literal::usize_unsuffixed(usize::MAX / 2);
        let (stub, errors) = checked(quote!(struct Net = 4 => relu #huge));
        assert!(stub.is_err());
        assert!(
            errors.contains("more parameters than `usize` can count"),
            "{errors}"
        );
    }

    #[test]
    fn suggestions_need_one_close_name() {
        assert_eq!(edit_distance("relu", "relu"), 0);
        assert_eq!(edit_distance("rleu", "relu"), 2);
        assert_eq!(edit_distance("", "tanh"), 4);
        assert_eq!(closest("Sigmoid"), Some("sigmoid"));
        assert_eq!(closest("leakyrelu"), Some("leaky_relu"));
        assert_eq!(closest("gelu"), Some("relu"));
        assert_eq!(closest("convolution"), None);
    }
}
