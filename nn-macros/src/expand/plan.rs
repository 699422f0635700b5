//! The plan of a network: each layer's names, widths and types in the generated code, worked out
//! once from the model. Every generator renders the plan's steps instead of walking the model's
//! layers and naming things itself.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{activation_type, scalar_type, width};
use crate::model::{Kind, Layer, Network, Source};

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
    /// The struct's field: `layer1`; a layer without parameters (pooling) has none, but the
    /// name is kept for its values'.
    pub field: Ident,
    /// The field's type: `::nn::__private::Dense<T, I, O>`, `Conv2d<T, C, F, KH, KW>`.
    pub ty: TokenStream,
    /// The scalar type.
    pub scalar: TokenStream,
    /// The input and output widths, as literals.
    pub inputs: Literal,
    pub outputs: Literal,
    /// The activation's type, spanned to the name the user wrote.
    pub activation: TokenStream,
    pub u: Ident,
    pub z: Ident,
    pub du: Ident,
    pub dz: Ident,
    /// What the layer reads for one sample: `x`, or a layer's `&z` (the previous one's, but at
    /// the start of a residual block and its shortcut).
    pub input: TokenStream,
    /// What it reads in a block: `x`, or a layer's rows.
    pub block_input: TokenStream,
    /// This layer's outputs in a block, as the next layer reads them: `z1_rows`.
    pub rows: Ident,
    /// Where this layer's input gradient goes: the `dz` of the layer it reads; none for `x`.
    pub input_dz: Option<Ident>,
    /// For the sum that ends a residual block, its other addend: the block's input or its
    /// shortcut's output.
    pub shortcut: Option<Operand>,
    /// How many layers read this one's output: its `dz` is the sum of their input gradients.
    pub readers: usize,
    /// A block's scratch for the input gradients after the first that add into `dz` (of a
    /// layer read by several): `dz1_part`.
    pub dz_part: Ident,
    /// `du` of a block transposed, for the input gradient: `du_columns1`.
    pub du_columns: Ident,
}

/// A value a layer reads, as the generated code names it.
pub struct Operand {
    /// For one sample: `x` or `&z1`.
    pub input: TokenStream,
    /// In a block: `x` or `z1_rows`.
    pub block_input: TokenStream,
    /// Where its gradient goes: `dz1`; none for `x`.
    pub dz: Option<Ident>,
}

impl Operand {
    fn new(source: Source) -> Self {
        match source {
            Source::Input => Self {
                input: quote!(x),
                block_input: quote!(x),
                dz: None,
            },
            Source::Layer(index) => {
                let (z, rows) = (
                    format_ident!("z{}", index + 1),
                    format_ident!("z{}_rows", index + 1),
                );
                Self {
                    input: quote!(&#z),
                    block_input: quote!(#rows),
                    dz: Some(format_ident!("dz{}", index + 1)),
                }
            }
        }
    }
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
                let input = Operand::new(layer.input);
                let shortcut = match layer.kind {
                    Kind::Add { shortcut, .. } => Some(Operand::new(shortcut)),
                    _ => None,
                };
                let readers = network.layers.iter().flat_map(Layer::reads);
                let readers = readers.filter(|&source| source == Source::Layer(index));
                Step {
                    layer,
                    number,
                    field: format_ident!("layer{number}"),
                    ty: field_type(layer, &scalar),
                    scalar: scalar.clone(),
                    inputs,
                    outputs,
                    activation: activation_type(&layer.activation),
                    u: format_ident!("u{number}"),
                    z: format_ident!("z{number}"),
                    du: format_ident!("du{number}"),
                    dz: format_ident!("dz{number}"),
                    input: input.input,
                    block_input: input.block_input,
                    rows: format_ident!("z{number}_rows"),
                    input_dz: input.dz,
                    shortcut,
                    readers: readers.count(),
                    dz_part: format_ident!("dz{number}_part"),
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

    /// The step whose output gradient is `dz`.
    pub fn reading(&self, dz: &Ident) -> &Step<'a> {
        self.steps
            .iter()
            .find(|step| step.dz == *dz)
            .expect("every `dz` is a step's")
    }

    /// The steps of layers with parameters: the struct's fields.
    pub fn fields(&self) -> impl Iterator<Item = &Step<'a>> {
        self.steps.iter().filter(|step| step.layer.has_parameters())
    }
}

/// The struct field's type of a layer with parameters (none for pooling).
fn field_type(layer: &Layer, scalar: &TokenStream) -> TokenStream {
    match &layer.kind {
        Kind::Dense => {
            let (inputs, outputs) = (width(layer.inputs), width(layer.outputs));
            quote!(::nn::__private::Dense<#scalar, #inputs, #outputs>)
        }
        Kind::Conv2d {
            filters, kernel, ..
        } => {
            let channels = width(layer.input_shape[0]);
            let (filters, rows, columns) = (width(*filters), width(kernel[0]), width(kernel[1]));
            quote!(::nn::__private::Conv2d<#scalar, #channels, #filters, #rows, #columns>)
        }
        Kind::Conv1d {
            filters, kernel, ..
        } => {
            let channels = width(layer.input_shape[0]);
            let (filters, kernel) = (width(*filters), width(*kernel));
            quote!(::nn::__private::Conv1d<#scalar, #channels, #filters, #kernel>)
        }
        Kind::DepthwiseConv2d { kernel, .. } => {
            let channels = width(layer.input_shape[0]);
            let (rows, columns) = (width(kernel[0]), width(kernel[1]));
            quote!(::nn::__private::DepthwiseConv2d<#scalar, #channels, #rows, #columns>)
        }
        Kind::BatchNorm { .. } => {
            let channels = width(layer.input_shape[0]);
            quote!(::nn::__private::BatchNorm<#scalar, #channels>)
        }
        Kind::Pool2d { .. } | Kind::Add { .. } => TokenStream::new(),
    }
}

/// `[a, b]` as a literal array.
fn pair(values: [usize; 2]) -> TokenStream {
    let [a, b] = values.map(width);
    quote!([#a, #b])
}

/// A pooling layer's window and stride, as a value.
fn pool_value(pool: &nn_core::Pool2d) -> TokenStream {
    let (window, stride) = (pair(pool.window), pair(pool.stride));
    quote!(::nn::__private::Pool2d { window: #window, stride: #stride })
}

impl Step<'_> {
    /// The path of the field's type without its generic arguments, for its `const`
    /// constructors: `::nn::__private::Dense`.
    pub fn constructor(&self) -> TokenStream {
        match self.layer.kind {
            Kind::Dense => quote!(::nn::__private::Dense),
            Kind::Conv2d { .. } => quote!(::nn::__private::Conv2d),
            Kind::Conv1d { .. } => quote!(::nn::__private::Conv1d),
            Kind::DepthwiseConv2d { .. } => quote!(::nn::__private::DepthwiseConv2d),
            Kind::BatchNorm { .. } => quote!(::nn::__private::BatchNorm),
            Kind::Pool2d { .. } | Kind::Add { .. } => TokenStream::new(),
        }
    }

    /// A batch normalisation's `eps` and momentum; none for another kind.
    pub fn normalization(&self) -> Option<nn_core::Normalization> {
        match self.layer.kind {
            Kind::BatchNorm { normalization, .. } => Some(normalization),
            _ => None,
        }
    }

    /// The input's type as the layer's products take it: channels of rows for a convolution,
    /// channels of values for a batch normalisation.
    pub fn shaped_input(&self) -> TokenStream {
        self.shaped_type(&self.layer.input_shape)
    }

    /// The type of a value of `shape` as the layer's products take it: channels of rows,
    /// `[[[T; W]; H]; C]`, a shape `[C, L]` as one row; for a 1-D convolution, `[[T; L]; C]`.
    fn shaped_type(&self, shape: &[usize]) -> TokenStream {
        let scalar = &self.scalar;
        match (&self.layer.kind, shape) {
            (Kind::Conv1d { .. }, &[channels, length]) => {
                let (channels, length) = (width(channels), width(length));
                quote!([[#scalar; #length]; #channels])
            }
            (Kind::Dense, _) => {
                let values = width(shape.iter().product());
                quote!([#scalar; #values])
            }
            // Channels of values, whatever their rows and columns.
            (Kind::BatchNorm { .. }, [channels, places @ ..]) => {
                let (channels, places) = (width(*channels), width(places.iter().product()));
                quote!([[#scalar; #places]; #channels])
            }
            (_, &[channels, rows, columns]) => {
                let [channels, rows, columns] = [channels, rows, columns].map(width);
                quote!([[[#scalar; #columns]; #rows]; #channels])
            }
            (_, &[channels, length]) => {
                let (channels, length) = (width(channels), width(length));
                quote!([[[#scalar; #length]; 1]; #channels])
            }
            _ => unreachable!("a convolution's or pooling's shape has two or three axes"),
        }
    }

    /// The type that implements `Layer` for this layer: its field's, or for pooling a unit type.
    fn layer_type(&self) -> TokenStream {
        match &self.layer.kind {
            Kind::Pool2d { max: true, .. } => quote!(::nn::__private::MaxPool2d),
            Kind::Pool2d { max: false, .. } => quote!(::nn::__private::AvgPool2d),
            _ => self.ty.clone(),
        }
    }

    /// `<L as Layer<T, X, U>>`: the layer's products for its input and output types.
    fn products(&self) -> TokenStream {
        let (ty, scalar) = (self.layer_type(), &self.scalar);
        let x = self.shaped_type(&self.layer.input_shape);
        let u = self.shaped_type(&self.layer.output_shape);
        quote!(<#ty as ::nn::__private::Layer<#scalar, #x, #u>>)
    }

    /// The layer as its products take it, from `owner` (`self` or `grad`): the field, or for
    /// pooling its unit type.
    fn value(&self, owner: &TokenStream) -> TokenStream {
        let field = &self.field;
        if self.layer.has_parameters() {
            quote!(#owner.#field)
        } else {
            self.layer_type()
        }
    }

    /// Where the layer goes over its input (`Layer::Geometry`): a `Sliding` for a convolution,
    /// a `Pool2d` for pooling, `()` for a dense layer.
    pub fn geometry(&self) -> TokenStream {
        let sliding = |stride, padding| {
            let (stride, padding) = (pair(stride), pair(padding));
            quote!(::nn::__private::Sliding { stride: #stride, padding: #padding })
        };
        match &self.layer.kind {
            Kind::Dense | Kind::Add { .. } => quote!(()),
            Kind::Conv2d { sliding: s, .. } | Kind::DepthwiseConv2d { sliding: s, .. } => {
                sliding(s.stride, s.padding)
            }
            Kind::Conv1d {
                stride, padding, ..
            } => sliding([1, *stride], [0, *padding]),
            Kind::Pool2d { pool, .. } => pool_value(pool),
            Kind::BatchNorm { normalization, .. } => {
                let eps = Literal::f64_unsuffixed(normalization.eps);
                let momentum = Literal::f64_unsuffixed(normalization.momentum);
                quote!(::nn::__private::Normalization { eps: #eps, momentum: #momentum })
            }
        }
    }

    /// `{ let mut out = [ZERO; values]; call(&mut out); out }`: a product that writes into a
    /// buffer, as an expression of the flat array.
    fn written(&self, values: usize, call: impl FnOnce(TokenStream) -> TokenStream) -> TokenStream {
        let (scalar, n) = (&self.scalar, width(values));
        let call = call(quote!(&mut out));
        quote!({
            let mut out = [<#scalar as ::nn::__private::Scalar>::ZERO; #n];
            #call
            out
        })
    }

    /// The statement that writes the total input of a layer other than a dense one into `u`,
    /// from `input` (expressions of references to flat arrays).
    pub fn total_input_into(&self, input: &TokenStream, u: &TokenStream) -> TokenStream {
        let (products, layer) = (self.products(), self.value(&quote!(self)));
        let geometry = self.geometry();
        quote! {
            #products::total_input(
                &#layer,
                ::nn::__private::reshape::reshape(#input),
                #geometry,
                ::nn::__private::reshape::reshape_mut(#u),
            );
        }
    }

    /// The statement that writes the gradient with respect to the input of a layer other than a
    /// dense one into `dx`, from its `input` and `du` (expressions of references to flat arrays).
    pub fn input_gradient_into(
        &self,
        input: &TokenStream,
        du: &TokenStream,
        dx: &TokenStream,
    ) -> TokenStream {
        let (products, layer) = (self.products(), self.value(&quote!(self)));
        let geometry = self.geometry();
        let reshape = quote!(::nn::__private::reshape::reshape);
        quote! {
            #products::input_gradient(
                &#layer,
                #reshape(#input),
                #reshape(#du),
                #geometry,
                ::nn::__private::reshape::reshape_mut(#dx),
            );
        }
    }

    /// The statement that adds `factor` times the parameter gradient of a layer other than a
    /// dense one, from its `input` and `du` (expressions of references to flat arrays), into
    /// `owner`'s layer (`grad` or `self`).
    pub fn add_gradient_into(
        &self,
        owner: &TokenStream,
        input: &TokenStream,
        du: &TokenStream,
        factor: &TokenStream,
    ) -> TokenStream {
        let (products, layer) = (self.products(), self.value(owner));
        let geometry = self.geometry();
        let reshape = quote!(::nn::__private::reshape::reshape);
        quote! {
            #products::add_scaled_gradient(&mut #layer, #reshape(#input), #reshape(#du), #geometry, #factor);
        }
    }

    /// The statement that writes the sum ending a residual block into `u`, from the block's
    /// output `input` and the other addend `shortcut` (expressions of references to flat arrays).
    pub fn sum_into(input: &TokenStream, shortcut: &TokenStream, u: &TokenStream) -> TokenStream {
        quote!(::nn::__private::residual::add(#input, #shortcut, #u);)
    }

    /// The expression of the layer's total input `u`, a flat array, from `input` (an expression
    /// of a reference to the flat input).
    pub fn total_input(&self, input: &TokenStream) -> TokenStream {
        if self.layer.kind == Kind::Dense {
            let field = &self.field;
            return quote!(self.#field.total_input(#input));
        }
        if let Some(shortcut) = &self.shortcut {
            let shortcut = &shortcut.input;
            return self.written(self.layer.outputs, |u| Self::sum_into(input, shortcut, &u));
        }
        self.written(self.layer.outputs, |u| self.total_input_into(input, &u))
    }

    /// The expression of the layer's output `z = A(u)` from its input, for `forward`.
    pub fn output(&self) -> TokenStream {
        let (field, activation, input) = (&self.field, &self.activation, &self.input);
        match self.layer.kind {
            Kind::Dense => quote!(self.#field.forward::<#activation>(#input)),
            _ => {
                let u = self.total_input(input);
                quote!(<#activation as ::nn::__private::Activation>::activate(&#u))
            }
        }
    }

    /// The expression of the gradient with respect to the layer's input, from `du` (a flat
    /// array's name) and the input.
    pub fn input_gradient(&self, du: &Ident) -> TokenStream {
        if self.layer.kind == Kind::Dense {
            let field = &self.field;
            return quote!(self.#field.input_gradient(&#du));
        }
        // A sum passes its gradient to both addends.
        if self.shortcut.is_some() {
            return quote!(#du);
        }
        self.written(self.layer.inputs, |dx| {
            self.input_gradient_into(&self.input, &quote!(&#du), &dx)
        })
    }

    /// The statement that adds the layer's parameter gradient, from its input and `du`, into
    /// `grad`'s layer, or, with a `rate`, `rate` times it into the network's own; nothing for a
    /// layer without parameters.
    pub fn add_gradient(&self, du: &Ident, rate: Option<&TokenStream>) -> TokenStream {
        self.add_gradient_from(&self.input, &quote!(&#du), rate)
    }

    /// [`add_gradient`](Self::add_gradient) from `input` and `du`, expressions of references to
    /// flat arrays.
    pub fn add_gradient_from(
        &self,
        input: &TokenStream,
        du: &TokenStream,
        rate: Option<&TokenStream>,
    ) -> TokenStream {
        let field = &self.field;
        if !self.layer.has_parameters() {
            return TokenStream::new();
        }
        let scalar = &self.scalar;
        match (&self.layer.kind, rate) {
            (Kind::Dense, None) => quote!(grad.#field.add_gradient(#input, #du);),
            (Kind::Dense, Some(rate)) => {
                quote!(self.#field.add_scaled_gradient(#input, #du, #rate);)
            }
            (_, None) => {
                let one = quote!(<#scalar as ::nn::__private::Scalar>::ONE);
                self.add_gradient_into(&quote!(grad), input, du, &one)
            }
            (_, Some(rate)) => self.add_gradient_into(&quote!(self), input, du, rate),
        }
    }
}
