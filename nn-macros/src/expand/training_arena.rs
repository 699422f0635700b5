//! Training on one sample in an arena: `NAMETrainingArena`, one array holding every value that
//! `backward` keeps, at offsets planned here, and `backward_in` and `descend_in`, which compute
//! in it. The forward pass's values stay until the backward pass has read them; a gradient lives
//! from the step that writes it to the last that reads it, and takes the place of values no
//! step reads any more. The arena's size, the memory of training on one sample, is a constant
//! (`NAME::TRAINING_BYTES`).

use std::collections::HashSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::arena::{Life, arena_type_items, place};
use super::backward::bounds;
use super::plan::{Plan, Step};
use super::{activation_type, batch_norm, io_types, scalar_type, width};
use crate::model::{Network, Source};

/// Where each layer's values go in the arena, and the arena's size, in values.
struct Layout {
    /// Per layer: the offsets of its total input, its output, and the gradient with respect to
    /// its output, `dz`, which its backward step turns into that with respect to its total
    /// input, `du`, in place.
    u: Vec<usize>,
    z: Vec<usize>,
    dz: Vec<usize>,
    /// Per layer read by several: the offset of the scratch in which the input gradients after
    /// the first are taken before they are added into its `dz`.
    dz_part: Vec<Option<usize>>,
    values: usize,
}

/// Plans the arena. Moments: the forward step of layer `i` is `i`, the loss `n`, the backward
/// step of layer `i` is `2n - i`. A layer's `u` and `z` live from its forward step to its
/// backward step; its `dz` (then `du`) from the backward step of its last reader (the first of
/// them to run backward; for the last layer, the loss) to its own.
fn layout(network: &Network) -> Layout {
    let n = network.layers.len();
    let backward = |index: usize| 2 * n - index;
    let mut readers = vec![Vec::new(); n];
    for (index, layer) in network.layers.iter().enumerate() {
        for source in layer.reads() {
            if let Source::Layer(read) = source {
                readers[read].push(index);
            }
        }
    }
    let mut lives = Vec::new();
    for (index, layer) in network.layers.iter().enumerate() {
        let (size, to) = (layer.outputs, backward(index));
        let reading = &readers[index];
        let first = reading.iter().max().map_or(n, |&reader| backward(reader));
        let life = |from, to| Life { size, from, to };
        lives.extend([life(index, to), life(index, to), life(first, to)]);
        if reading.len() > 1 {
            let last = reading.iter().min().map_or(to, |&reader| backward(reader));
            lives.push(life(first, last));
        }
    }
    let placed = place(&lives);
    let mut offsets = placed.offsets.into_iter();
    let mut layout = Layout {
        u: Vec::new(),
        z: Vec::new(),
        dz: Vec::new(),
        dz_part: Vec::new(),
        values: placed.values,
    };
    for reading in &readers {
        let mut next = || offsets.next().expect("an offset for every value");
        layout.u.push(next());
        layout.z.push(next());
        layout.dz.push(next());
        layout.dz_part.push((reading.len() > 1).then(next));
    }
    layout
}

/// The arena as the generated code reaches it: `values`, an array of `size` scalars.
struct Arena<'a> {
    network: &'a Network,
    layout: Layout,
    scalar: TokenStream,
    size: Literal,
}

impl Arena<'_> {
    /// `let (out, rest) = …;`: `n` values at `at`, to write, and the rest of the arena.
    fn write(&self, n: usize, at: usize) -> TokenStream {
        let (scalar, size, n, at) = (&self.scalar, &self.size, width(n), width(at));
        quote!(let (out, rest) = ::nn::__private::arena::write::<#scalar, #size, #n, #at>(values);)
    }

    /// `n` values at `at`, read from the rest of the arena beside the value written.
    fn rest(n: usize, at: usize) -> TokenStream {
        let (n, at) = (width(n), width(at));
        quote!(rest.read::<#n, #at>())
    }

    /// `n` values at `at`, read from the arena while nothing in it is written.
    fn value(&self, n: usize, at: usize) -> TokenStream {
        let (scalar, size, n, at) = (&self.scalar, &self.size, width(n), width(at));
        quote!(::nn::__private::arena::value::<#scalar, #size, #n, #at>(values))
    }

    /// The value a layer reads: `x`, or a layer's output, from the rest of the arena (`beside`
    /// a value written) or from the whole.
    fn source(&self, source: Source, beside: bool) -> TokenStream {
        match source {
            Source::Input => quote!(x),
            Source::Layer(index) => {
                let (n, at) = (self.network.layers[index].outputs, self.layout.z[index]);
                if beside {
                    Self::rest(n, at)
                } else {
                    self.value(n, at)
                }
            }
        }
    }
}

pub fn generate(plan: &Plan) -> TokenStream {
    let network = plan.network;
    let (vis, name) = (&network.vis, &network.name);
    let scalar = scalar_type(network);
    let (input_type, _) = io_types(network);
    let (differentiable, loss_bound) = bounds(network);
    let arena_type = format_ident!("{name}TrainingArena");
    let layout = layout(network);
    let values = layout.values;
    let arena = Arena {
        network,
        size: width(values),
        layout,
        scalar: scalar.clone(),
    };
    let size = &arena.size;
    let into_grad = body(plan, &arena, None);
    let into_weights = body(plan, &arena, Some(&quote!(rate)));
    let doc = format!(
        "The memory in which [`{name}::backward_in`] and [`{name}::descend_in`] train on one \
         sample: one array of {values} values holding every layer's values and gradients, those \
         alive at the same time apart. Its size is `{name}::TRAINING_BYTES`; `new` is `const`, \
         for a `static` on firmware."
    );
    let arena_items = arena_type_items(network, &arena_type, size, &doc);
    quote! {
        #arena_items

        impl #name {
            /// The bytes of the values that training on one sample keeps: the arena of
            /// [`backward_in`](Self::backward_in), known before the program runs.
            #vis const TRAINING_BYTES: ::core::primitive::usize = #arena_type::BYTES;

            /// [`backward`](Self::backward) in `arena`, which holds every value the pass keeps:
            /// training on one sample in `TRAINING_BYTES`, known before the program runs. The
            /// same loss and gradient, bit for bit. Nothing is allocated and nothing panics.
            #vis fn backward_in<L, D>(
                &self,
                x: &#input_type,
                target: &D,
                loss: L,
                grad: &mut Self,
                arena: &mut #arena_type,
            ) -> #scalar
            where
                #(#differentiable)*
                #loss_bound
            {
                let values = &mut arena.values;
                #into_grad
            }

            /// [`descend`](Self::descend) in `arena`, as [`backward_in`](Self::backward_in) is
            /// `backward`: the same step, bit for bit. If the loss is NaN or infinite, nothing
            /// moves.
            #vis fn descend_in<L, D>(
                &mut self,
                x: &#input_type,
                target: &D,
                loss: L,
                learning_rate: ::core::primitive::f64,
                arena: &mut #arena_type,
            ) -> #scalar
            where
                #(#differentiable)*
                #loss_bound
            {
                let rate = -<#scalar as ::nn::__private::Scalar>::from_f64(learning_rate);
                let values = &mut arena.values;
                #into_weights
            }
        }
    }
}

/// `backward`'s pass in the arena: forward, the loss, then each layer's gradients from the last
/// to the first, into `grad`, or with a `rate`, into the weights, each layer's input gradient
/// taken before its weights move and nothing moved unless the loss is finite.
fn body(plan: &Plan, arena: &Arena, rate: Option<&TokenStream>) -> TokenStream {
    let mut statements: Vec<TokenStream> = plan
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| forward(step, index, arena))
        .collect();
    statements.push(output(plan, arena, rate.is_some()));
    // The layers whose `dz` an input gradient has written.
    let mut written = HashSet::new();
    for (index, step) in plan.steps.iter().enumerate().rev() {
        statements.push(backward(step, index, arena, rate, &mut written));
    }
    quote! {
        #(#statements)*
        value
    }
}

/// A layer's forward step: its total input into `u` (a batch normalisation's statistics kept
/// for its backward step), then its output into `z`.
fn forward(step: &Step, index: usize, arena: &Arena) -> TokenStream {
    let (layout, outputs) = (&arena.layout, step.layer.outputs);
    let write = arena.write(outputs, layout.u[index]);
    let input = arena.source(step.layer.input, true);
    let views = quote! {
        #write
        let input = #input;
    };
    let total_input = if step.normalization().is_some() {
        batch_norm::forward_in(step, &views, &quote!(input), &quote!(out))
    } else if step.shortcut.is_some() {
        let shortcut = step
            .layer
            .reads()
            .nth(1)
            .map(|source| arena.source(source, true));
        let sum = Step::sum_into(&quote!(input), &quote!(shortcut), &quote!(out));
        quote!({ #views let shortcut = #shortcut; #sum })
    } else {
        let total_input = step.total_input_into(&quote!(input), &quote!(out));
        quote!({ #views #total_input })
    };
    let write = arena.write(outputs, layout.z[index]);
    let u = Arena::rest(outputs, layout.u[index]);
    let activation = &step.activation;
    quote! {
        #total_input
        {
            #write
            *out = *#u;
            <#activation as ::nn::__private::Activation>::activate_in_place(out);
        }
    }
}

/// The loss of the output, `value`, and its gradient into the last layer's `dz`. When the
/// weights move, nothing happens after a loss that is not finite.
fn output(plan: &Plan, arena: &Arena, guarded: bool) -> TokenStream {
    let (last, layout) = (plan.last(), &arena.layout);
    let index = last.number - 1;
    let outputs = last.layer.outputs;
    let guard = guarded.then(|| {
        quote! {
            if !value.is_finite() {
                return value;
            }
        }
    });
    let loss = quote!(::nn::__private::Loss);
    match &plan.network.output_activation {
        Some(activation) => {
            let activation = activation_type(activation);
            let z = arena.value(outputs, layout.z[index]);
            let write = arena.write(outputs, layout.dz[index]);
            let z_beside = Arena::rest(outputs, layout.z[index]);
            quote! {
                let y = <#activation as ::nn::__private::Activation>::activate(#z);
                let value = #loss::loss(&loss, &y, target);
                #guard
                let dy = #loss::gradient(&loss, &y, target);
                {
                    #write
                    *out = <#activation as ::nn::__private::Differentiable>::backward(#z_beside, &y, &dy);
                }
            }
        }
        None => {
            let y = arena.value(outputs, layout.z[index]);
            let write = arena.write(outputs, layout.dz[index]);
            quote! {
                let y = #y;
                let value = #loss::loss(&loss, y, target);
                #guard
                let dy = #loss::gradient(&loss, y, target);
                {
                    #write
                    *out = dy;
                }
            }
        }
    }
}

/// A layer's backward step: its `du` in place of its `dz`, its input gradients into the `dz` of what it reads (the
/// first into a `dz` writes it, those after write its scratch and add it in), then its parameter
/// gradient into `grad` or, with a `rate`, its weights.
fn backward(
    step: &Step,
    index: usize,
    arena: &Arena,
    rate: Option<&TokenStream>,
    written: &mut HashSet<usize>,
) -> TokenStream {
    let (layout, outputs) = (&arena.layout, step.layer.outputs);
    let activation = &step.activation;
    let write = arena.write(outputs, layout.dz[index]);
    let [u, z] = [layout.u[index], layout.z[index]].map(|at| Arena::rest(outputs, at));
    let mut statements = vec![quote! {
        {
            #write
            <#activation as ::nn::__private::Differentiable>::backward_in_place(#u, #z, out);
        }
    }];
    // Where each input gradient goes, and the statement that adds a scratch into its `dz`.
    let mut targets = Vec::new();
    for source in step.layer.reads() {
        let Source::Layer(read) = source else {
            continue;
        };
        let size = arena.network.layers[read].outputs;
        if written.insert(read) {
            targets.push((size, layout.dz[read], None));
        } else {
            let part = layout.dz_part[read].expect("a value read twice has a scratch");
            let write = arena.write(size, layout.dz[read]);
            let scratch = Arena::rest(size, part);
            let add = quote! {
                {
                    #write
                    ::nn::__private::residual::add_into(out, #scratch);
                }
            };
            targets.push((size, part, Some(add)));
        }
    }
    let du = Arena::rest(outputs, layout.dz[index]);
    if step.normalization().is_some() {
        let input = arena.source(step.layer.input, true);
        let (views, dx) = match targets.first() {
            Some(&(size, at, _)) => {
                let write = arena.write(size, at);
                (
                    quote!(#write let input = #input; let du = #du;),
                    Some(quote!(out)),
                )
            }
            None => {
                let (input, du) = (
                    arena.source(step.layer.input, false),
                    arena.value(outputs, layout.dz[index]),
                );
                (quote!(let input = #input; let du = #du;), None)
            }
        };
        let inputs = (&quote!(input), &quote!(du));
        statements.push(batch_norm::backward_in(step, &views, inputs, dx.as_ref()));
        statements.extend(targets.into_iter().filter_map(|(_, _, add)| add));
        statements.push(batch_norm::update_one(step, rate));
        return quote!(#(#statements)*);
    }
    for (size, at, add) in targets {
        let write = arena.write(size, at);
        let gradient = if step.shortcut.is_some() {
            // A sum passes its gradient to both addends.
            quote!(*out = *#du;)
        } else {
            let input = arena.source(step.layer.input, true);
            let gradient = step.input_gradient_into(&quote!(input), &quote!(du), &quote!(out));
            quote!(let (input, du) = (#input, #du); #gradient)
        };
        statements.push(quote!({ #write #gradient }));
        statements.extend(add);
    }
    if step.layer.has_parameters() {
        let input = arena.source(step.layer.input, false);
        let du = arena.value(outputs, layout.dz[index]);
        let add = step.add_gradient_from(&quote!(input), &quote!(du), rate);
        statements.push(quote! {
            {
                let (input, du) = (#input, #du);
                #add
            }
        });
    }
    quote!(#(#statements)*)
}
