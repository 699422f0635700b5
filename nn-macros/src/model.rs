//! The network as the code generator sees it: checked widths and stages, with the user's tokens
//! kept so generated code can point back at them.

use nn_core::layer::Shape;
use syn::{Attribute, Ident, Visibility};

/// One declared network, valid.
#[derive(Clone)]
pub struct Network {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    pub scalar: Scalar,
    pub inputs: usize,
    /// The dense layers, at least one.
    pub layers: Vec<Layer>,
    /// The activation of a final stage without a width, applied to the last layer's output.
    pub output_activation: Option<Ident>,
}

/// What is known of a declaration that cannot be generated, for [`crate::fallback`].
pub struct Stub {
    pub vis: Visibility,
    pub name: Ident,
    pub scalar: Scalar,
    /// The input and output widths, when both were written correctly.
    pub widths: Option<(usize, usize)>,
    /// The activation of the last stage, when it is a known one.
    pub output_activation: Option<Ident>,
}

/// A dense layer `inputs -> outputs` followed by `activation`.
#[derive(Clone)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    /// The activation's name as the user wrote it, one of `nn_core::activation::NAMES`.
    pub activation: Ident,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    F32,
    F64,
}

impl Scalar {
    pub fn name(self) -> &'static str {
        match self {
            Self::F32 => "f32",
            Self::F64 => "f64",
        }
    }
}

impl Network {
    pub fn outputs(&self) -> usize {
        self.layers
            .last()
            .map_or(self.inputs, |layer| layer.outputs)
    }

    pub fn parameters(&self) -> usize {
        self.layers.iter().map(Layer::parameters).sum()
    }

    /// The activation that produces the output: the final stage's, or the last layer's.
    pub fn output_activation(&self) -> &Ident {
        match (&self.output_activation, self.layers.last()) {
            (Some(activation), _) => activation,
            (None, Some(layer)) => &layer.activation,
            (None, None) => unreachable!("a valid network has at least one layer"),
        }
    }

    /// Every activation in order, the final stage's included.
    pub fn activations(&self) -> impl Iterator<Item = &Ident> {
        let layers = self.layers.iter().map(|layer| &layer.activation);
        layers.chain(&self.output_activation)
    }

    /// The declaration as written, normalised: `2 => relu 3 => identity 1`.
    pub fn spec(&self) -> String {
        let layers = self
            .layers
            .iter()
            .map(|layer| format!(" => {} {}", layer.activation, layer.outputs));
        let output = self
            .output_activation
            .iter()
            .map(|activation| format!(" => {activation}"));
        self.inputs.to_string() + &layers.chain(output).collect::<String>()
    }
}

impl Layer {
    /// The layer's shape, whose rules (counts, size) are `nn-core`'s.
    pub fn shape(&self) -> Shape {
        Shape::dense(self.inputs, self.outputs)
    }

    pub fn parameters(&self) -> usize {
        self.shape().parameters()
    }
}
