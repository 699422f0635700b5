//! The inner loops of a convolution, which [`Conv2d`](crate::Conv2d) and
//! [`Conv1d`](crate::Conv1d) (as kernels one row high) share.
//!
//! They go one output place at a time, and at each place compute all the filters at once: the
//! weights `[C][KH][KW][F]` hold a row of `F` values per input and kernel place, so a place's
//! sums are a vector that each input it sees scales one contiguous row into, as a dense layer's
//! do ([`affine_loop`](super::affine_loop)). The values keep `PyTorch`'s order, filter first: a
//! place's `F` sums are written to its place in each filter's output. Going one filter at a time,
//! a vector along the input's rows, a row of the digits CNN's 4 x 4 images filled a quarter of an
//! AVX-512 vector, and its inference took 92.7 µs, 2.9 times hand-written loops.
//!
//! Dispatched as a large dense layer's products: compiled for AVX-512 and for AVX2 with FMA
//! besides the build's own target, with `std`, and fused where the CPU has FMA.

#[cfg(feature = "std")]
use multiversion::multiversion;

use crate::Scalar;
use crate::conv::Sliding;

use super::mul_add;

dispatched! {
    /// [`Conv2d::total_input`](crate::Conv2d::total_input): each sum from the bias, then the
    /// terms in the order of the weights' rows.
    pub(crate) fn total_input<
        T: Scalar,
        const C: usize,
        const F: usize,
        const KH: usize,
        const KW: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        weights: &[[[[T; F]; KW]; KH]; C],
        bias: &[T; F],
        x: &[[[T; W]; H]; C],
        sliding: Sliding,
        u: &mut [[[T; OW]; OH]; F],
    ) {
        if has!("fma") {
            total_input_loop::<T, C, F, KH, KW, H, W, OH, OW, true>(weights, bias, x, sliding, u);
        } else {
            total_input_loop::<T, C, F, KH, KW, H, W, OH, OW, false>(weights, bias, x, sliding, u);
        }
    }

    /// [`Conv2d::input_gradient`](crate::Conv2d::input_gradient).
    pub(crate) fn input_gradient<
        T: Scalar,
        const C: usize,
        const F: usize,
        const KH: usize,
        const KW: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        weights: &[[[[T; F]; KW]; KH]; C],
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
        dx: &mut [[[T; W]; H]; C],
    ) {
        if has!("fma") {
            input_gradient_loop::<T, C, F, KH, KW, H, W, OH, OW, true>(weights, du, sliding, dx);
        } else {
            input_gradient_loop::<T, C, F, KH, KW, H, W, OH, OW, false>(weights, du, sliding, dx);
        }
    }

    /// [`Conv2d::add_scaled_gradient`](crate::Conv2d::add_scaled_gradient), into `weights` and
    /// `bias`: each weight's terms summed over the places in order, then scaled once.
    pub(crate) fn add_scaled_gradient<
        T: Scalar,
        const C: usize,
        const F: usize,
        const KH: usize,
        const KW: usize,
        const H: usize,
        const W: usize,
        const OH: usize,
        const OW: usize,
    >(
        weights: &mut [[[[T; F]; KW]; KH]; C],
        bias: &mut [T; F],
        x: &[[[T; W]; H]; C],
        du: &[[[T; OW]; OH]; F],
        sliding: Sliding,
        factor: T,
    ) {
        if has!("fma") {
            add_scaled_gradient_loop::<T, C, F, KH, KW, H, W, OH, OW, true>(
                weights, bias, x, du, sliding, factor,
            );
        } else {
            add_scaled_gradient_loop::<T, C, F, KH, KW, H, W, OH, OW, false>(
                weights, bias, x, du, sliding, factor,
            );
        }
    }
}

/// [`total_input`]'s loops.
#[inline(always)]
fn total_input_loop<
    T: Scalar,
    const C: usize,
    const F: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
    const FMA: bool,
>(
    weights: &[[[[T; F]; KW]; KH]; C],
    bias: &[T; F],
    x: &[[[T; W]; H]; C],
    sliding: Sliding,
    u: &mut [[[T; OW]; OH]; F],
) {
    let [sy, sx] = sliding.steps();
    let [py, px] = sliding.padding;
    for oy in 0..OH {
        let rows = sliding.kernel_on_input(0, oy, H, KH);
        for ox in 0..OW {
            let columns = sliding.kernel_on_input(1, ox, W, KW);
            let mut sums = *bias;
            for (xc, wc) in x.iter().zip(weights) {
                for ky in rows.clone() {
                    let (xs, wy) = (&xc[oy * sy + ky - py], &wc[ky]);
                    for kx in columns.clone() {
                        let value = xs[ox * sx + kx - px];
                        for (sum, &w) in sums.iter_mut().zip(&wy[kx]) {
                            *sum = mul_add::<T, FMA>(value, w, *sum);
                        }
                    }
                }
            }
            for (uf, sum) in u.iter_mut().zip(sums) {
                uf[oy][ox] = sum;
            }
        }
    }
}

/// [`input_gradient`]'s loops: for each input channel and kernel place, the sums over the filters
/// at every output place at once (a vector as long as the output, `du`'s rows as they are), then
/// each added to the input it came from. The digits CNN's second layer (16 channels, 32 filters,
/// 4 x 4) took 3.8 µs with AVX-512; 5.0 as a dot product over the filters per place and input,
/// each ending in a sum across a vector's lanes.
#[inline(always)]
fn input_gradient_loop<
    T: Scalar,
    const C: usize,
    const F: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
    const FMA: bool,
>(
    weights: &[[[[T; F]; KW]; KH]; C],
    du: &[[[T; OW]; OH]; F],
    sliding: Sliding,
    dx: &mut [[[T; W]; H]; C],
) {
    let [sy, sx] = sliding.steps();
    let [py, px] = sliding.padding;
    for row in dx.iter_mut().flatten() {
        row.fill(T::ZERO);
    }
    for (dxc, wc) in dx.iter_mut().zip(weights) {
        for (ky, wy) in wc.iter().enumerate() {
            let rows = sliding.on_input(0, ky, H, OH);
            for (kx, w) in wy.iter().enumerate() {
                let columns = sliding.on_input(1, kx, W, OW);
                let sums = weighted_sum::<T, F, OH, OW, FMA>(w, du);
                for oy in rows.clone() {
                    let dxs = &mut dxc[oy * sy + ky - py];
                    for ox in columns.clone() {
                        dxs[ox * sx + kx - px] += sums[oy][ox];
                    }
                }
            }
        }
    }
}

/// `Σ w[f] · du[f]` over the filters, a value per output place, in four partial sums (the
/// filters in turn) added at the end: in one, each multiply-add waits for the one before, and
/// the digits CNN's second layer's input gradient took 4.7 µs instead of 3.8.
#[inline(always)]
fn weighted_sum<T: Scalar, const F: usize, const OH: usize, const OW: usize, const FMA: bool>(
    w: &[T; F],
    du: &[[[T; OW]; OH]; F],
) -> [[T; OW]; OH] {
    const PARTS: usize = 4;
    let mut parts = [[[T::ZERO; OW]; OH]; PARTS];
    let (w_chunks, w_rest) = w.as_chunks::<PARTS>();
    let (du_chunks, du_rest) = du.as_chunks::<PARTS>();
    let chunks = w_chunks.iter().zip(du_chunks);
    let rest = core::iter::once((w_rest, du_rest));
    for (w, du) in chunks.map(|(w, du)| (&w[..], &du[..])).chain(rest) {
        for ((part, &w), duf) in parts.iter_mut().zip(w).zip(du) {
            for (sum, &d) in part.as_flattened_mut().iter_mut().zip(duf.as_flattened()) {
                *sum = mul_add::<T, FMA>(w, d, *sum);
            }
        }
    }
    let [mut sums, second, third, fourth] = parts;
    let others = second.as_flattened().iter();
    let others = others.zip(third.as_flattened()).zip(fourth.as_flattened());
    for (sum, ((&second, &third), &fourth)) in sums.as_flattened_mut().iter_mut().zip(others) {
        *sum = (*sum + second) + (third + fourth);
    }
    sums
}

/// [`add_scaled_gradient`]'s loops: `du` is first copied a place's `F` values together, so that
/// each weight row's gradient is a vector of sums that each place's input scales.
#[inline(always)]
fn add_scaled_gradient_loop<
    T: Scalar,
    const C: usize,
    const F: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
    const FMA: bool,
>(
    weights: &mut [[[[T; F]; KW]; KH]; C],
    bias: &mut [T; F],
    x: &[[[T; W]; H]; C],
    du: &[[[T; OW]; OH]; F],
    sliding: Sliding,
    factor: T,
) {
    let [sy, sx] = sliding.steps();
    let [py, px] = sliding.padding;
    let mut places = [[[T::ZERO; F]; OW]; OH];
    for (f, duf) in du.iter().enumerate() {
        for (row, du_row) in places.iter_mut().zip(duf) {
            for (place, &d) in row.iter_mut().zip(du_row) {
                place[f] = d;
            }
        }
    }
    for (xc, gc) in x.iter().zip(weights) {
        for (ky, gy) in gc.iter_mut().enumerate() {
            let rows = sliding.on_input(0, ky, H, OH);
            for (kx, g) in gy.iter_mut().enumerate() {
                let columns = sliding.on_input(1, kx, W, OW);
                let mut sums = [T::ZERO; F];
                for oy in rows.clone() {
                    let xs = &xc[oy * sy + ky - py];
                    for ox in columns.clone() {
                        let value = xs[ox * sx + kx - px];
                        for (sum, &d) in sums.iter_mut().zip(&places[oy][ox]) {
                            *sum = mul_add::<T, FMA>(value, d, *sum);
                        }
                    }
                }
                for (g, sum) in g.iter_mut().zip(sums) {
                    *g = mul_add::<T, FMA>(factor, sum, *g);
                }
            }
        }
    }
    for (b, duf) in bias.iter_mut().zip(du) {
        let mut sum = T::ZERO;
        for &value in duf.as_flattened() {
            sum += value;
        }
        *b = mul_add::<T, FMA>(factor, sum, *b);
    }
}

#[cfg(test)]
mod tests {
    use super::{add_scaled_gradient, input_gradient, total_input};
    use crate::conv::Sliding;

    /// Awkward values, so that a term added to the wrong sum shows.
    fn value(seed: usize) -> f64 {
        ((seed * 7_919 + 13) % 1_000) as f64 / 37.0 - 13.5
    }

    /// The definition, one input value and one weight at a time: whether `(y, x)` of channel `c`
    /// is where kernel place `(ky, kx)` of output `(oy, ox)` lands.
    fn lands(
        sliding: Sliding,
        [oy, ox, ky, kx]: [usize; 4],
        [h, w]: [usize; 2],
    ) -> Option<[usize; 2]> {
        let y = (oy * sliding.stride[0] + ky).checked_sub(sliding.padding[0])?;
        let x = (ox * sliding.stride[1] + kx).checked_sub(sliding.padding[1])?;
        (y < h && x < w).then_some([y, x])
    }

    /// The three products against their definitions, summed term by term, on 3 channels of 5 x 7,
    /// 4 filters of 3 x 2, with `sliding`.
    fn products_are_the_definitions<const OH: usize, const OW: usize>(sliding: Sliding) {
        const C: usize = 3;
        const F: usize = 4;
        const KH: usize = 3;
        const KW: usize = 2;
        const H: usize = 5;
        const W: usize = 7;
        let weights: [[[[f64; F]; KW]; KH]; C] = core::array::from_fn(|c| {
            core::array::from_fn(|ky| {
                core::array::from_fn(|kx| {
                    core::array::from_fn(|f| value(((c * KH + ky) * KW + kx) * F + f))
                })
            })
        });
        let bias: [f64; F] = core::array::from_fn(|f| value(500 + f));
        let x: [[[f64; W]; H]; C] = core::array::from_fn(|c| {
            core::array::from_fn(|y| core::array::from_fn(|i| value(700 + (c * H + y) * W + i)))
        });
        let du: [[[f64; OW]; OH]; F] = core::array::from_fn(|f| {
            core::array::from_fn(|y| core::array::from_fn(|i| value(900 + (f * OH + y) * OW + i)))
        });

        let (mut u, mut expected_u) = ([[[0.0; OW]; OH]; F], [[[0.0; OW]; OH]; F]);
        let (mut dx, mut expected_dx) = ([[[0.0; W]; H]; C], [[[0.0; W]; H]; C]);
        let (mut grad, mut expected_grad) = ([[[[0.0; F]; KW]; KH]; C], [[[[0.0; F]; KW]; KH]; C]);
        let (mut grad_bias, mut expected_bias) = ([0.0; F], [0.0; F]);
        for f in 0..F {
            for (oy, ox) in (0..OH).flat_map(|oy| (0..OW).map(move |ox| (oy, ox))) {
                expected_u[f][oy][ox] = bias[f];
                expected_bias[f] += 0.5 * du[f][oy][ox];
                for (c, ky, kx) in (0..C)
                    .flat_map(|c| (0..KH).flat_map(move |ky| (0..KW).map(move |kx| (c, ky, kx))))
                {
                    if let Some([y, i]) = lands(sliding, [oy, ox, ky, kx], [H, W]) {
                        expected_u[f][oy][ox] += weights[c][ky][kx][f] * x[c][y][i];
                        expected_dx[c][y][i] += weights[c][ky][kx][f] * du[f][oy][ox];
                        expected_grad[c][ky][kx][f] += 0.5 * x[c][y][i] * du[f][oy][ox];
                    }
                }
            }
        }
        total_input(&weights, &bias, &x, sliding, &mut u);
        input_gradient(&weights, &du, sliding, &mut dx);
        add_scaled_gradient(&mut grad, &mut grad_bias, &x, &du, sliding, 0.5);
        let close = |a: &[f64], b: &[f64]| {
            a.iter()
                .zip(b)
                .all(|(a, b)| (a - b).abs() <= 1e-9 * (1.0 + b.abs()))
        };
        assert!(
            close(
                u.as_flattened().as_flattened(),
                expected_u.as_flattened().as_flattened()
            ),
            "{sliding:?}"
        );
        assert!(
            close(
                dx.as_flattened().as_flattened(),
                expected_dx.as_flattened().as_flattened()
            ),
            "{sliding:?}"
        );
        assert!(
            close(
                grad.as_flattened().as_flattened().as_flattened(),
                expected_grad.as_flattened().as_flattened().as_flattened()
            ),
            "{sliding:?}"
        );
        assert!(close(&grad_bias, &expected_bias), "{sliding:?}");
    }

    #[test]
    fn products_are_their_definitions_for_every_place_of_the_kernel() {
        products_are_the_definitions::<3, 6>(Sliding::VALID);
        // `same`, odd zero after: rows 1 before, 1 after; columns 0 before, 1 after.
        products_are_the_definitions::<5, 7>(Sliding {
            stride: [1, 1],
            padding: [1, 0],
        });
        // Strides 2 and 3 with padding on both axes: the first row of places sees one row of the
        // input, the first column one column.
        products_are_the_definitions::<3, 3>(Sliding {
            stride: [2, 3],
            padding: [2, 1],
        });
        // More outputs than places on the input: the last row sees only zeros, and the bias.
        products_are_the_definitions::<8, 2>(Sliding {
            stride: [1, 5],
            padding: [2, 0],
        });
    }
}
