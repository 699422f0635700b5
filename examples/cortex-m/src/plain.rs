//! The digits networks' forward passes as a C programmer would write them, over the same weights:
//! index loops, a dot product per output, a convolution as a sum per output over its kernel. The
//! baselines `nn`'s generated code is measured against.

// Index loops are the point: this is the C-style baseline.
#![allow(clippy::needless_range_loop)]

use crate::{Digits, DigitsCnn};

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

/// `DigitsCnn`'s forward pass: two `same` 3 x 3 convolutions, each followed by ReLU and 2 x 2
/// max pooling, then two dense layers and softmax.
pub fn forward_cnn(net: &DigitsCnn, x: &[f32; 64]) -> [f32; 10] {
    let mut image = [[[0.0_f32; 8]; 8]; 1];
    for i in 0..64 {
        image[0][i / 8][i % 8] = x[i];
    }
    let conv1 = conv_same_relu::<1, 16, 8>(&net.layer1.weights, &net.layer1.bias, &image);
    let pooled1 = max_pool::<16, 8, 4>(&conv1);
    let conv2 = conv_same_relu::<16, 32, 4>(&net.layer3.weights, &net.layer3.bias, &pooled1);
    let pooled2 = max_pool::<32, 4, 2>(&conv2);
    let (w5, b5) = (&net.layer5.weights, &net.layer5.bias);
    let mut hidden = [0.0_f32; 64];
    for j in 0..64 {
        let mut sum = b5[j];
        for c in 0..32 {
            for y in 0..2 {
                for x in 0..2 {
                    sum += pooled2[c][y][x] * w5[(c * 2 + y) * 2 + x][j];
                }
            }
        }
        hidden[j] = if sum > 0.0 { sum } else { 0.0 };
    }
    let (w6, b6) = (&net.layer6.weights, &net.layer6.bias);
    let mut y = [0.0_f32; 10];
    let mut max = f32::NEG_INFINITY;
    for k in 0..10 {
        let mut sum = b6[k];
        for j in 0..64 {
            sum += hidden[j] * w6[j][k];
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

/// A 3 x 3 convolution with one zero of padding all around (`same`), then ReLU.
fn conv_same_relu<const C: usize, const F: usize, const N: usize>(
    weights: &[[[[f32; F]; 3]; 3]; C],
    bias: &[f32; F],
    x: &[[[f32; N]; N]; C],
) -> [[[f32; N]; N]; F] {
    let mut out = [[[0.0_f32; N]; N]; F];
    for f in 0..F {
        for oy in 0..N {
            for ox in 0..N {
                let mut sum = bias[f];
                for c in 0..C {
                    for ky in 0..3 {
                        for kx in 0..3 {
                            let (iy, ix) = (oy + ky, ox + kx);
                            if iy >= 1 && iy <= N && ix >= 1 && ix <= N {
                                sum += weights[c][ky][kx][f] * x[c][iy - 1][ix - 1];
                            }
                        }
                    }
                }
                out[f][oy][ox] = if sum > 0.0 { sum } else { 0.0 };
            }
        }
    }
    out
}

/// 2 x 2 max pooling.
fn max_pool<const C: usize, const N: usize, const M: usize>(
    x: &[[[f32; N]; N]; C],
) -> [[[f32; M]; M]; C] {
    let mut out = [[[0.0_f32; M]; M]; C];
    for c in 0..C {
        for y in 0..M {
            for x2 in 0..M {
                let a = x[c][2 * y][2 * x2].max(x[c][2 * y][2 * x2 + 1]);
                let b = x[c][2 * y + 1][2 * x2].max(x[c][2 * y + 1][2 * x2 + 1]);
                out[c][y][x2] = a.max(b);
            }
        }
    }
    out
}
