//! Helpers shared by the tests that compare with numpy's reference values.
#![allow(dead_code)] // each test crate uses its own subset

use nn::{Dense, Network, Scalar};
use serde_json::Value;

/// f32 carries about 7 significant digits: results must agree to 1e-6 relative.
pub const F32_TOLERANCE: f64 = 1e-6;
/// f64 results differ from numpy's only by the order of rounding.
pub const F64_TOLERANCE: f64 = 1e-12;

/// One example of `tests/reference/seed_reference.json`.
pub fn reference(example: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("../reference/seed_reference.json"))
        .expect("the reference file is valid JSON");
    all[example].clone()
}

pub fn vector<T: Scalar, const N: usize>(value: &Value) -> [T; N] {
    let values = value.as_array().expect("an array");
    assert_eq!(values.len(), N, "reference width");
    core::array::from_fn(|i| T::from_f64(values[i].as_f64().expect("a number")))
}

pub fn dense<T: Scalar, const I: usize, const O: usize>(
    weights: &Value,
    bias: &Value,
) -> Dense<T, I, O> {
    let rows = weights.as_array().expect("rows");
    assert_eq!(rows.len(), I, "reference rows");
    Dense::new(core::array::from_fn(|i| vector(&rows[i])), vector(bias))
}

/// A number, vector or matrix of the reference as one flat list, rows one after the other.
pub fn flat(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        value => vec![value.as_f64().expect("a number")],
    }
}

/// Every element within `tolerance` of numpy's, relatively.
#[track_caller]
pub fn assert_close<T: Scalar>(name: &str, actual: &[T], expected: &Value, tolerance: f64) {
    let expected = flat(expected);
    assert_eq!(actual.len(), expected.len(), "{name}: width");
    for (i, (actual, expected)) in actual.iter().zip(expected).enumerate() {
        let actual = actual.to_f64();
        let error = (actual - expected).abs();
        assert!(
            error <= tolerance * expected.abs(),
            "{name}[{i}]: {actual} vs numpy's {expected} (relative error {:e})",
            error / expected.abs()
        );
    }
}

/// Asserts that `grad` holds, at row `i` and column `j` of tensor `tensor` for every `i` in `rows`
/// and `j` in `columns`, the central difference of `error` in that parameter of `net`, with step
/// 1e-5: within 1e-6 of it relative, plus 1e-9. `net` is left as it was.
pub fn assert_central_differences<N: Network<Scalar = f64>>(
    net: &mut N,
    grad: &N,
    tensor: usize,
    rows: &[usize],
    columns: &[usize],
    mut error: impl FnMut(&N) -> f64,
) {
    let h = 1e-5;
    let (name, width) = (N::TENSORS[tensor].name, N::TENSORS[tensor].columns);
    for &i in rows {
        for &j in columns {
            let index = i * width + j;
            let value = net.tensor(tensor)[index];
            net.tensor_mut(tensor)[index] = value + h;
            let up = error(net);
            net.tensor_mut(tensor)[index] = value - h;
            let down = error(net);
            net.tensor_mut(tensor)[index] = value;
            let numerical = (up - down) / (2.0 * h);
            let analytic = grad.tensor(tensor)[index];
            assert!(
                (analytic - numerical).abs() <= 1e-6 * numerical.abs() + 1e-9,
                "{name}[{i}][{j}]: {analytic} vs {numerical}"
            );
        }
    }
}
