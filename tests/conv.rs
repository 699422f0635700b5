//! Parity with PyTorch's `conv2d`: the conv layer's output and every gradient, for the cases of
//! `reference/torch_conv.py` (float64, computed by PyTorch's autograd).

mod common;

use common::{F64_TOLERANCE, flat};
use nn::{Conv2d, Sliding};
use serde_json::Value;

fn case(name: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("reference/torch_conv.json"))
        .expect("the reference file is valid JSON");
    all[name].clone()
}

fn pair(value: &Value) -> [usize; 2] {
    let number = |i: usize| {
        let number = value[i].as_u64().expect("a whole number");
        usize::try_from(number).expect("a small one")
    };
    [number(0), number(1)]
}

/// A `[A][B][C]` array of the reference's values, in order.
fn array3<const A: usize, const B: usize, const C: usize>(value: &Value) -> [[[f64; C]; B]; A] {
    let values = flat(value);
    assert_eq!(values.len(), A * B * C, "reference size");
    core::array::from_fn(|a| {
        core::array::from_fn(|b| core::array::from_fn(|c| values[(a * B + b) * C + c]))
    })
}

/// PyTorch's `[F][C][KH][KW]` weight as the layer's `[C][KH][KW][F]`.
fn weights<const C: usize, const F: usize, const KH: usize, const KW: usize>(
    value: &Value,
) -> [[[[f64; F]; KW]; KH]; C] {
    let values = flat(value);
    assert_eq!(values.len(), F * C * KH * KW, "reference size");
    core::array::from_fn(|c| {
        core::array::from_fn(|ky| {
            core::array::from_fn(|kx| {
                core::array::from_fn(|f| values[((f * C + c) * KH + ky) * KW + kx])
            })
        })
    })
}

/// Each value within `F64_TOLERANCE` of PyTorch's, relatively, or absolutely near zero.
#[track_caller]
fn assert_close(name: &str, actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len(), "{name}: size");
    for (i, (&actual, &expected)) in actual.iter().zip(expected).enumerate() {
        let error = (actual - expected).abs();
        assert!(
            error <= F64_TOLERANCE * expected.abs().max(1.0),
            "{name}[{i}]: {actual} vs PyTorch's {expected}"
        );
    }
}

/// The layer's forward and backward products against PyTorch's for one case.
fn check<
    const C: usize,
    const F: usize,
    const KH: usize,
    const KW: usize,
    const H: usize,
    const W: usize,
    const OH: usize,
    const OW: usize,
>(
    name: &str,
) {
    let r = case(name);
    let layer = Conv2d::<f64, C, F, KH, KW>::new(
        weights(&r["weight"]),
        flat(&r["bias"]).try_into().unwrap(),
    );
    let sliding = Sliding {
        stride: pair(&r["stride"]),
        padding: pair(&r["padding"]),
    };
    let x: [[[f64; W]; H]; C] = array3(&r["x"]);
    let du: [[[f64; OW]; OH]; F] = array3(&r["du"]);

    let mut u = [[[f64::NAN; OW]; OH]; F];
    layer.total_input(&x, sliding, &mut u);
    assert_close(
        &format!("{name}: u"),
        u.as_flattened().as_flattened(),
        &flat(&r["u"]),
    );

    let mut dx = [[[f64::NAN; W]; H]; C];
    layer.input_gradient(&du, sliding, &mut dx);
    let expected = flat(&r["grad_x"]);
    assert_close(
        &format!("{name}: dx"),
        dx.as_flattened().as_flattened(),
        &expected,
    );

    let mut grad = Conv2d::<f64, C, F, KH, KW>::zeros();
    grad.add_gradient(&x, &du, sliding);
    let expected = weights::<C, F, KH, KW>(&r["grad_weight"]);
    assert_close(
        &format!("{name}: weight gradient"),
        grad.weight_rows().as_flattened(),
        expected.as_flattened().as_flattened().as_flattened(),
    );
    assert_close(
        &format!("{name}: bias gradient"),
        &grad.bias,
        &flat(&r["grad_bias"]),
    );
}

#[test]
fn valid_padding_non_square_kernel() {
    check::<2, 3, 3, 2, 7, 6, 5, 5>("valid_non_square");
}

#[test]
fn same_padding_stride_2() {
    check::<2, 3, 3, 3, 7, 6, 4, 3>("same_stride_2");
}

#[test]
fn same_padding_even_kernel() {
    check::<2, 2, 4, 4, 6, 6, 6, 6>("same_even_kernel");
}

#[test]
fn stride_1x2_rows_padded() {
    check::<1, 4, 2, 4, 8, 8, 9, 3>("stride_1x2_padded_rows");
}

#[test]
fn pointwise() {
    check::<4, 2, 1, 1, 5, 5, 5, 5>("pointwise");
}

#[test]
fn the_output_sizes_of_the_cases() {
    // TensorFlow's `same`, stride 2: ceil(7 / 2) x ceil(6 / 2), one row of zeros above and one
    // below, one column after.
    let same = Sliding {
        stride: [2, 2],
        padding: [1, 0],
    };
    assert_eq!(same.output_len_padded(7, 3, 0, 1), 4);
    assert_eq!(same.output_len_padded(6, 3, 1, 1), 3);
    let rows = Sliding {
        stride: [1, 2],
        padding: [1, 0],
    };
    assert_eq!((rows.output_len(8, 2, 0), rows.output_len(8, 4, 1)), (9, 3));
}
