//! `NAMEQuantized`: a dense `f32` network in int8, by TensorFlow Lite's quantisation spec, and
//! `NAME::quantize`, which makes it from the trained network and a calibration set.
//!
//! int8 layers fuse `relu` and `identity` into the clamp of their output; a final `softmax` or
//! `sigmoid` is monotone and left out, so that the int8 output is the scores it would have
//! turned into probabilities. A network with another activation, another layer kind or `f64`
//! has no int8 form.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::{Plan, Step};
use super::{activation_type, width};
use crate::model::{Kind, Network, Scalar};

/// What a layer's activation becomes in int8.
enum Int8 {
    /// Fused into the clamp of the output: `relu` (from the zero point up) or `identity`.
    Fused(TokenStream),
    /// Left out: a final `softmax` or `sigmoid`, whose input the int8 output is.
    LeftOut,
}

/// A layer's activation in int8, if int8 layers have a form of it there.
fn int8(step: &Step, last: bool, output_activation: bool) -> Option<Int8> {
    let clamp = quote!(::nn::__private::Clamp);
    match step.layer.activation.to_string().as_str() {
        "relu" => Some(Int8::Fused(quote!(#clamp::FromZero))),
        "identity" => Some(Int8::Fused(quote!(#clamp::Whole))),
        "softmax" | "sigmoid" if last && !output_activation => Some(Int8::LeftOut),
        _ => None,
    }
}

/// Each layer's activation in int8, if the network has an int8 form: `f32`, dense layers only,
/// each activation fused or a final one left out.
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
        .map(|(index, step)| {
            let dense = step.layer.kind == Kind::Dense;
            let activation = int8(step, index + 1 == count, final_stage.is_some());
            activation.filter(|_| dense)
        })
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
    let fields: Vec<_> = plan.steps.iter().map(|step| &step.field).collect();
    let types = plan.steps.iter().map(|step| {
        let (inputs, outputs) = (&step.inputs, &step.outputs);
        quote!(::nn::__private::QuantizedDense<#inputs, #outputs>)
    });
    let field_docs = plan
        .steps
        .iter()
        .map(|step| format!("Layer {} in int8.", step.number));
    let values: Vec<_> = plan.steps.iter().map(|step| &step.z).collect();
    let forward = plan.steps.iter().map(|step| {
        let (field, z, input) = (&step.field, &step.z, &step.input);
        quote!(let #z = self.#field.forward(#input);)
    });
    let last = values.last();
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
            let (field, z, input, number) = (&step.field, &step.z, &step.input, step.number);
            let value = match activation {
                Int8::LeftOut => quote!(self.#field.total_input(#input)),
                Int8::Fused(_) => {
                    let activation = activation_type(&step.layer.activation);
                    quote!(self.#field.forward::<#activation>(#input))
                }
            };
            quote! {
                let #z = #value;
                ranges[#number].widen(&#z, #number)?;
            }
        });
    let tensors = width(plan.steps.len() + 1);
    let layers = plan
        .steps
        .iter()
        .zip(activations)
        .map(|(step, activation)| {
            let (field, number) = (&step.field, step.number);
            let clamp = match activation {
                Int8::Fused(clamp) => clamp.clone(),
                Int8::LeftOut => quote!(::nn::__private::Clamp::Whole),
            };
            let input = number - 1;
            quote! {
                #field: ::nn::__private::QuantizedDense::quantize(
                    &self.#field,
                    quantizations[#input],
                    quantizations[#number],
                    #clamp,
                ),
            }
        });
    let count = width(plan.steps.len());
    quote! {
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
                let quantizations = ranges.map(::nn::__private::Range::quantization);
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
    let count = width(plan.steps.len());
    let layer_types: Vec<_> = plan
        .steps
        .iter()
        .map(|step| {
            let (inputs, outputs) = (&step.inputs, &step.outputs);
            quote!(::nn::__private::QuantizedDense::<#inputs, #outputs>)
        })
        .collect();
    let shapes = plan.steps.iter().map(|step| {
        let (name, inputs, outputs) = (step.field.to_string(), &step.inputs, &step.outputs);
        quote!((#name, #inputs, #outputs))
    });
    let fields: Vec<_> = plan.steps.iter().map(|step| &step.field).collect();
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
