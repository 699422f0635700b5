//! The `Network` impl: what generic code (optimisers, initialisers, checks) sees of the network,
//! its parameters included as a list of flat tensors.

use nn_core::{TensorKind, TorchOrder};
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
        for (tensor, suffix) in step.layer.shape().tensors().iter().zip(["weight", "bias"]) {
            let name = format!("{field}.{suffix}");
            let rows = Literal::usize_unsuffixed(tensor.rows);
            let columns = Literal::usize_unsuffixed(tensor.columns);
            let fan_in = Literal::usize_unsuffixed(tensor.fan_in);
            let torch_shape = tensor
                .torch_shape
                .axes()
                .iter()
                .map(|&axis| Literal::usize_unsuffixed(axis));
            let kind = match tensor.kind {
                TensorKind::Weight => quote!(Weight),
                TensorKind::Bias => quote!(Bias),
            };
            let torch_order = match tensor.torch_order {
                TorchOrder::Same => quote!(Same),
                TorchOrder::Transposed => quote!(Transposed),
            };
            tensors.push(quote! {
                ::nn::__private::Tensor {
                    name: #name,
                    rows: #rows,
                    columns: #columns,
                    kind: ::nn::__private::TensorKind::#kind,
                    fan_in: #fan_in,
                    torch_shape: &[#(#torch_shape),*],
                    torch_order: ::nn::__private::TorchOrder::#torch_order,
                },
            });
        }
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
