//! The `Network` impl: what generic code (optimisers, initialisers, checks) sees of the network,
//! its parameters included as a list of flat tensors.

use nn_core::layer::ParameterTensor;
use nn_core::{TensorKind, TorchOrder};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::plan::Plan;
use super::{io_types, scalar_type, width};

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let scalar = scalar_type(network);
    let (inputs, outputs) = (width(network.inputs), width(network.outputs()));
    let (input_type, output_type) = io_types(network);

    let fields: Vec<_> = plan.fields().map(|step| &step.field).collect();
    let mut tensors = Vec::new();
    let mut views = Vec::new();
    let mut views_mut = Vec::new();
    for step in plan.fields() {
        let field = &step.field;
        for tensor in step.layer.shape().tensors().as_slice() {
            let name = format!("{field}.{}", tensor.kind.torch_name());
            tensors.push(tensor_literal(&name, tensor));
            let index = Literal::usize_unsuffixed(views.len());
            // Each as one flat slice, whatever its shape: a dense layer's rows, a convolution's
            // channels of rows.
            let member = format_ident!("{}", member(tensor.kind));
            views.push(quote!(#index => ::nn::__private::reshape::values(&self.#field.#member),));
            views_mut.push(
                quote!(#index => ::nn::__private::reshape::values_mut(&mut self.#field.#member),),
            );
        }
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

/// The layer's field that holds a tensor of this kind.
pub fn member(kind: TensorKind) -> &'static str {
    match kind {
        TensorKind::Weight => "weights",
        TensorKind::Bias => "bias",
        TensorKind::Scale => "weight",
        TensorKind::RunningMean => "running_mean",
        TensorKind::RunningVar => "running_var",
    }
}

/// A `Tensor` of the network, named `name`.
fn tensor_literal(name: &str, tensor: &ParameterTensor) -> TokenStream {
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
        TensorKind::Scale => quote!(Scale),
        TensorKind::RunningMean => quote!(RunningMean),
        TensorKind::RunningVar => quote!(RunningVar),
    };
    let torch_order = match tensor.torch_order {
        TorchOrder::Same => quote!(Same),
        TorchOrder::Transposed => quote!(Transposed),
    };
    quote! {
        ::nn::__private::Tensor {
            name: #name,
            rows: #rows,
            columns: #columns,
            kind: ::nn::__private::TensorKind::#kind,
            fan_in: #fan_in,
            torch_shape: &[#(#torch_shape),*],
            torch_order: ::nn::__private::TorchOrder::#torch_order,
        },
    }
}
