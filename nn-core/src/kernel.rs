//! The inner loops of a dense layer. With the `std` feature, large layers call them through
//! `multiversion`, compiled for AVX-512 and for AVX2 with FMA besides the build's own target, and
//! the best the CPU has is chosen at run time; without it the build's target features decide. A
//! `784 x 128` layer ran 3.5x faster with AVX-512 than in the portable build; a tiny layer loses
//! more to the indirect call than it gains, so those keep the inline loops.

// multiversion calls the `#[target_feature]` clones through `unsafe` once it has checked the CPU.
#![allow(unsafe_code)]
// The loops must be inlined into each clone to be compiled with its instruction set, and the entry
// points into their callers, so that a small layer's choice folds away before anything is called.
#![allow(clippy::inline_always)]

#[cfg(feature = "std")]
use multiversion::multiversion;

use crate::Scalar;

/// Layers with fewer weights than this are computed inline, not dispatched.
const DISPATCH_MIN_WEIGHTS: usize = 4096;

/// `u = x·W + b`, dispatched for a large layer.
#[inline(always)]
pub(crate) fn affine<T: Scalar, const I: usize, const O: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[T; I],
) -> [T; O] {
    if I * O >= DISPATCH_MIN_WEIGHTS {
        affine_dispatched(weights, bias, x)
    } else {
        affine_loop(weights, bias, x)
    }
}

/// `W += xᵀ·du`, dispatched for a large layer.
#[inline(always)]
pub(crate) fn add_outer<T: Scalar, const I: usize, const O: usize>(
    weights: &mut [[T; O]; I],
    x: &[T; I],
    du: &[T; O],
) {
    if I * O >= DISPATCH_MIN_WEIGHTS {
        add_outer_dispatched(weights, x, du);
    } else {
        add_outer_loop(weights, x, du);
    }
}

/// [`affine`] for a block of `B` samples, dispatched for a large layer.
#[inline(always)]
pub(crate) fn affine_batch<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[&[T; I]; B],
) -> [[T; O]; B] {
    if I * O >= DISPATCH_MIN_WEIGHTS {
        affine_batch_dispatched(weights, bias, x)
    } else {
        affine_batch_loop(weights, bias, x)
    }
}

/// [`add_outer`] for a block of `B` samples, dispatched for a large layer.
#[inline(always)]
pub(crate) fn add_outer_batch<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &mut [[T; O]; I],
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
) {
    if I * O >= DISPATCH_MIN_WEIGHTS {
        add_outer_batch_dispatched(weights, x, du);
    } else {
        add_outer_batch_loop(weights, x, du);
    }
}

/// `u = x·W + b`: each input scales one contiguous row of `W` (an axpy the compiler vectorises).
#[inline(always)]
fn affine_loop<T: Scalar, const I: usize, const O: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[T; I],
) -> [T; O] {
    let mut u = *bias;
    for (&xi, row) in x.iter().zip(weights) {
        for (uj, &wij) in u.iter_mut().zip(row) {
            *uj += xi * wij;
        }
    }
    u
}

/// `W += xᵀ·du`: one axpy per row of `W`.
#[inline(always)]
fn add_outer_loop<T: Scalar, const I: usize, const O: usize>(
    weights: &mut [[T; O]; I],
    x: &[T; I],
    du: &[T; O],
) {
    for (&xi, row) in x.iter().zip(weights) {
        for (wij, &duj) in row.iter_mut().zip(du) {
            *wij += xi * duj;
        }
    }
}

/// [`affine`] for a block of `B` samples: each row of `W` is read once for the whole block, and
/// each sample's sums run in the same order as [`affine`]'s, so the results are the same.
#[inline(always)]
fn affine_batch_loop<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[&[T; I]; B],
) -> [[T; O]; B] {
    let mut u = [*bias; B];
    for (i, row) in weights.iter().enumerate() {
        for (us, xs) in u.iter_mut().zip(x) {
            let xi = xs[i];
            for (uj, &wij) in us.iter_mut().zip(row) {
                *uj += xi * wij;
            }
        }
    }
    u
}

/// [`add_outer`] for a block of `B` samples, `W += Σ xᵀ·du`: each row of `W` is read and written
/// once for the whole block instead of once per sample, in the same order of additions.
#[inline(always)]
fn add_outer_batch_loop<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &mut [[T; O]; I],
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
) {
    for (i, row) in weights.iter_mut().enumerate() {
        for (xs, dus) in x.iter().zip(du) {
            let xi = xs[i];
            for (wij, &duj) in row.iter_mut().zip(dus) {
                *wij += xi * duj;
            }
        }
    }
}

/// [`affine_batch`], dispatched.
#[cfg_attr(
    feature = "std",
    multiversion(targets("x86_64+avx512f+avx512vl+fma", "x86_64+avx2+fma"))
)]
fn affine_batch_dispatched<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[&[T; I]; B],
) -> [[T; O]; B] {
    affine_batch_loop(weights, bias, x)
}

/// [`add_outer_batch`], dispatched.
#[cfg_attr(
    feature = "std",
    multiversion(targets("x86_64+avx512f+avx512vl+fma", "x86_64+avx2+fma"))
)]
fn add_outer_batch_dispatched<T: Scalar, const I: usize, const O: usize, const B: usize>(
    weights: &mut [[T; O]; I],
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
) {
    add_outer_batch_loop(weights, x, du);
}

/// [`affine`] for large layers, dispatched.
#[cfg_attr(
    feature = "std",
    multiversion(targets("x86_64+avx512f+avx512vl+fma", "x86_64+avx2+fma"))
)]
fn affine_dispatched<T: Scalar, const I: usize, const O: usize>(
    weights: &[[T; O]; I],
    bias: &[T; O],
    x: &[T; I],
) -> [T; O] {
    affine_loop(weights, bias, x)
}

/// [`add_outer`] for large layers, dispatched.
#[cfg_attr(
    feature = "std",
    multiversion(targets("x86_64+avx512f+avx512vl+fma", "x86_64+avx2+fma"))
)]
fn add_outer_dispatched<T: Scalar, const I: usize, const O: usize>(
    weights: &mut [[T; O]; I],
    x: &[T; I],
    du: &[T; O],
) {
    add_outer_loop(weights, x, du);
}
