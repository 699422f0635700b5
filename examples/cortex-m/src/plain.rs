//! The digits network's forward pass as a C programmer would write it, over the same weights:
//! index loops, a dot product per output. The baseline `nn`'s generated code is measured against.

// Index loops are the point: this is the C-style baseline.
#![allow(clippy::needless_range_loop)]

use crate::Digits;

/// `softmax(relu(x·W1 + b1)·W2 + b2)`.
pub fn forward(net: &Digits, x: &[f32; 64]) -> [f32; 10] {
    let (w1, b1) = (&net.layer1.weights, &net.layer1.bias);
    let (w2, b2) = (&net.layer2.weights, &net.layer2.bias);
    let mut hidden = [0.0_f32; 32];
    for j in 0..32 {
        let mut sum = b1[j];
        for i in 0..64 {
            sum += x[i] * w1[i][j];
        }
        hidden[j] = if sum > 0.0 { sum } else { 0.0 };
    }
    let mut y = [0.0_f32; 10];
    let mut max = f32::NEG_INFINITY;
    for k in 0..10 {
        let mut sum = b2[k];
        for j in 0..32 {
            sum += hidden[j] * w2[j][k];
        }
        y[k] = sum;
        if sum > max {
            max = sum;
        }
    }
    let mut total = 0.0;
    for k in 0..10 {
        y[k] = libm::expf(y[k] - max);
        total += y[k];
    }
    for k in 0..10 {
        y[k] /= total;
    }
    y
}
