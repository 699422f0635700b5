//! Every rule of the DSL, checked with an error on the offending token. All errors are collected,
//! and the model is still built where it can be: an unknown activation stands in as `identity` and
//! a bad width as `1`, so code using the network adds no errors of its own.

use nn_core::activation::NAMES as ACTIVATIONS;
use syn::{Ident, LitInt};

use crate::errors::Errors;
use crate::model::{Layer, Network, Scalar, Stub};
use crate::parse::{Declaration, Width};

/// Checks a parsed declaration: the model, or a stub when a width is missing.
pub fn check(declaration: Declaration, errors: &mut Errors) -> Result<Network, Stub> {
    let errors_before = errors.len();
    let scalar = scalar(declaration.scalar.as_ref(), errors);
    let inputs = input_width(&declaration, errors);

    let mut layers = Vec::new();
    let mut output_activation = None;
    // The last stage's activation, for a stub: unknown names stand in as `identity` below.
    let mut last_activation = None;
    let mut widths_known = true;
    // The width of the last stage, which is the output width whenever it is given.
    let mut final_width = None;
    let mut previous = inputs.unwrap_or(0);
    let last = declaration.stages.len().saturating_sub(1);
    for (index, stage) in declaration.stages.into_iter().enumerate() {
        let activation = activation(stage.activation, errors);
        if index == last {
            last_activation = Some(activation.clone());
        }
        match stage.width {
            Some(written) => {
                let outputs = stage_width(written, errors);
                layers.push(Layer {
                    inputs: previous,
                    outputs,
                    activation,
                });
                previous = outputs;
                final_width = (index == last).then_some(outputs);
            }
            None if index == last && !layers.is_empty() => output_activation = Some(activation),
            None if index == last => {
                errors.push(syn::Error::new(
                    activation.span(),
                    format!(
                        "the network has no layer: give `{activation}` a width, as in `=> {activation} 3`"
                    ),
                ));
                widths_known = false;
            }
            None => {
                errors.push(syn::Error::new(
                    activation.span(),
                    format!(
                        "missing width after `{activation}`: every stage but the last needs one, as in `=> {activation} 3`"
                    ),
                ));
                widths_known = false;
            }
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
    let inputs = match inputs {
        Some(inputs) if widths_known && !layers.is_empty() => inputs,
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
        layers,
        output_activation,
    };
    countable(network, errors)
}

/// The input width, `None` (and an error) when it is missing.
fn input_width(declaration: &Declaration, errors: &mut Errors) -> Option<usize> {
    match &declaration.inputs {
        Some(literal) => Some(width(literal, "a network needs at least one input", errors)),
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

/// The parameter count, `None` if it overflows `usize`.
fn parameter_count(network: &Network) -> Option<usize> {
    network.layers.iter().try_fold(0_usize, |total, layer| {
        layer
            .inputs
            .checked_mul(layer.outputs)?
            .checked_add(layer.outputs)?
            .checked_add(total)
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
