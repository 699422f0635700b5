//! `NAMEQuantized`: an `f32` network of dense layers, 2-D convolutions (depthwise too), pooling
//! and residual blocks in int8, by TensorFlow Lite's quantisation spec, and `NAME::quantize`,
//! which makes it from the trained network and a calibration set.
//!
//! int8 layers fuse `relu` and `identity` into the clamp of their output; a final `softmax` or
//! `sigmoid` is monotone and left out, so that the int8 output is the scores it would have
//! turned into probabilities. Pooling keeps its input's quantisation, as TensorFlow Lite's
//! does. A network with another activation, another layer kind or `f64` has no int8 form.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::{Plan, Step};
use super::width;
use crate::model::{Kind, Network, Scalar, Source};

/// What a layer's activation becomes in int8.
enum Int8 {
    /// Fused into the clamp of the output: `relu` (from the zero point up) or `identity`.
    Fused(TokenStream),
    /// Left out: a final `softmax` or `sigmoid`, whose input the int8 output is.
    LeftOut,
}

/// A layer's activation in int8, if int8 layers have a form of it there: fused by a dense layer,
/// a convolution or a residual sum, or left out after the last dense layer or convolution; none
/// but `identity` after pooling.
fn int8(step: &Step, last: bool, output_activation: bool) -> Option<Int8> {
    let clamp = quote!(::nn::__private::Clamp);
    let activation = step.layer.activation.to_string();
    let weighted = matches!(
        step.layer.kind,
        Kind::Dense | Kind::Conv2d { .. } | Kind::DepthwiseConv2d { .. }
    );
    let sum = matches!(step.layer.kind, Kind::Add { .. });
    match activation.as_str() {
        "identity" if weighted || sum || pools(step) => Some(Int8::Fused(quote!(#clamp::Whole))),
        "relu" if weighted || sum => Some(Int8::Fused(quote!(#clamp::FromZero))),
        "softmax" | "sigmoid" if weighted && last && !output_activation => Some(Int8::LeftOut),
        _ => None,
    }
}

/// Whether a step is a pooling, which keeps its input's quantisation and has no int8 field.
fn pools(step: &Step) -> bool {
    matches!(step.layer.kind, Kind::Pool2d { .. })
}

/// The steps with an int8 field: those with parameters, and the sums ending residual blocks
/// (their rescalings).
fn int8_fields<'a>(plan: &'a Plan) -> impl Iterator<Item = &'a Step<'a>> {
    plan.steps.iter().filter(|step| !pools(step))
}

/// The index of a value's quantisation: 0 for the input, `n` for layer `n`'s output.
fn quantization_index(source: Source) -> usize {
    match source {
        Source::Input => 0,
        Source::Layer(index) => index + 1,
    }
}

/// The int8 layer type of a step with an int8 field: `QuantizedDense<I, O>`,
/// `QuantizedConv2d<C, F, KH, KW>`, `QuantizedDepthwiseConv2d<C, KH, KW>` or `QuantizedAdd`, as
/// a path for its associated items.
fn layer_type(step: &Step) -> TokenStream {
    match &step.layer.kind {
        Kind::Conv2d {
            filters, kernel, ..
        } => {
            let channels = width(step.layer.input_shape[0]);
            let (filters, rows, columns) = (width(*filters), width(kernel[0]), width(kernel[1]));
            quote!(::nn::__private::QuantizedConv2d::<#channels, #filters, #rows, #columns>)
        }
        Kind::DepthwiseConv2d { kernel, .. } => {
            let channels = width(step.layer.input_shape[0]);
            let (rows, columns) = (width(kernel[0]), width(kernel[1]));
            quote!(::nn::__private::QuantizedDepthwiseConv2d::<#channels, #rows, #columns>)
        }
        Kind::Add { .. } => quote!(::nn::__private::QuantizedAdd),
        _ => {
            let (inputs, outputs) = (&step.inputs, &step.outputs);
            quote!(::nn::__private::QuantizedDense::<#inputs, #outputs>)
        }
    }
}

/// The type of an int8 value of `shape` as a convolution or pooling takes it: channels of
/// rows, a shape `[C, L]` as one row.
fn shaped(shape: &[usize]) -> TokenStream {
    let (channels, rows, columns) = match *shape {
        [channels, rows, columns] => (channels, rows, columns),
        [channels, length] => (channels, 1, length),
        _ => unreachable!("a convolution's or pooling's shape has two or three axes"),
    };
    let [channels, rows, columns] = [channels, rows, columns].map(width);
    quote!([[[::core::primitive::i8; #columns]; #rows]; #channels])
}

/// The statements that make a step's int8 output (its `z`) from its flat int8 input: returned
/// by a dense layer or a residual sum, written in place by the others (a block returning the
/// array copied it).
fn int8_output(step: &Step) -> TokenStream {
    let (field, input, inputs, outputs) = (&step.field, &step.input, &step.inputs, &step.outputs);
    let z = &step.z;
    if step.layer.kind == Kind::Dense {
        return quote!(let #z = self.#field.forward(#input););
    }
    if let Some(shortcut) = &step.shortcut {
        let shortcut = &shortcut.input;
        return quote!(let #z = self.#field.forward(#input, #shortcut););
    }
    let reshape = quote!(::nn::__private::reshape);
    let (x, u) = (
        shaped(&step.layer.input_shape),
        shaped(&step.layer.output_shape),
    );
    let x = quote!(#reshape::reshape::<[::core::primitive::i8; #inputs], #x>(#input));
    let u = quote!(#reshape::reshape_mut::<[::core::primitive::i8; #outputs], #u>(&mut #z));
    let geometry = step.geometry();
    let call = match step.layer.kind {
        Kind::Pool2d { max: true, .. } => quote!(#geometry.max_int8(#x, #u)),
        Kind::Pool2d { max: false, .. } => quote!(#geometry.average_int8(#x, #u)),
        _ => quote!(self.#field.forward(#x, #geometry, #u)),
    };
    quote! {
        let mut #z = [0_i8; #outputs];
        #call;
    }
}

/// Whether step `index` is a convolution whose output only a max pooling right after it
/// reads: in int8 the two are computed together (`QuantizedConv2d::forward_max_pooled`), the
/// convolution's output never stored.
fn pooled_by_next(plan: &Plan, index: usize) -> bool {
    let (Some(step), Some(next)) = (plan.steps.get(index), plan.steps.get(index + 1)) else {
        return false;
    };
    matches!(step.layer.kind, Kind::Conv2d { .. })
        && matches!(next.layer.kind, Kind::Pool2d { max: true, .. })
        && next.layer.input == Source::Layer(index)
        && step.readers == 1
}

/// The statements that make `pool`'s int8 output, the max pooling of convolution `conv`'s
/// output, from the convolution's flat int8 input.
fn max_pooled_output(conv: &Step, pool: &Step) -> TokenStream {
    let (field, input, inputs, outputs) = (&conv.field, &conv.input, &conv.inputs, &pool.outputs);
    let z = &pool.z;
    let reshape = quote!(::nn::__private::reshape);
    let (x, u) = (
        shaped(&conv.layer.input_shape),
        shaped(&pool.layer.output_shape),
    );
    let [rows, columns] = match conv.layer.output_shape[..] {
        [_, rows, columns] => [rows, columns],
        _ => unreachable!("a 2-D convolution's output has three axes"),
    }
    .map(width);
    let (sliding, geometry) = (conv.geometry(), pool.geometry());
    quote! {
        let mut #z = [0_i8; #outputs];
        self.#field.forward_max_pooled::<_, _, #rows, #columns, _, _>(
            #reshape::reshape::<[::core::primitive::i8; #inputs], #x>(#input),
            #sliding,
            #geometry,
            #reshape::reshape_mut::<[::core::primitive::i8; #outputs], #u>(&mut #z),
        );
    }
}

/// Each layer's activation in int8, if the network has an int8 form: `f32`, dense layers, 2-D
/// convolutions (depthwise too), pooling and residual sums only, each activation fused or a
/// final one left out.
fn activations(plan: &Plan) -> Option<Vec<Int8>> {
    let network = plan.network;
    if network.scalar != Scalar::F32 {
        return None;
    }
    let final_stage = network.output_activation.as_ref().map(ToString::to_string);
    if !matches!(final_stage.as_deref(), None | Some("softmax" | "sigmoid")) {
        return None;
    }
    let count = plan.steps.len();
    plan.steps
        .iter()
        .enumerate()
        .map(|(index, step)| int8(step, index + 1 == count, final_stage.is_some()))
        .collect()
}

pub fn generate(plan: &Plan) -> TokenStream {
    let Some(activations) = activations(plan) else {
        return TokenStream::new();
    };
    let network: &Network = plan.network;
    let (vis, name) = (&network.vis, &network.name);
    let quantized = format_ident!("{name}Quantized");
    let (inputs, outputs) = (width(network.inputs), width(network.outputs()));
    let fields: Vec<_> = int8_fields(plan).map(|step| &step.field).collect();
    let types = int8_fields(plan).map(layer_type);
    let field_docs = int8_fields(plan).map(|step| format!("Layer {} in int8.", step.number));
    let forward = plan.steps.iter().enumerate().filter_map(|(index, step)| {
        if pooled_by_next(plan, index) {
            return None;
        }
        Some(match index.checked_sub(1) {
            Some(before) if pooled_by_next(plan, before) => {
                max_pooled_output(&plan.steps[before], step)
            }
            _ => int8_output(step),
        })
    });
    let last = &plan.last().z;
    let quantize = quantize(plan, &activations, &quantized);
    let bytes = bytes(plan);
    let doc = format!(
        "[`{name}`] in int8, by TensorFlow Lite's quantisation spec: made by \
         [`{name}::quantize`], it computes with integers alone ([`forward`](Self::forward)). \
         int8 layers fuse `relu` into the clamp of their output; a final `softmax` or `sigmoid` \
         is left out, so that the output is the scores before it (their `argmax` is the class)."
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        #vis struct #quantized {
            /// How the input's reals map to int8.
            #vis input: ::nn::__private::Quantization,
            #(#[doc = #field_docs] #vis #fields: #types,)*
            /// How the output's int8 values map to reals.
            #vis output: ::nn::__private::Quantization,
        }

        // A layer's values are arrays on the stack, as large as its output, as in `forward`.
        #[allow(clippy::large_stack_arrays)]
        impl #quantized {
            /// The int8 output for the int8 input `x`: integers only. Nothing is allocated and
            /// nothing panics.
            #[must_use]
            #vis fn forward(&self, x: &[::core::primitive::i8; #inputs]) -> [::core::primitive::i8; #outputs] {
                #(#forward)*
                #last
            }

            /// `x` in int8, as the input's quantisation maps it: what [`forward`](Self::forward)
            /// takes.
            #[must_use]
            #vis fn quantize_input(&self, x: &[::core::primitive::f32; #inputs]) -> [::core::primitive::i8; #inputs] {
                x.map(|value| self.input.quantize(value))
            }

            #bytes

            /// The reals the int8 output `y` stands for.
            #[must_use]
            #vis fn dequantize_output(&self, y: &[::core::primitive::i8; #outputs]) -> [::core::primitive::f32; #outputs] {
                y.map(|value| self.output.dequantize(value))
            }
        }

        #quantize
    }
}

/// `NAME::quantize`: the calibration inputs through the network, each value's range widened
/// (the input's, each layer's output as int8 computes it), then each layer quantised between
/// the quantisations of its input and output.
fn quantize(plan: &Plan, activations: &[Int8], quantized: &proc_macro2::Ident) -> TokenStream {
    let network = plan.network;
    let (vis, name) = (&network.vis, &network.name);
    let inputs = width(network.inputs);
    // Calibration: each layer's output as int8 computes it, its range widened.
    let calibrate = plan
        .steps
        .iter()
        .zip(activations)
        .map(|(step, activation)| {
            let (z, input, number) = (&step.z, &step.input, step.number);
            let value = match activation {
                Int8::LeftOut => step.total_input(input),
                Int8::Fused(_) => step.output(),
            };
            // Pooling keeps its input's quantisation.
            let widen = (!pools(step)).then(|| quote!(ranges[#number].widen(&#z, #number)?;));
            quote! {
                let #z = #value;
                #widen
            }
        });
    let tensors = width(plan.steps.len() + 1);
    let pooled: Vec<_> = plan.steps.iter().filter(|step| pools(step)).collect();
    let mutable = (!pooled.is_empty()).then(|| quote!(mut));
    let keep_input_quantization = pooled.iter().map(|step| {
        let (number, input) = (step.number, quantization_index(step.layer.input));
        quote!(quantizations[#number] = quantizations[#input];)
    });
    let layers = plan
        .steps
        .iter()
        .zip(activations)
        .filter(|(step, _)| !pools(step))
        .map(|(step, activation)| {
            let (field, number, ty) = (&step.field, step.number, layer_type(step));
            let clamp = match activation {
                Int8::Fused(clamp) => clamp.clone(),
                Int8::LeftOut => quote!(::nn::__private::Clamp::Whole),
            };
            let input = quantization_index(step.layer.input);
            if let Kind::Add { shortcut, .. } = step.layer.kind {
                let shortcut = quantization_index(shortcut);
                return quote! {
                    #field: #ty::new(
                        [quantizations[#input], quantizations[#shortcut]],
                        quantizations[#number],
                        #clamp,
                    ),
                };
            }
            quote! {
                #field: #ty::quantize(
                    &self.#field,
                    quantizations[#input],
                    quantizations[#number],
                    #clamp,
                ),
            }
        });
    let count = width(plan.steps.len());
    quote! {
        // The calibration's values are arrays on the stack, as in `forward`.
        #[allow(clippy::large_stack_arrays)]
        impl #name {
            /// The network in int8, as TensorFlow Lite's post-training quantiser makes it: each
            /// value's range over the `calibration` inputs (the input's and each layer's output)
            /// gives its quantisation, each layer's weights are quantised per output.
            ///
            /// # Errors
            ///
            /// `CalibrationError::Empty` without calibration inputs;
            /// `CalibrationError::NotFinite` if an input or a layer's output is NaN or infinite.
            #vis fn quantize(
                &self,
                calibration: &[[::core::primitive::f32; #inputs]],
            ) -> ::core::result::Result<#quantized, ::nn::__private::CalibrationError> {
                if calibration.is_empty() {
                    return ::core::result::Result::Err(::nn::__private::CalibrationError::Empty);
                }
                let mut ranges = [::nn::__private::Range::EMPTY; #tensors];
                for x in calibration {
                    ranges[0].widen(x, 0)?;
                    #(#calibrate)*
                }
                let #mutable quantizations = ranges.map(::nn::__private::Range::quantization);
                #(#keep_input_quantization)*
                ::core::result::Result::Ok(#quantized {
                    input: quantizations[0],
                    #(#layers)*
                    output: quantizations[#count],
                })
            }
        }
    }
}

/// `ENCODED_LEN`, `encode` and the `const fn from_weights` of `NAMEQuantized`, in the format of
/// `nn::quantized_bytes`, which `nn::include_weights!` reads into a `static`.
fn bytes(plan: &Plan) -> TokenStream {
    let vis = &plan.network.vis;
    let format = quote!(::nn::__private::quantized_bytes);
    let error = quote!(::nn::__private::bytes::BytesError);
    let count = width(int8_fields(plan).count());
    let layer_types: Vec<_> = int8_fields(plan).map(layer_type).collect();
    let shapes = int8_fields(plan).map(|step| {
        let name = step.field.to_string();
        let (inputs, outputs) = match &step.layer.kind {
            Kind::Conv2d {
                filters, kernel, ..
            } => (step.layer.input_shape[0] * kernel[0] * kernel[1], *filters),
            Kind::DepthwiseConv2d { kernel, .. } => {
                (kernel[0] * kernel[1], step.layer.input_shape[0])
            }
            _ => (step.layer.inputs, step.layer.outputs),
        };
        let (inputs, outputs) = (width(inputs), width(outputs));
        quote!((#name, #inputs, #outputs))
    });
    let fields: Vec<_> = int8_fields(plan).map(|step| &step.field).collect();
    quote! {
        /// The layers as the file's header names them.
        const LAYERS: [#format::LayerShape; #count] = [#(#shapes),*];

        /// The bytes of the network in `nn`'s int8 format (`nn::quantized_bytes`).
        #vis const ENCODED_LEN: ::core::primitive::usize = #format::header_len(#count)
            + 2 * #format::QUANTIZATION_BYTES
            #(+ #layer_types::BYTES)*;

        /// Writes the network in `nn`'s int8 format into `out`; returns the bytes written,
        /// [`ENCODED_LEN`](Self::ENCODED_LEN).
        ///
        /// # Errors
        ///
        /// `BytesError::BufferTooSmall` if `out` is shorter than `ENCODED_LEN`.
        #vis fn encode(&self, out: &mut [::core::primitive::u8]) -> ::core::result::Result<::core::primitive::usize, #error> {
            if out.len() < Self::ENCODED_LEN {
                return ::core::result::Result::Err(#error::BufferTooSmall {
                    needed: Self::ENCODED_LEN,
                    available: out.len(),
                });
            }
            let mut at = #format::write_header(&Self::LAYERS, out);
            at += #format::write_quantization(self.input, &mut out[at..]);
            #(at += self.#fields.write(&mut out[at..]);)*
            at += #format::write_quantization(self.output, &mut out[at..]);
            ::core::result::Result::Ok(at)
        }

        /// The network from `nn`'s int8 format: a `const fn`, so that `nn::include_weights!`
        /// reads a file into a `static` at compile time, where a file of another network is a
        /// compile error.
        ///
        /// # Errors
        ///
        /// `BytesError::NotWeights`, `WrongTensorCount`, `WrongShape` or `WrongLength` for a
        /// file of another network or none; `NonFinite` for a scale that is not finite.
        #vis const fn from_weights(bytes: &[::core::primitive::u8]) -> ::core::result::Result<Self, #error> {
            let at = match #format::check_header(bytes, &Self::LAYERS, Self::ENCODED_LEN) {
                ::core::result::Result::Ok(at) => at,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
            };
            let input = match #format::read_quantization(bytes, at, "input") {
                ::core::result::Result::Ok(quantization) => quantization,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
            };
            let at = at + #format::QUANTIZATION_BYTES;
            #(
                let #fields = #layer_types::read(bytes, at);
                let at = at + #layer_types::BYTES;
            )*
            let output = match #format::read_quantization(bytes, at, "output") {
                ::core::result::Result::Ok(quantization) => quantization,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
            };
            ::core::result::Result::Ok(Self { input, #(#fields,)* output })
        }
    }
}
