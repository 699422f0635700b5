//! Batch normalisation in training, where it normalises by the statistics of the samples computed
//! together: the one sample of `backward` and `descend`, or a block's. Its products take every
//! sample at once (`BatchNorm::normalize_batch`, `backward_batch`), not one through `Layer`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::plan::Step;

/// The names of a batch normalisation's values in training: its statistics, the gradient of its
/// scale and shift, and its input gradient for one sample.
fn names(step: &Step) -> (Ident, Ident, Ident) {
    let n = step.number;
    (
        format_ident!("statistics{n}"),
        format_ident!("gradient{n}"),
        format_ident!("dx{n}"),
    )
}

/// `&[x]`, one sample's input seen as channels of values.
fn one(step: &Step, value: &TokenStream) -> TokenStream {
    let shaped = step.shaped_input();
    quote!(&[::nn::__private::reshape::reshape::<_, #shaped>(#value)])
}

/// For one sample: `let (uN, statisticsN) = …;`, normalised by its own statistics.
pub fn forward_one(step: &Step) -> TokenStream {
    let (field, u, scalar) = (&step.field, &step.u, &step.scalar);
    let (statistics, _, _) = names(step);
    let (geometry, xs) = (step.geometry(), one(step, &step.input));
    let (shaped, outputs) = (step.shaped_input(), &step.outputs);
    quote! {
        let (#u, #statistics) = {
            let mut out = [<#scalar as ::nn::__private::Scalar>::ZERO; #outputs];
            let us = ::core::slice::from_mut(::nn::__private::reshape::reshape_mut::<_, #shaped>(&mut out));
            let statistics = self.#field.normalize_batch(#xs, #geometry, us);
            (out, statistics)
        };
    }
}

/// For one sample, after its `du`: `let (dxN, gradientN) = …;`, the input gradient and that of
/// the scale and shift, taken before the layer changes.
pub fn backward_one(step: &Step) -> (TokenStream, Ident) {
    let (field, du, scalar) = (&step.field, &step.du, &step.scalar);
    let (statistics, gradient, dx) = names(step);
    let (geometry, xs) = (step.geometry(), one(step, &step.input));
    let (shaped, inputs) = (step.shaped_input(), &step.inputs);
    let statement = quote! {
        let (#dx, #gradient) = {
            let mut dx = [<#scalar as ::nn::__private::Scalar>::ZERO; #inputs];
            let dus = ::core::slice::from_ref(::nn::__private::reshape::reshape::<_, #shaped>(&#du));
            let dxs = ::core::slice::from_mut(::nn::__private::reshape::reshape_mut::<_, #shaped>(&mut dx));
            let gradient = self.#field.backward_batch(#xs, dus, &#statistics, #geometry, dxs);
            (dx, gradient)
        };
    };
    (statement, dx)
}

/// For one sample in an arena: `let statisticsN = …;`, from `input` normalised by its own
/// statistics into `u` (references to flat arrays that `views` makes).
pub fn forward_in(
    step: &Step,
    views: &TokenStream,
    input: &TokenStream,
    u: &TokenStream,
) -> TokenStream {
    let (field, shaped, geometry) = (&step.field, step.shaped_input(), step.geometry());
    let (statistics, _, _) = names(step);
    let reshape = quote!(::nn::__private::reshape);
    quote! {
        let #statistics = {
            #views
            let us = ::core::slice::from_mut(#reshape::reshape_mut::<_, #shaped>(#u));
            self.#field.normalize_batch(&[#reshape::reshape::<_, #shaped>(#input)], #geometry, us)
        };
    }
}

/// For one sample in an arena, after its `du`: `let gradientN = …;`, the gradient of the scale
/// and shift, and the input gradient into `dx` if the layer has one (references to flat arrays
/// that `views` makes).
pub fn backward_in(
    step: &Step,
    views: &TokenStream,
    (input, du): (&TokenStream, &TokenStream),
    dx: Option<&TokenStream>,
) -> TokenStream {
    let (field, shaped, geometry) = (&step.field, step.shaped_input(), step.geometry());
    let (statistics, gradient, _) = names(step);
    let reshape = quote!(::nn::__private::reshape);
    let dxs = match dx {
        Some(dx) => quote!(::core::slice::from_mut(#reshape::reshape_mut::<_, #shaped>(#dx))),
        None => quote!(&mut []),
    };
    quote! {
        let #gradient = {
            #views
            let dus = ::core::slice::from_ref(#reshape::reshape::<_, #shaped>(#du));
            let xs = &[#reshape::reshape::<_, #shaped>(#input)];
            self.#field.backward_batch(xs, dus, &#statistics, #geometry, #dxs)
        };
    }
}

/// For one sample: the gradient of the scale and shift and the sample's statistics into
/// `grad`'s layer, or with a `rate`, a step of gradient descent and the running averages moved
/// towards the statistics.
pub fn update_one(step: &Step, rate: Option<&TokenStream>) -> TokenStream {
    let (field, scalar) = (&step.field, &step.scalar);
    let (statistics, gradient, _) = names(step);
    match rate {
        None => quote! {
            grad.#field.add_scaled_gradient(&#gradient, <#scalar as ::nn::__private::Scalar>::ONE);
            grad.#field.add_statistics(&#statistics, 1);
        },
        Some(rate) => {
            let geometry = step.geometry();
            quote! {
                self.#field.add_scaled_gradient(&#gradient, #rate);
                self.#field.track_batch(&#statistics, #geometry.momentum);
            }
        }
    }
}

/// In a block of `count` samples (the rows past them copies of the last): `let statisticsN =
/// …;`, the block normalised by its statistics into `block.uN`.
pub fn forward_block(step: &Step) -> TokenStream {
    let (field, u, input) = (&step.field, &step.u, &step.block_input);
    let (statistics, _, _) = names(step);
    let (geometry, shaped) = (step.geometry(), step.shaped_input());
    let reshape = quote!(::nn::__private::reshape);
    quote! {
        let #statistics = {
            let xs: [&#shaped; B] = ::core::array::from_fn(|s| #reshape::reshape(#input[s]));
            let us: &mut [#shaped; B] = #reshape::reshape_mut(&mut block.#u);
            self.#field.normalize_batch(&xs[..count], #geometry, &mut us[..count])
        };
        for s in count..B {
            block.#u[s] = block.#u[count - 1];
        }
    }
}

/// In a block: the input gradient into `target` (none where the layer reads `x`), zero past the
/// block's samples, and the gradient of the scale and shift and the block's statistics into
/// `grad`'s layer, summed as `sum` says.
pub fn backward_block(step: &Step, target: Option<&TokenStream>) -> TokenStream {
    let (field, du, input, scalar) = (&step.field, &step.du, &step.block_input, &step.scalar);
    let inputs = &step.inputs;
    let (statistics, gradient, _) = names(step);
    let (geometry, shaped) = (step.geometry(), step.shaped_input());
    let reshape = quote!(::nn::__private::reshape);
    let (dxs, clear) = match target {
        Some(target) => (
            quote!(&mut #reshape::reshape_mut::<_, [#shaped; B]>(&mut #target)[..count]),
            quote! {
                for s in count..B {
                    #target[s] = [<#scalar as ::nn::__private::Scalar>::ZERO; #inputs];
                }
            },
        ),
        None => (quote!(&mut []), TokenStream::new()),
    };
    quote! {
        let #gradient = {
            let xs: [&#shaped; B] = ::core::array::from_fn(|s| #reshape::reshape(#input[s]));
            let dus: &[#shaped; B] = #reshape::reshape(&block.#du);
            self.#field.backward_batch(&xs[..count], &dus[..count], &#statistics, #geometry, #dxs)
        };
        #clear
        if sum.from_zero {
            grad.#field.fill(0.0);
        }
        grad.#field.add_scaled_gradient(&#gradient, <#scalar as ::nn::__private::Scalar>::ONE);
        grad.#field.add_statistics(&#statistics, count);
        if let ::core::option::Option::Some(factor) = sum.scale {
            grad.#field.scale(factor);
        }
    }
}
