//! The block products of a layer in register tiles and cache blocks.
//!
//! Each product is a sum of rank-one updates: a tile of `R x C` sums is kept in registers while,
//! for every term `k`, `R` scalars (each broadcast to a vector) multiply one row of `C` values.
//! A tile of `8 x 32` `f32`s is 16 of AVX-512's 32 registers, `6 x 64` is 24; `6 x 16` is 12 of
//! AVX2's 16, with two for the row and one for the broadcast. The tiles cover an output strip by
//! strip of columns, so that a strip's rows stay in the L1 cache while every tile of rows uses
//! them, and the weights are read in blocks of rows small enough for the L2 cache and the TLB: a
//! row of a `2048 x 2048` layer is 8 KiB, and walking a column strip down all its rows touches a
//! new page at every row.
//!
//! Every sum adds its terms in the order the one-sample loops do, from the same first value, so
//! the results are theirs bit for bit, however the work is cut into tiles and blocks.
//!
//! The three products each write their update loop out (`affine_sums`, `outer_sums`,
//! `input_gradient_sums`) rather than share one helper taking the `R` scalars as an array: with
//! that helper, LLVM vectorised the loop over the terms with gathers in some builds (one codegen
//! unit) and the products ran 40x slower. Each loop reads its scalars where they lie.

use core::ops::Range;

use super::shared::SharedRows;
use super::{mul_add, scalar};
use crate::{Accumulate, Scalar};

/// A product computed tile by tile: `tile::<R, C>(row, column)` computes (or adds into) the
/// output's rows `row..row + R`, columns `column..column + C`.
pub(super) trait Tiles {
    /// The tile at `row` and `column`.
    fn tile<const R: usize, const C: usize>(&mut self, row: usize, column: usize);
}

/// Covers `rows` x `columns` with tiles of `R x C`, column strip by column strip. Columns left
/// over from whole strips go in strips of `L` (one vector), then of 4 (one SSE vector), then one
/// by one; rows left over in a strip, in tiles of one row. The forward and weight-gradient
/// products give it whole vectors of outputs only, and take the rest in padded vectors
/// ([`affine_tail`], [`outer_tail`]).
#[inline(always)]
pub(super) fn for_each_tile<K: Tiles, const R: usize, const C: usize, const L: usize>(
    product: &mut K,
    rows: Range<usize>,
    columns: Range<usize>,
) {
    let (start, count) = (columns.start, columns.len());
    let whole = start + count - count % C;
    let vectors = whole + (columns.end - whole) / L * L;
    let quarters = vectors + (columns.end - vectors) / 4 * 4;
    strips::<K, R, C>(product, rows.clone(), start..whole);
    strips::<K, R, L>(product, rows.clone(), whole..vectors);
    strips::<K, R, 4>(product, rows.clone(), vectors..quarters);
    strips::<K, R, 1>(product, rows, quarters..columns.end);
}

/// [`for_each_tile`] for strips of `C` columns.
#[inline(always)]
fn strips<K: Tiles, const R: usize, const C: usize>(
    product: &mut K,
    rows: Range<usize>,
    columns: Range<usize>,
) {
    let whole = rows.end - rows.len() % R;
    for column in columns.step_by(C) {
        for row in (rows.start..whole).step_by(R) {
            product.tile::<R, C>(row, column);
        }
        for row in whole..rows.end {
            product.tile::<1, C>(row, column);
        }
    }
}

/// The `C` values of `row` from `column` on.
#[inline(always)]
fn columns<T, const C: usize>(row: &[T], column: usize) -> &[T; C] {
    row[column..]
        .first_chunk()
        .expect("a tile lies inside its rows")
}

/// [`columns`], to write.
#[inline(always)]
fn columns_mut<T, const C: usize>(row: &mut [T], column: usize) -> &mut [T; C] {
    row[column..]
        .first_chunk_mut()
        .expect("a tile lies inside its rows")
}

/// How many rows of a layer with `outputs` outputs to take at a time, so that each block of
/// weight rows (128 KiB) stays in the L2 cache and on few pages.
const fn rows_per_block<T: Scalar>(outputs: usize) -> usize {
    let rows = 128 * 1024 / (outputs * T::SIZE);
    if rows < 8 { 8 } else { rows }
}

/// How many of `inputs` inputs the forward pass of `B` samples takes at a time, in tiles `C`
/// outputs wide: few enough that a strip of those rows of the weights and the samples' values of
/// those inputs take at most 20 KiB together, and stay in the L1 cache while every tile of
/// samples uses them. Cut evenly, so that no short block is left at the end. On `784 x 128` with
/// 32 samples (AVX-512): 80 inputs at a time took 31.1 µs, 256 (as [`rows_per_block`]) 33.5 µs.
const fn inputs_per_block<T: Scalar, const B: usize, const C: usize>(
    inputs: usize,
    outputs: usize,
) -> usize {
    let in_l1 = 20 * 1024 / ((C + B) * T::SIZE);
    let in_l2 = rows_per_block::<T>(outputs);
    let most = if in_l1 < in_l2 { in_l1 } else { in_l2 };
    let most = if most < 8 { 8 } else { most };
    let blocks = inputs.div_ceil(most);
    if blocks == 0 {
        most
    } else {
        inputs.div_ceil(blocks)
    }
}

/// `u[s] = x[s]·W + b` for a block of `B` samples: output rows are samples, columns are outputs,
/// and the terms `x[s][i]·W[i]` are added for a block of inputs `i` at a time.
struct Affine<'a, T, const I: usize, const O: usize, const B: usize, const FUSED: bool> {
    weights: &'a [[T; O]; I],
    x: &'a [&'a [T; I]; B],
    u: &'a mut [[T; O]; B],
    inputs: Range<usize>,
}

impl<T: Scalar, const I: usize, const O: usize, const B: usize, const FUSED: bool> Tiles
    for Affine<'_, T, I, O, B, FUSED>
{
    #[inline(always)]
    fn tile<const R: usize, const C: usize>(&mut self, sample: usize, column: usize) {
        let x = core::array::from_fn(|r| &self.x[sample + r][self.inputs.clone()]);
        let u = &mut self.u[sample..sample + R];
        let start = core::array::from_fn(|r| *columns(&u[r], column));
        let sums =
            affine_sums::<T, O, FUSED, R, C>(start, &self.weights[self.inputs.clone()], x, column);
        for (u, sums) in u.iter_mut().zip(&sums) {
            *columns_mut(u, column) = *sums;
        }
    }
}

/// The sums of one tile of [`Affine`], as [`outer_sums`]: `start + x[r]·rows`.
#[inline(always)]
fn affine_sums<T: Scalar, const O: usize, const FUSED: bool, const R: usize, const C: usize>(
    mut sums: [[T; C]; R],
    rows: &[[T; O]],
    x: [&[T]; R],
    column: usize,
) -> [[T; C]; R] {
    let x = x.map(|x| &x[..rows.len()]);
    for (k, row) in rows.iter().enumerate() {
        let w = columns::<T, C>(row, column);
        for (sums, x) in sums.iter_mut().zip(&x) {
            // SAFETY: `k < rows.len() == x.len()`. Measured reason: for a part of the inputs known
            // only at run time, LLVM kept the bounds check, and the register it held made the
            // AVX2 tile (which takes all 16 registers) spill: 1.7x the instructions.
            let xi = scalar(unsafe { x.get_unchecked(k) });
            for (sum, &wij) in sums.iter_mut().zip(w) {
                *sum = mul_add::<T, FUSED>(xi, wij, *sum);
            }
        }
    }
    sums
}

/// `u[s] = x[s]·W + b` for a block of samples, in tiles of `R` samples by `C` outputs, with the
/// terms of the rows of `W` in `inputs` only, from `b` or, without it, from zero.
#[inline(always)]
pub(super) fn affine_batch<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const C: usize,
    const L: usize,
>(
    weights: &[[T; O]; I],
    bias: Option<&[T; O]>,
    x: &[&[T; I]; B],
    u: &mut [[T; O]; B],
    inputs: Range<usize>,
) {
    match bias {
        Some(bias) => u.fill(*bias),
        None => u.fill([T::ZERO; O]),
    }
    let block = inputs_per_block::<T, B, C>(inputs.len(), O);
    for first in inputs.clone().step_by(block) {
        let inputs = first..inputs.end.min(first + block);
        let mut product = Affine::<T, I, O, B, FUSED> {
            weights,
            x,
            u,
            inputs,
        };
        for_each_tile::<_, R, C, L>(&mut product, 0..B, 0..whole_vectors::<L>(O));
    }
    affine_tail::<T, I, O, B, FUSED, R, L>(weights, x, u, inputs);
}

/// The columns of `columns` that fill whole vectors of `L` lanes: the rest, fewer than `L`, are
/// the tail, computed in vectors padded with zeros.
const fn whole_vectors<const L: usize>(columns: usize) -> usize {
    columns - columns % L
}

/// Rows of the weights that a tail's padded copy takes at a time (4 KiB of `f32`s on AVX-512).
const TAIL_ROWS: usize = 64;

/// `v` padded with zeros to `L` values.
#[inline(always)]
fn padded<T: Scalar, const L: usize>(v: &[T]) -> [T; L] {
    let mut lanes = [T::ZERO; L];
    lanes[..v.len()].copy_from_slice(v);
    lanes
}

/// The tail of [`affine_batch`]: its outputs past the last whole vector, for every sample, in
/// vectors of `L` lanes padded with zeros, from a copy of the weights' tail columns made
/// [`TAIL_ROWS`] rows at a time. Taken four, four, one and one lanes at a time instead, the 10
/// outputs of W3's last layer took 4% of its step (3.4 µs, now 2.0). A padded lane adds zeros
/// and is dropped, so every sum is the same.
#[inline(always)]
fn affine_tail<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const L: usize,
>(
    weights: &[[T; O]; I],
    x: &[&[T; I]; B],
    u: &mut [[T; O]; B],
    inputs: Range<usize>,
) {
    let first = whole_vectors::<L>(O);
    if first == O {
        return;
    }
    let mut copy = [[T::ZERO; L]; TAIL_ROWS];
    for start in inputs.clone().step_by(TAIL_ROWS) {
        let inputs = start..inputs.end.min(start + TAIL_ROWS);
        for (copy, row) in copy.iter_mut().zip(&weights[inputs.clone()]) {
            *copy = padded(&row[first..]);
        }
        let rows = &copy[..inputs.len()];
        let whole = B - B % R;
        for sample in (0..whole).step_by(R) {
            affine_tail_tile::<T, I, O, FUSED, R, L>(rows, &x[sample..], &mut u[sample..], &inputs);
        }
        for sample in whole..B {
            affine_tail_tile::<T, I, O, FUSED, 1, L>(rows, &x[sample..], &mut u[sample..], &inputs);
        }
    }
}

/// The tail of `R` samples' outputs from the first of `x` and `u`, from the `rows` of the tail's
/// copy of the weights for `inputs`.
#[inline(always)]
fn affine_tail_tile<
    T: Scalar,
    const I: usize,
    const O: usize,
    const FUSED: bool,
    const R: usize,
    const L: usize,
>(
    rows: &[[T; L]],
    x: &[&[T; I]],
    u: &mut [[T; O]],
    inputs: &Range<usize>,
) {
    let first = whole_vectors::<L>(O);
    let x = core::array::from_fn(|r| &x[r][inputs.clone()]);
    let start = core::array::from_fn(|r| padded(&u[r][first..]));
    let sums = tail_sums::<T, FUSED, R, L>(start, rows, x);
    for (u, sums) in u.iter_mut().zip(&sums) {
        u[first..].copy_from_slice(&sums[..O - first]);
    }
}

/// The sums of one tile of [`affine_tail`], as [`affine_sums`], each vector of sums a value.
#[inline(always)]
fn tail_sums<T: Scalar, const FUSED: bool, const R: usize, const L: usize>(
    mut sums: [[T; L]; R],
    rows: &[[T; L]],
    x: [&[T]; R],
) -> [[T; L]; R] {
    let x = x.map(|x| &x[..rows.len()]);
    for (k, &w) in rows.iter().enumerate() {
        for (sums, x) in sums.iter_mut().zip(&x) {
            // SAFETY: `k < rows.len() == x.len()`.
            let xi = scalar(unsafe { x.get_unchecked(k) });
            *sums = lanes_mul_add::<T, FUSED, L>(xi, w, *sums);
        }
    }
    sums
}

/// `xi · w + sums`, lane by lane.
#[inline(always)]
fn lanes_mul_add<T: Scalar, const FUSED: bool, const L: usize>(
    xi: T,
    w: [T; L],
    sums: [T; L],
) -> [T; L] {
    core::array::from_fn(|c| mul_add::<T, FUSED>(xi, w[c], sums[c]))
}

/// `W += Σ x[s]ᵀ·du[s]`: output rows are inputs, columns are outputs, and the terms are the
/// block's samples. Each tile of `W` is loaded once (not at all `FROM_ZERO`), summed over the
/// block, multiplied by `factor` if `SCALED`, and stored once.
struct Outer<
    'a,
    T,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const FROM_ZERO: bool,
    const SCALED: bool,
> {
    weights: &'a SharedRows<'a, T>,
    x: &'a [&'a [T; I]; B],
    du: &'a [[T; O]; B],
    factor: T,
}

impl<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const FROM_ZERO: bool,
    const SCALED: bool,
> Tiles for Outer<'_, T, I, O, B, FUSED, FROM_ZERO, SCALED>
{
    #[inline(always)]
    fn tile<const R: usize, const C: usize>(&mut self, input: usize, column: usize) {
        // SAFETY (each `get`): a tile lies in the rows of this call, which no other thread has.
        let start = if FROM_ZERO {
            [[T::ZERO; C]; R]
        } else {
            core::array::from_fn(|r| *unsafe { self.weights.get::<C>(input + r, column) })
        };
        let mut sums = outer_sums::<T, I, O, B, FUSED, R, C>(start, self.x, self.du, input, column);
        if SCALED {
            for sum in sums.as_flattened_mut() {
                *sum *= self.factor;
            }
        }
        for (r, sums) in sums.iter().enumerate() {
            *unsafe { self.weights.get::<C>(input + r, column) } = *sums;
        }
    }
}

/// The sums of one tile of [`Outer`], from `start`. Computed from arguments into a value, not
/// through `&mut self`: LLVM then keeps the sums in registers, where through the fields it stored
/// each one after every update, or vectorised the wrong loop with gathers (one codegen unit).
#[inline(always)]
fn outer_sums<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const C: usize,
>(
    mut sums: [[T; C]; R],
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
    input: usize,
    column: usize,
) -> [[T; C]; R] {
    for (x, du) in x.iter().zip(du) {
        let d = columns::<T, C>(du, column);
        for (sums, &xi) in sums.iter_mut().zip(columns::<T, R>(&x[..], input)) {
            for (sum, &duj) in sums.iter_mut().zip(d) {
                *sum = mul_add::<T, FUSED>(xi, duj, *sum);
            }
        }
    }
    sums
}

/// `W += Σ x[s]ᵀ·du[s]` for a block of samples (or `=`, and then scaled, as `sum` says), in
/// tiles of `R` rows of `W` by `C` outputs: the rows in `inputs`, which the caller's thread alone
/// writes. The tiles go along the rows, so that `W` is read and written in order, once. Starting
/// from zero and scaling are tiles of their own, chosen once: decided in each tile, they made the
/// tiles' loop 1.5x slower; scaling in a pass of its own after the tiles took a tenth of the
/// product on W3.
#[inline(always)]
pub(super) fn add_outer_batch<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const C: usize,
    const L: usize,
>(
    weights: &SharedRows<'_, T>,
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
    sum: Accumulate<T>,
    inputs: Range<usize>,
) {
    let factor = sum.scale.unwrap_or(T::ONE);
    match (sum.from_zero, sum.scale.is_some()) {
        (true, true) => {
            outer_rows::<T, I, O, B, FUSED, true, true, R, C, L>(weights, x, du, factor, inputs);
        }
        (true, false) => {
            outer_rows::<T, I, O, B, FUSED, true, false, R, C, L>(weights, x, du, factor, inputs);
        }
        (false, true) => {
            outer_rows::<T, I, O, B, FUSED, false, true, R, C, L>(weights, x, du, factor, inputs);
        }
        (false, false) => {
            outer_rows::<T, I, O, B, FUSED, false, false, R, C, L>(weights, x, du, factor, inputs);
        }
    }
}

/// The rows `inputs` of [`add_outer_batch`], in the tiles of [`Outer`] that start from zero or
/// not and scale by `factor` or not.
#[inline(always)]
fn outer_rows<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const FROM_ZERO: bool,
    const SCALED: bool,
    const R: usize,
    const C: usize,
    const L: usize,
>(
    weights: &SharedRows<'_, T>,
    x: &[&[T; I]; B],
    du: &[[T; O]; B],
    factor: T,
    inputs: Range<usize>,
) {
    let mut product = Outer::<T, I, O, B, FUSED, FROM_ZERO, SCALED> {
        weights,
        x,
        du,
        factor,
    };
    let first = whole_vectors::<L>(O);
    along_rows::<_, R, C, L>(&mut product, inputs.clone(), first);
    if first == O {
        return;
    }
    // The tail columns, past the last whole vector, as `affine_tail` takes them: each sample's
    // terms padded with zeros, in tiles of `R` rows by one vector.
    let du_tail: [[T; L]; B] = core::array::from_fn(|s| padded(&du[s][first..]));
    let whole = inputs.end - inputs.len() % R;
    for input in (inputs.start..whole).step_by(R) {
        outer_tail::<T, I, O, B, FUSED, FROM_ZERO, SCALED, R, L>(
            weights, x, &du_tail, factor, input,
        );
    }
    for input in whole..inputs.end {
        outer_tail::<T, I, O, B, FUSED, FROM_ZERO, SCALED, 1, L>(
            weights, x, &du_tail, factor, input,
        );
    }
}

/// The tile of [`Outer`] at rows `input..input + R` and the columns past the last whole vector,
/// from `du_tail`, those columns of `du` padded with zeros.
#[inline(always)]
fn outer_tail<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const FROM_ZERO: bool,
    const SCALED: bool,
    const R: usize,
    const L: usize,
>(
    weights: &SharedRows<'_, T>,
    x: &[&[T; I]; B],
    du_tail: &[[T; L]; B],
    factor: T,
    input: usize,
) {
    let first = whole_vectors::<L>(O);
    // SAFETY: the rows `input..input + R` are this call's, which no other thread has, and no other
    // reference to them lives while this one does.
    let rows = unsafe { weights.rows(input..input + R) };
    let start = if FROM_ZERO {
        [[T::ZERO; L]; R]
    } else {
        core::array::from_fn(|r| padded(&rows[r * O + first..(r + 1) * O]))
    };
    let mut sums = outer_tail_sums::<T, I, B, FUSED, R, L>(start, x, du_tail, input);
    if SCALED {
        for sum in sums.as_flattened_mut() {
            *sum *= factor;
        }
    }
    for (r, sums) in sums.iter().enumerate() {
        rows[r * O + first..(r + 1) * O].copy_from_slice(&sums[..O - first]);
    }
}

/// The sums of one tile of [`outer_tail`], as [`outer_sums`], each vector of sums a value, and
/// each sample's values read as volatile, as in [`tail_sums`]. Measured reason: through
/// `outer_sums`, LLVM gathered the samples' values into vectors when the tile added to the
/// gradient (not from zero), and the weight gradient of W3's last layer took 19 µs, not 1.4.
#[inline(always)]
fn outer_tail_sums<
    T: Scalar,
    const I: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const L: usize,
>(
    mut sums: [[T; L]; R],
    x: &[&[T; I]; B],
    du_tail: &[[T; L]; B],
    input: usize,
) -> [[T; L]; R] {
    for (x, &d) in x.iter().zip(du_tail) {
        let x = columns::<T, R>(&x[..], input);
        for (sums, xi) in sums.iter_mut().zip(x) {
            let xi = scalar(xi);
            *sums = lanes_mul_add::<T, FUSED, L>(xi, d, *sums);
        }
    }
    sums
}

/// Covers `rows` x `0..columns` with tiles of `R x C`, `R` rows at a time.
#[inline(always)]
fn along_rows<K: Tiles, const R: usize, const C: usize, const L: usize>(
    product: &mut K,
    rows: Range<usize>,
    columns: usize,
) {
    for first in rows.clone().step_by(R) {
        for_each_tile::<_, R, C, L>(product, first..rows.end.min(first + R), 0..columns);
    }
}

/// `dx[s] = W·du[s]`: output rows are inputs, columns are samples, and the terms are the
/// outputs, with `du` transposed so that a row of terms is contiguous.
struct InputGradient<'a, T, const I: usize, const O: usize, const B: usize, const FUSED: bool> {
    weights: &'a [[T; O]; I],
    du_columns: &'a [[T; B]; O],
    dx: &'a SharedRows<'a, T>,
}

impl<T: Scalar, const I: usize, const O: usize, const B: usize, const FUSED: bool> Tiles
    for InputGradient<'_, T, I, O, B, FUSED>
{
    #[inline(always)]
    fn tile<const R: usize, const C: usize>(&mut self, input: usize, sample: usize) {
        let rows = core::array::from_fn(|r| &self.weights[input + r]);
        let sums = input_gradient_sums::<T, O, B, FUSED, R, C>(rows, self.du_columns, sample);
        for c in 0..C {
            // SAFETY: a tile's inputs lie in the ones of this call, which no other thread has.
            let dx = unsafe { self.dx.get::<R>(sample + c, input) };
            for (dx, sums) in dx.iter_mut().zip(&sums) {
                *dx = sums[c];
            }
        }
    }
}

/// The sums of one tile of [`InputGradient`], as [`outer_sums`].
#[inline(always)]
fn input_gradient_sums<
    T: Scalar,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const C: usize,
>(
    rows: [&[T; O]; R],
    du_columns: &[[T; B]; O],
    sample: usize,
) -> [[T; C]; R] {
    // `-0.0 + p` is `p` for every `p`, signed zeros too: the sums are the one-sample loop's,
    // which start from their first product.
    let mut sums = [[-T::ZERO; C]; R];
    for (j, du) in du_columns.iter().enumerate() {
        let d = columns::<T, C>(du, sample);
        for (sums, row) in sums.iter_mut().zip(&rows) {
            let wij = row[j];
            for (sum, &duj) in sums.iter_mut().zip(d) {
                *sum = mul_add::<T, FUSED>(wij, duj, *sum);
            }
        }
    }
    sums
}

/// `dx[s] = W·du[s]` for a block of samples, in tiles of `R` inputs by `C` samples: the inputs
/// in `inputs`, whose values of `dx` the caller's thread alone writes, from `du` already
/// transposed into `du_columns`.
#[inline(always)]
pub(super) fn input_gradient_batch<
    T: Scalar,
    const I: usize,
    const O: usize,
    const B: usize,
    const FUSED: bool,
    const R: usize,
    const C: usize,
    const L: usize,
>(
    weights: &[[T; O]; I],
    du_columns: &[[T; B]; O],
    dx: &SharedRows<'_, T>,
    inputs: Range<usize>,
) {
    let mut product = InputGradient::<T, I, O, B, FUSED> {
        weights,
        du_columns,
        dx,
    };
    for_each_tile::<_, R, C, L>(&mut product, inputs, 0..B);
}
