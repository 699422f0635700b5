//! The plan of a network: each layer's names, widths and types in the generated code, worked out
//! once from the model. Every generator renders the plan's steps instead of walking the model's
//! layers and naming things itself.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{activation_type, scalar_type, width};
use crate::model::{Layer, Network};

/// A network and the steps of its layers, first to last.
pub struct Plan<'a> {
    pub network: &'a Network,
    /// One per layer, at least one.
    pub steps: Vec<Step<'a>>,
}

/// One layer as the generated code names it. The values of a layer `n` are named after it: `un`
/// (total input), `zn` (output), `dun` and `dzn` (the loss's gradients with respect to them).
pub struct Step<'a> {
    /// The model's layer: widths and the activation as the user wrote it.
    pub layer: &'a Layer,
    /// 1 for the first layer.
    pub number: usize,
    /// The struct's field: `layer1`.
    pub field: Ident,
    /// The field's type: `::nn::__private::Dense<T, I, O>`.
    pub ty: TokenStream,
    /// The input and output widths, as literals.
    pub inputs: Literal,
    pub outputs: Literal,
    /// The activation's type, spanned to the name the user wrote.
    pub activation: TokenStream,
    pub u: Ident,
    pub z: Ident,
    pub du: Ident,
    pub dz: Ident,
    /// What the layer reads for one sample: `x` for the first, the previous layer's `&z` after.
    pub input: TokenStream,
    /// What it reads in a block: `x` for the first, the previous layer's rows after.
    pub block_input: TokenStream,
    /// This layer's outputs in a block, as the next layer reads them: `z1_rows`.
    pub rows: Ident,
    /// Where this layer's input gradient goes: the previous layer's `dz`; none for the first.
    pub previous_dz: Option<Ident>,
    /// `du` of a block transposed, for the input gradient: `du_columns1`.
    pub du_columns: Ident,
}

impl<'a> Plan<'a> {
    pub fn new(network: &'a Network) -> Self {
        let scalar = scalar_type(network);
        let steps = network
            .layers
            .iter()
            .enumerate()
            .map(|(index, layer)| {
                let number = index + 1;
                let (inputs, outputs) = (width(layer.inputs), width(layer.outputs));
                let previous = (number > 1).then(|| number - 1);
                Step {
                    layer,
                    number,
                    field: format_ident!("layer{number}"),
                    ty: quote!(::nn::__private::Dense<#scalar, #inputs, #outputs>),
                    inputs,
                    outputs,
                    activation: activation_type(&layer.activation),
                    u: format_ident!("u{number}"),
                    z: format_ident!("z{number}"),
                    du: format_ident!("du{number}"),
                    dz: format_ident!("dz{number}"),
                    input: previous.map_or(quote!(x), |previous| {
                        let z = format_ident!("z{previous}");
                        quote!(&#z)
                    }),
                    block_input: previous.map_or(quote!(x), |previous| {
                        let rows = format_ident!("z{previous}_rows");
                        quote!(#rows)
                    }),
                    rows: format_ident!("z{number}_rows"),
                    previous_dz: previous.map(|previous| format_ident!("dz{previous}")),
                    du_columns: format_ident!("du_columns{number}"),
                }
            })
            .collect();
        Self { network, steps }
    }

    /// The last step: the network's output before a final activation-only stage.
    pub fn last(&self) -> &Step<'a> {
        self.steps.last().expect("a network has at least one layer")
    }
}
