//! Residual blocks, `residual { STAGES } [shortcut { STAGES }]`: their stages checked as the
//! network's are, from the block's input, and the two shapes that are added compared.

use crate::errors::Errors;
use crate::model::{Kind, Layer, Source, shape_text};
use crate::parse::{Residual, Stage};
use crate::valid::{push, stage_activation, stage_layer};

/// The block's stages and its shortcut's, from `source` of shape `input`, pushed onto `layers`;
/// then the sum that ends it: its kind, its output's shape, and where it reads (the block's last
/// layer). `None` after an error, already reported.
pub fn block(
    block: Residual,
    input: &[usize],
    source: Source,
    layers: &mut Vec<Layer>,
    errors: &mut Errors,
) -> Option<(Kind, Vec<usize>, Source)> {
    let Residual {
        keyword,
        stages,
        shortcut,
    } = block;
    let main = chain(stages, input, source, layers, errors);
    let (shortcut_keyword, side) = match shortcut {
        Some((keyword, stages)) => (Some(keyword), chain(stages, input, source, layers, errors)),
        None => (None, Some((source, input.to_vec()))),
    };
    let ((last, output), (shortcut, shortcut_output)) = (main?, side?);
    if output != shortcut_output {
        let suggestion = shortcut_for(input, &output);
        let (output, shortcut_output) = (shape_text(&output), shape_text(&shortcut_output));
        let error = match &shortcut_keyword {
            Some(word) => syn::Error::new(
                word.span(),
                format!(
                    "the shortcut's output, `{shortcut_output}`, is added to the block's, \
                     `{output}`: their shapes must be the same"
                ),
            ),
            None => syn::Error::new(
                keyword.span(),
                format!(
                    "the block's output, `{output}`, is added to its input, `{shortcut_output}`: \
                     their shapes must be the same, or a shortcut must make them so, as \
                     `residual {{ … }} shortcut {{{suggestion} }}` would"
                ),
            ),
        };
        errors.push(error);
        return None;
    }
    let from = source;
    Some((Kind::Add { from, shortcut }, output, last))
}

/// The layers of `stages` in turn from `source` of shape `input`, pushed onto `layers`: where the
/// last one is, and its output's shape. `None` after an error, already reported.
fn chain(
    stages: Vec<Stage>,
    input: &[usize],
    mut source: Source,
    layers: &mut Vec<Layer>,
    errors: &mut Errors,
) -> Option<(Source, Vec<usize>)> {
    let errors_before = errors.len();
    let mut shape = Some(input.to_vec());
    for stage in stages {
        let (activation, written) = stage_activation(&stage, errors);
        if stage.layer.is_none() && stage.residual.is_none() && stage.width.is_none() {
            errors.push(syn::Error::new(
                activation.span(),
                format!(
                    "missing width after `{activation}`: every stage in a block has a layer, as \
                     in `=> {activation} 16` or `=> {activation} conv2d(16, 3x3, same)`"
                ),
            ));
            continue;
        }
        let Some((kind, output_shape, from)) =
            stage_layer(stage, shape.as_deref(), source, layers, errors)
        else {
            shape = None;
            continue;
        };
        if let Some(input_shape) = shape.replace(output_shape.clone()) {
            source = push(
                layers,
                kind,
                from,
                input_shape,
                output_shape,
                activation,
                written,
                true,
            );
        }
    }
    let shape = shape.filter(|_| errors.len() == errors_before)?;
    Some((source, shape))
}

/// A shortcut's stage that makes `input` of the shape `output`: a 1 x 1 convolution, strided if
/// the rows and columns shrink by a stride as `same` does; a dense layer for widths.
fn shortcut_for(input: &[usize], output: &[usize]) -> String {
    match (input, output) {
        (&[_, rows, columns], &[filters, out_rows, out_columns]) => {
            let stride = (1..=rows.max(columns))
                .find(|&s| rows.div_ceil(s) == out_rows && columns.div_ceil(s) == out_columns);
            match stride {
                Some(1) => format!(" => conv2d({filters}, 1x1)"),
                Some(stride) => format!(" => conv2d({filters}, 1x1, stride {stride})"),
                None => " => …".to_owned(),
            }
        }
        (_, &[width]) => format!(" => identity {width}"),
        _ => " => …".to_owned(),
    }
}
