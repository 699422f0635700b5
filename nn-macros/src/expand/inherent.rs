//! Sizes, constructors and the summary, as inherent items so no trait needs importing; the heap
//! constructors only where `nn` has `alloc`.

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::{Plan, Step};
use super::{io_types, scalar_type, width};
use crate::model::{Kind, Layer, Network, Source};
use nn_core::layer::Shape;

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let (inputs, outputs, parameters) = (
        width(network.inputs),
        width(network.outputs()),
        width(network.parameters()),
    );
    let fields: Vec<_> = plan.fields().map(|step| &step.field).collect();
    let types: Vec<_> = plan.fields().map(Step::constructor).collect();
    let summary = summary(plan);
    let forwarding = forwarding(network);
    let boxed = boxed(network);
    quote! {
        impl #name {
            /// The input width.
            pub const INPUTS: ::core::primitive::usize = #inputs;
            /// The output width.
            pub const OUTPUTS: ::core::primitive::usize = #outputs;
            /// The number of weights and biases.
            pub const PARAMETERS: ::core::primitive::usize = #parameters;

            /// A network with every weight and bias `0` (numpy's `np.zeros`); `const`, so it
            /// can initialise a `static`.
            #[must_use]
            pub const fn zeros() -> Self {
                Self { #(#fields: #types::zeros(),)* }
            }

            /// A network with every weight and bias `1` (numpy's `np.ones`).
            #[must_use]
            pub const fn ones() -> Self {
                Self { #(#fields: #types::ones(),)* }
            }

            /// The layers, shapes, activations and parameter counts; `Display` prints them as a
            /// table, like Keras' `model.summary()`.
            #[must_use]
            pub const fn summary() -> ::nn::__private::Summary {
                #summary
            }

            #forwarding
        }

        #boxed
    }
}

/// The `Network` trait's methods that a program calls on a concrete network, forwarded so that
/// they need no `use nn::Network`.
fn forwarding(network: &Network) -> TokenStream {
    let scalar = scalar_type(network);
    let (input, output) = io_types(network);
    let trait_path = quote!(<Self as ::nn::__private::Network>);
    quote! {
        /// A network initialised by `init` from `rng`: seeded, so reproducible.
        #[must_use]
        pub fn initialized<R>(init: ::nn::__private::Init, rng: &mut R) -> Self
        where
            R: ::nn::__private::Rng + ?::core::marker::Sized,
        {
            #trait_path::initialized(init, rng)
        }

        /// Sets every weight and bias to `value`; `fill(0.0)` clears a gradient.
        pub fn fill(&mut self, value: #scalar) {
            #trait_path::fill(self, value);
        }

        /// Multiplies every weight and bias by `factor`.
        pub fn scale(&mut self, factor: #scalar) {
            #trait_path::scale(self, factor);
        }

        /// Adds `factor * other` to every weight and bias.
        pub fn add_scaled(&mut self, other: &Self, factor: #scalar) {
            #trait_path::add_scaled(self, other, factor);
        }

        /// The loss of one sample: `loss` of `forward(x)` against `target`.
        #[must_use]
        pub fn loss<L, D>(&self, x: &#input, target: &D, loss: L) -> #scalar
        where
            L: ::nn::__private::Loss<#scalar, #output, D>,
        {
            #trait_path::loss(self, x, target, loss)
        }

        /// `true` unless some weight or bias is NaN or infinite.
        #[must_use]
        pub fn is_finite(&self) -> ::core::primitive::bool {
            #trait_path::is_finite(self)
        }
    }
}

/// `zeros_boxed` and `initialized_boxed`, forwarding to the `Network` trait's, inside
/// `nn::__with_alloc!` so that they exist only where `nn` has an allocator.
fn boxed(network: &Network) -> TokenStream {
    let name = &network.name;
    quote! {
        ::nn::__with_alloc! {
            impl #name {
                /// A network with every weight and bias `0`, allocated zeroed on the heap: it never
                /// passes through the stack, whatever its size.
                #[must_use]
                pub fn zeros_boxed() -> ::nn::__private::Box<Self> {
                    <Self as ::nn::__private::Network>::zeros_boxed()
                }

                /// A network initialised by `init` from `rng`, built in place on the heap: the
                /// same network as `initialized` gives, without passing through the stack.
                #[must_use]
                pub fn initialized_boxed<R>(
                    init: ::nn::__private::Init,
                    rng: &mut R,
                ) -> ::nn::__private::Box<Self>
                where
                    R: ::nn::__private::Rng + ?::core::marker::Sized,
                {
                    <Self as ::nn::__private::Network>::initialized_boxed(init, rng)
                }
            }
        }
    }
}

fn summary(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = network.name.to_string();
    let scalar = network.scalar.name();
    let inputs = width(network.inputs);
    let input_shape = shape(&network.input_shape);
    let layers = plan.steps.iter().map(|step| {
        let layer = step.layer;
        let field = step.field.to_string();
        let (inputs, outputs) = (&step.inputs, &step.outputs);
        let kind = match layer.kind {
            Kind::Dense => String::new(),
            // The block's layers are rows of their own: the sum names its addends.
            Kind::Add { shortcut, .. } => {
                format!(
                    "residual: {} + {}",
                    output_name(layer.input),
                    output_name(shortcut)
                )
            }
            _ => layer.written(),
        };
        let activation = match layer.kind {
            Kind::Pool2d { .. } if !layer.activation_written => String::new(),
            _ => layer.activation.to_string(),
        };
        let (input_shape, output_shape) = (shape(&layer.input_shape), shape(&layer.output_shape));
        let layer_shape = layer_shape(layer);
        quote! {
            ::nn::__private::LayerSummary {
                name: #field,
                kind: #kind,
                shape: #layer_shape,
                inputs: #inputs,
                outputs: #outputs,
                input_shape: &#input_shape,
                output_shape: &#output_shape,
                activation: #activation,
            }
        }
    });
    let output_activation = match &network.output_activation {
        Some(activation) => {
            let activation = activation.to_string();
            quote!(::core::option::Option::Some(#activation))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        ::nn::__private::Summary {
            name: #name,
            scalar: #scalar,
            inputs: #inputs,
            input_shape: &#input_shape,
            layers: &[#(#layers),*],
            output_activation: #output_activation,
        }
    }
}

/// `[1, 8, 8]` as an array literal.
fn shape(axes: &[usize]) -> TokenStream {
    let axes = axes.iter().map(|&axis| width(axis));
    quote!([#(#axes),*])
}

/// The layer's `Shape` (`nn::layer::Shape`), as a constant expression.
fn layer_shape(layer: &Layer) -> TokenStream {
    let path = quote!(::nn::__private::layer::Shape);
    match layer.shape() {
        Shape::Dense { inputs, outputs } => {
            let (inputs, outputs) = (width(inputs), width(outputs));
            quote!(#path::Dense { inputs: #inputs, outputs: #outputs })
        }
        Shape::Conv2d {
            channels,
            filters,
            kernel,
            output,
        } => {
            let (channels, filters) = (width(channels), width(filters));
            let (kernel, output) = (shape(&kernel), shape(&output));
            quote!(#path::Conv2d { channels: #channels, filters: #filters, kernel: #kernel, output: #output })
        }
        Shape::Conv1d {
            channels,
            filters,
            kernel,
            output,
        } => {
            let [channels, filters, kernel, output] =
                [channels, filters, kernel, output].map(width);
            quote!(#path::Conv1d { channels: #channels, filters: #filters, kernel: #kernel, output: #output })
        }
        Shape::DepthwiseConv2d {
            channels,
            kernel,
            output,
        } => {
            let channels = width(channels);
            let (kernel, output) = (shape(&kernel), shape(&output));
            quote!(#path::DepthwiseConv2d { channels: #channels, kernel: #kernel, output: #output })
        }
        Shape::BatchNorm { channels, places } => {
            let (channels, places) = (width(channels), width(places));
            quote!(#path::BatchNorm { channels: #channels, places: #places })
        }
        Shape::Add { values } => {
            let values = width(values);
            quote!(#path::Add { values: #values })
        }
        Shape::Pool2d {
            channels,
            window,
            output,
        } => {
            let channels = width(channels);
            let (window, output) = (shape(&window), shape(&output));
            quote!(#path::Pool2d { channels: #channels, window: #window, output: #output })
        }
    }
}

/// A value as the summary names it: `input`, or the layer whose output it is.
fn output_name(source: Source) -> String {
    match source {
        Source::Input => "input".to_owned(),
        Source::Layer(index) => format!("layer{}", index + 1),
    }
}
