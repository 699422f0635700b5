//! The `Network` impl: what generic code (optimisers, initialisers, checks) sees of the network,
//! its parameters included as a list of flat tensors.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::plan::Plan;
use super::{io_types, scalar_type, width};

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let scalar = scalar_type(network);
    let (inputs, outputs) = (width(network.inputs), width(network.outputs()));
    let (input_type, output_type) = io_types(network);

    let fields: Vec<_> = plan.steps.iter().map(|step| &step.field).collect();
    let mut tensors = Vec::new();
    let mut views = Vec::new();
    let mut views_mut = Vec::new();
    for (index, step) in plan.steps.iter().enumerate() {
        let field = &step.field;
        let (weight, bias) = (
            Literal::usize_unsuffixed(2 * index),
            Literal::usize_unsuffixed(2 * index + 1),
        );
        let (rows, columns) = (&step.inputs, &step.outputs);
        let (weight_name, bias_name) = (format!("{field}.weight"), format!("{field}.bias"));
        tensors.push(quote! {
            ::nn::__private::Tensor {
                name: #weight_name,
                rows: #rows,
                columns: #columns,
                kind: ::nn::__private::TensorKind::Weight,
            },
            ::nn::__private::Tensor {
                name: #bias_name,
                rows: 1,
                columns: #columns,
                kind: ::nn::__private::TensorKind::Bias,
            },
        });
        views.push(quote! {
            #weight => self.#field.weights.as_flattened(),
            #bias => &self.#field.bias,
        });
        views_mut.push(quote! {
            #weight => self.#field.weights.as_flattened_mut(),
            #bias => &mut self.#field.bias,
        });
    }

    quote! {
        impl ::nn::__private::Network for #name {
            type Scalar = #scalar;
            type Input = #input_type;
            type Output = #output_type;

            const INPUTS: ::core::primitive::usize = #inputs;
            const OUTPUTS: ::core::primitive::usize = #outputs;
            const PARAMETERS: ::core::primitive::usize = Self::PARAMETERS;
            const TENSORS: &'static [::nn::__private::Tensor] = &[#(#tensors)*];
            const ZERO: Self = Self::zeros();


            fn forward(&self, input: &Self::Input) -> Self::Output {
                Self::forward(self, input)
            }

            fn summary() -> ::nn::__private::Summary {
                Self::summary()
            }

            // Layer by layer rather than through `tensor`, so the loops compile straight; inline,
            // so that an optimiser's step over a small network is one function.
            #[inline]
            fn fill(&mut self, value: #scalar) {
                #(self.#fields.fill(value);)*
            }

            #[inline]
            fn scale(&mut self, factor: #scalar) {
                #(self.#fields.scale(factor);)*
            }

            #[inline]
            fn add_scaled(&mut self, other: &Self, factor: #scalar) {
                #(self.#fields.add_scaled(&other.#fields, factor);)*
            }

            fn tensor(&self, index: ::core::primitive::usize) -> &[#scalar] {
                match index {
                    #(#views)*
                    _ => &[],
                }
            }

            fn tensor_mut(&mut self, index: ::core::primitive::usize) -> &mut [#scalar] {
                match index {
                    #(#views_mut)*
                    _ => &mut [],
                }
            }
        }
    }
}
