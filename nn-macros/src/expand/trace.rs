//! `trace`: every intermediate value, in a struct with a readable `Display`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::Plan;
use super::{activation_type, io_types, scalar_type, width};
use crate::model::{Kind, Source, shape_text};

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let name = &network.name;
    let vis = &network.vis;
    let trace = format_ident!("{}Trace", name, span = name.span());
    let scalar = scalar_type(network);
    let (input_type, output_type) = io_types(network);

    let mut fields = Vec::new();
    let mut steps = Vec::new();
    let mut values = Vec::new();
    // The `Display` rows: a label (`u1`, `z1`, …, `y`) and the expression it shows.
    let mut rows = vec![("x".to_owned(), quote!(self.input))];
    for step in &plan.steps {
        let (n, field, activation) = (step.number, &step.field, &step.activation);
        let (u, z, input, size) = (&step.u, &step.z, &step.input, &step.outputs);
        let function = &step.layer.activation;
        let doc = format!("Layer {n}: total input `u{n}` and output `z{n} = {function}(u{n})`.");
        fields.push(quote! {
            #[doc = #doc]
            pub #field: ::nn::__private::LayerTrace<#scalar, #size>
        });
        let total_input = step.total_input(input);
        steps.push(quote! {
            let #u = #total_input;
            let #z = <#activation as ::nn::__private::Activation>::activate(&#u);
        });
        values.push(quote!(#field: ::nn::__private::LayerTrace { u: #u, z: #z }));
        let layer = step.layer;
        let shape = match layer.output_shape.as_slice() {
            [_] => String::new(),
            axes => format!(" {}", shape_text(axes)),
        };
        let previous = value_name(layer.input);
        let formula = match layer.kind {
            Kind::Dense => format!("{previous}·W{n} + b{n}"),
            Kind::Add { shortcut, .. } => format!("{previous} + {}", value_name(shortcut)),
            Kind::Conv2d { .. } | Kind::Conv1d { .. } | Kind::DepthwiseConv2d { .. } => {
                format!("W{n} * {previous} + b{n}")
            }
            Kind::Pool2d { .. } | Kind::BatchNorm { .. } => {
                format!("{}({previous})", layer.written())
            }
        };
        rows.push((format!("u{n}{shape} = {formula}"), quote!(self.#field.u)));
        rows.push((format!("z{n} = {function}(u{n})"), quote!(self.#field.z)));
    }
    let previous = format!("z{}", plan.last().number);
    let last = &plan.last().z;
    let output = match &network.output_activation {
        Some(activation) => {
            rows.push((format!("y = {activation}({previous})"), quote!(self.output)));
            let activation = activation_type(activation);
            quote!(<#activation as ::nn::__private::Activation>::activate(&#last))
        }
        None => {
            rows.push((format!("y = {previous}"), quote!(self.output)));
            quote!(#last)
        }
    };

    let label_width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = width(label_width);
    let display_rows = rows.iter().map(|(label, value)| {
        quote!(::nn::__private::write_trace_row(f, #label, #label_width, &#value)?;)
    });
    let trace_doc = format!(
        "Every intermediate value of one [`{name}::forward`] call, from [`{name}::trace`]."
    );

    quote! {
        #[doc = #trace_doc]
        ///
        /// `Display` prints one line per value, in the notation of `u = x·W + b`, `z = f(u)`.
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        #vis struct #trace {
            /// The input `x`.
            pub input: #input_type,
            #(#fields,)*
            /// The output `y`, what `forward` returns.
            pub output: #output_type,
        }

        // A layer's values are arrays on the stack, as large as its output: a large network's
        // `forward` and `backward` are for a thread with the stack for them.
        #[allow(clippy::large_stack_arrays)]
        impl #name {
            /// Runs the network like `forward` and keeps every intermediate value: each layer's
            /// total input `u` and output `z`.
            #[must_use]
            pub fn trace(&self, x: &#input_type) -> #trace {
                #(#steps)*
                #trace {
                    input: *x,
                    #(#values,)*
                    output: #output,
                }
            }
        }

        impl ::core::fmt::Display for #trace {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #(#display_rows)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// The name of a value in the trace: `x`, or a layer's output `z1`.
fn value_name(source: Source) -> String {
    match source {
        Source::Input => "x".to_owned(),
        Source::Layer(index) => format!("z{}", index + 1),
    }
}
