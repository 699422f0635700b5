//! The network as the code generator sees it: checked widths and stages, with the user's tokens
//! kept so generated code can point back at them.

use nn_core::layer::Shape;
use nn_core::{Normalization, Pool2d, Sliding};
use syn::{Attribute, Ident, Visibility};

/// One declared network, valid.
#[derive(Clone)]
pub struct Network {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    pub scalar: Scalar,
    /// The input width: the product of the input's shape.
    pub inputs: usize,
    /// The input's shape: `[width]`, or `[C, H, W]`.
    pub input_shape: Vec<usize>,
    /// The layers, at least one.
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

/// Where a layer reads its input: the network's input, or a layer's output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Input,
    /// The output of `layers[index]`.
    Layer(usize),
}

/// A layer `inputs -> outputs` followed by `activation`.
#[derive(Clone)]
pub struct Layer {
    pub kind: Kind,
    /// What it reads: the layer before it, but for the first layers of a residual block and its
    /// shortcut, which read the block's input.
    pub input: Source,
    /// Whether it is written inside a residual block (or its shortcut), whose `Kind::Add` writes
    /// it back into the declaration's text.
    pub nested: bool,
    /// The input and output widths: the products of their shapes.
    pub inputs: usize,
    pub outputs: usize,
    /// The input's and the output's shapes: `[width]`, or `[C, H, W]`.
    pub input_shape: Vec<usize>,
    pub output_shape: Vec<usize>,
    /// The activation's name as the user wrote it, one of `nn_core::activation::NAMES`; for a
    /// layer written without one, `identity`, spanned to the layer's name.
    pub activation: Ident,
    /// Whether the user wrote the activation.
    pub activation_written: bool,
}

/// What a layer computes.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `u = x·W + b`, of the input flattened.
    Dense,
    /// A 2-D convolution of `filters` filters, `kernel` rows x columns, placed as `sliding` says;
    /// `written` is the call as the declaration gives it, normalised.
    Conv2d {
        filters: usize,
        kernel: [usize; 2],
        sliding: Sliding,
        written: String,
    },
    /// A depthwise 2-D convolution: a `kernel` per channel, placed as `sliding` says.
    DepthwiseConv2d {
        kernel: [usize; 2],
        sliding: Sliding,
        written: String,
    },
    /// A 1-D convolution: `filters` kernels `kernel` long stepping `stride`, `padding` zeros
    /// before the input.
    Conv1d {
        filters: usize,
        kernel: usize,
        stride: usize,
        padding: usize,
        written: String,
    },
    /// Batch normalisation of each channel (the first axis of its input).
    BatchNorm {
        normalization: Normalization,
        written: String,
    },
    /// The end of a residual block: the block's last output (the layer's `input`) plus
    /// `shortcut`, the block's input `from` or its shortcut's last output.
    Add { from: Source, shortcut: Source },
    /// 2-D pooling, or 1-D pooling as 2-D over one row: the largest value of each window, or
    /// the mean.
    Pool2d {
        max: bool,
        pool: Pool2d,
        written: String,
    },
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
            .enumerate()
            .filter(|(_, layer)| !layer.nested)
            .map(|(index, _)| self.stage_text(index));
        let output = self
            .output_activation
            .iter()
            .map(|activation| format!(" => {activation}"));
        shape_text(&self.input_shape) + &layers.chain(output).collect::<String>()
    }
}

/// A shape as the declaration writes it: `784`, or `[1, 8, 8]`.
pub fn shape_text(shape: &[usize]) -> String {
    match shape {
        [width] => width.to_string(),
        axes => {
            let axes: Vec<_> = axes.iter().map(ToString::to_string).collect();
            format!("[{}]", axes.join(", "))
        }
    }
}

impl Network {
    /// Layer `index`'s stage as the declaration writes it, normalised: ` => relu conv2d(16,
    /// 3x3)`, or for the sum ending a residual block, the block's stages and its shortcut's.
    pub fn stage_text(&self, index: usize) -> String {
        let layer = &self.layers[index];
        let activation = if layer.activation_written {
            format!("{} ", layer.activation)
        } else {
            String::new()
        };
        let Kind::Add { from, shortcut } = layer.kind else {
            return format!(" => {activation}{}", layer.written());
        };
        let block = self.chain_text(layer.input, from);
        let shortcut = if shortcut == from {
            String::new()
        } else {
            format!(" shortcut {{{} }}", self.chain_text(shortcut, from))
        };
        format!(" => {activation}residual {{{block} }}{shortcut}")
    }

    /// The stages from the one after `from` to `last`, as the declaration writes them: each
    /// stage reads the one before (a residual block, its own input).
    fn chain_text(&self, last: Source, from: Source) -> String {
        let mut stages = Vec::new();
        let mut at = last;
        while let Source::Layer(index) = at {
            if at == from {
                break;
            }
            stages.push(self.stage_text(index));
            at = match self.layers[index].kind {
                Kind::Add { from, .. } => from,
                _ => self.layers[index].input,
            };
        }
        stages.reverse();
        stages.concat()
    }
}

impl Layer {
    /// The values the layer reads: its input, and for a residual block's sum, its shortcut's.
    pub fn reads(&self) -> impl Iterator<Item = Source> {
        let shortcut = match self.kind {
            Kind::Add { shortcut, .. } => Some(shortcut),
            _ => None,
        };
        core::iter::once(self.input).chain(shortcut)
    }

    /// The layer's shape, whose rules (counts, size) are `nn-core`'s.
    pub fn shape(&self) -> Shape {
        let output = self
            .output_shape
            .get(1..3)
            .map_or([1, 1], |axes| [axes[0], axes[1]]);
        match &self.kind {
            Kind::Dense => Shape::dense(self.inputs, self.outputs),
            Kind::Conv2d {
                filters, kernel, ..
            } => Shape::conv2d(self.input_shape[0], *filters, *kernel, output),
            Kind::Conv1d {
                filters, kernel, ..
            } => Shape::conv1d(self.input_shape[0], *filters, *kernel, output[1]),
            Kind::DepthwiseConv2d { kernel, .. } => {
                Shape::depthwise_conv2d(self.input_shape[0], *kernel, output)
            }
            Kind::Add { .. } => Shape::Add {
                values: self.outputs,
            },
            Kind::BatchNorm { .. } => Shape::BatchNorm {
                channels: self.input_shape[0],
                places: self.input_shape[1..].iter().product(),
            },
            Kind::Pool2d { pool, .. } => Shape::Pool2d {
                channels: self.input_shape[0],
                window: pool.window,
                output,
            },
        }
    }

    /// The layer as the declaration writes it after the activation: `3`, `conv2d(16, 3x3)`.
    pub fn written(&self) -> String {
        match &self.kind {
            Kind::Dense => self.outputs.to_string(),
            Kind::Add { .. } => "residual".to_owned(),
            Kind::Conv2d { written, .. }
            | Kind::Conv1d { written, .. }
            | Kind::DepthwiseConv2d { written, .. }
            | Kind::BatchNorm { written, .. }
            | Kind::Pool2d { written, .. } => written.clone(),
        }
    }

    /// Whether it has parameters: a struct field.
    pub fn has_parameters(&self) -> bool {
        !matches!(self.kind, Kind::Pool2d { .. } | Kind::Add { .. })
    }

    pub fn parameters(&self) -> usize {
        self.shape().parameters()
    }
}
