//! Inference in an arena: `NAMEArena`, one array holding every layer's output at an offset
//! planned here, and `forward_in`, which computes in it. Values alive at the same time never
//! share memory; a value no layer reads any more is written over. The arena's size, the peak of
//! inference's memory, is a constant (`NAME::INFERENCE_BYTES`).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::plan::{Plan, Step};
use super::{activation_type, io_types, scalar_type, width};
use crate::model::{Network, Source};

/// Where each value goes in an arena, and the arena's size, in values.
pub struct Layout {
    /// One per value: its offset (for inference, one per layer: its output's).
    pub offsets: Vec<usize>,
    pub values: usize,
}

/// The last step that reads each layer's output (the network's output: past the last step).
fn last_reads(network: &Network) -> Vec<usize> {
    let layers = &network.layers;
    let mut last = vec![0; layers.len()];
    for (index, layer) in layers.iter().enumerate() {
        for source in layer.reads() {
            if let Source::Layer(read) = source {
                last[read] = last[read].max(index);
            }
        }
    }
    if let Some(output) = last.last_mut() {
        *output = layers.len();
    }
    last
}

/// A value an arena holds: its size, and the first and last moments it is alive (both
/// included), in the order of the steps that write and read values.
pub struct Life {
    pub size: usize,
    pub from: usize,
    pub to: usize,
}

/// Places values in an arena: each, largest first, at the lowest offset where it overlaps no
/// value placed already that is alive at the same time, as `TFLite` Micro's greedy planner does.
pub fn place(lives: &[Life]) -> Layout {
    let mut order: Vec<usize> = (0..lives.len()).collect();
    order.sort_by_key(|&index| (std::cmp::Reverse(lives[index].size), index));
    let mut offsets = vec![usize::MAX; lives.len()];
    let mut placed: Vec<usize> = Vec::new();
    for index in order {
        let life = &lives[index];
        let mut taken: Vec<(usize, usize)> = placed
            .iter()
            .filter(|&&other| lives[other].from <= life.to && life.from <= lives[other].to)
            .map(|&other| (offsets[other], offsets[other] + lives[other].size))
            .collect();
        taken.sort_unstable();
        let mut offset = 0;
        for (start, end) in taken {
            if offset + life.size <= start {
                break;
            }
            offset = offset.max(end);
        }
        offsets[index] = offset;
        placed.push(index);
    }
    let values = (0..lives.len())
        .map(|index| offsets[index] + lives[index].size)
        .max()
        .unwrap_or(0);
    Layout { offsets, values }
}

/// Plans inference's arena: each layer's output is alive from the step that writes it to the
/// last that reads it.
pub fn layout(network: &Network) -> Layout {
    let last = last_reads(network);
    let lives: Vec<Life> = network
        .layers
        .iter()
        .enumerate()
        .map(|(index, layer)| Life {
            size: layer.outputs,
            from: index,
            to: last[index],
        })
        .collect();
    place(&lives)
}

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let (vis, name) = (&network.vis, &network.name);
    let scalar = scalar_type(network);
    let (input_type, output_type) = io_types(network);
    let arena_type = format_ident!("{name}Arena");
    let layout = layout(network);
    let size = width(layout.values);
    let steps = plan
        .steps
        .iter()
        .map(|step| step_in_arena(step, &layout, &scalar, &size));
    let last = plan.last();
    let (outputs, at) = (&last.outputs, width(layout.offsets[last.number - 1]));
    let output = quote!(*::nn::__private::arena::value::<#scalar, #size, #outputs, #at>(values));
    let result = match &network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            quote!(<#activation as ::nn::__private::Activation>::activate(&#output))
        }
        None => output,
    };
    let doc = format!(
        "The memory in which [`{name}::forward_in`] runs the network: one array of \
         {} values holding every layer's output, those alive at the same time apart, each written \
         over once no layer reads it. Its size is `{name}::INFERENCE_BYTES`; `new` is `const`, \
         for a `static` on firmware.",
        layout.values
    );
    let arena = arena_type_items(network, &arena_type, &size, &doc);
    quote! {
        #arena

        impl #name {
            /// The bytes of the parameters: what the weights take in flash, or in RAM.
            #vis const PARAMETER_BYTES: ::core::primitive::usize =
                Self::PARAMETERS * ::core::mem::size_of::<#scalar>();

            /// The bytes of the activations at the peak of inference: the arena of
            /// [`forward_in`](Self::forward_in), known before the program runs.
            #vis const INFERENCE_BYTES: ::core::primitive::usize = #arena_type::BYTES;

            /// [`forward`](Self::forward) in `arena`, which holds every layer's output, those alive
            /// at the same time apart: inference in `INFERENCE_BYTES` of activations, not the
            /// sum of every layer's. The same result, bit for bit. Nothing is allocated and
            /// nothing panics.
            #[must_use]
            #vis fn forward_in(&self, x: &#input_type, arena: &mut #arena_type) -> #output_type {
                let values = &mut arena.values;
                #(#steps)*
                #result
            }
        }
    }
}

/// An arena's type, `values`, an array of `size` scalars, documented by `doc`: its `BYTES`, its
/// `const fn new` and its `Zeroable` promise.
pub fn arena_type_items(
    network: &Network,
    arena_type: &Ident,
    size: &Literal,
    doc: &str,
) -> TokenStream {
    let (vis, scalar) = (&network.vis, scalar_type(network));
    quote! {
        #[doc = #doc]
        #vis struct #arena_type {
            values: [#scalar; #size],
        }

        // Sound: its one field is an array of `f32` or `f64`, for which all-zero bytes are `0.0`.
        unsafe impl ::nn::__private::Zeroable for #arena_type {}

        impl #arena_type {
            /// Its size in bytes.
            #vis const BYTES: ::core::primitive::usize = ::core::mem::size_of::<Self>();

            /// The arena, zeroed; `const`, so that it can be a `static`.
            // Meant for statics, or the stack of a thread that has room for it.
            #[allow(clippy::large_stack_arrays)]
            #vis const fn new() -> Self {
                Self { values: [0.0; #size] }
            }
        }

        impl ::core::default::Default for #arena_type {
            fn default() -> Self {
                Self::new()
            }
        }
    }
}

/// One step in the arena: its input and output there, its total input written into the
/// output, then its activation in place.
fn step_in_arena(
    step: &Step,
    layout: &Layout,
    scalar: &TokenStream,
    size: &Literal,
) -> TokenStream {
    let at = |source: Source| match source {
        Source::Input => None,
        Source::Layer(index) => Some(width(layout.offsets[index])),
    };
    let (inputs, outputs) = (&step.inputs, &step.outputs);
    let out = width(layout.offsets[step.number - 1]);
    let arena = quote!(::nn::__private::arena);
    let views = match (step.shortcut.as_ref(), at(step.layer.input)) {
        (Some(_), input) => {
            let shortcut = step.layer.reads().nth(1).and_then(at);
            match (input, shortcut) {
                (Some(a), Some(b)) => quote! {
                    let (input, shortcut, out) =
                        #arena::sum_operands::<#scalar, #size, #outputs, #a, #b, #out>(values);
                },
                (Some(a), None) => quote! {
                    let (input, out) =
                        #arena::input_output::<#scalar, #size, #inputs, #a, #outputs, #out>(values);
                    let shortcut = x;
                },
                (None, Some(b)) => quote! {
                    let (shortcut, out) =
                        #arena::input_output::<#scalar, #size, #inputs, #b, #outputs, #out>(values);
                    let input = x;
                },
                (None, None) => quote! {
                    let out = #arena::output::<#scalar, #size, #outputs, #out>(values);
                    let (input, shortcut) = (x, x);
                },
            }
        }
        (None, Some(input)) => quote! {
            let (input, out) =
                #arena::input_output::<#scalar, #size, #inputs, #input, #outputs, #out>(values);
        },
        (None, None) => quote! {
            let (input, out) = (x, #arena::output::<#scalar, #size, #outputs, #out>(values));
        },
    };
    let total_input = if step.layer.kind == crate::model::Kind::Dense {
        let field = &step.field;
        quote!(*out = self.#field.total_input(input);)
    } else if step.shortcut.is_some() {
        Step::sum_into(&quote!(input), &quote!(shortcut), &quote!(out))
    } else {
        step.total_input_into(&quote!(input), &quote!(out))
    };
    let activation = &step.activation;
    quote! {
        {
            #views
            #total_input
            <#activation as ::nn::__private::Activation>::activate_in_place(out);
        }
    }
}
