//! The baselines: the same networks written by hand over `[[f32; O]; I]` arrays, with the plain
//! loops a careful programmer writes without a library.

// Index loops are the point of a baseline, and it takes its input as `nn` does, by reference.
#![allow(clippy::needless_range_loop, clippy::trivially_copy_pass_by_ref)]

/// `u = x·W + b`, row by row.
fn affine<const I: usize, const O: usize>(
    x: &[f32; I],
    w: &[[f32; O]; I],
    b: &[f32; O],
) -> [f32; O] {
    let mut u = *b;
    for i in 0..I {
        for j in 0..O {
            u[j] += x[i] * w[i][j];
        }
    }
    u
}

fn relu<const N: usize>(mut u: [f32; N]) -> [f32; N] {
    for v in &mut u {
        *v = v.max(0.0);
    }
    u
}

/// W1: the seed's `2 => relu 3 => relu 2 => identity 2`.
pub struct Seed3 {
    pub w1: [[f32; 3]; 2],
    pub b1: [f32; 3],
    pub w2: [[f32; 2]; 3],
    pub b2: [f32; 2],
    pub w3: [[f32; 2]; 2],
    pub b3: [f32; 2],
}

impl Seed3 {
    pub fn forward(&self, x: &[f32; 2]) -> [f32; 2] {
        let z1 = relu(affine(x, &self.w1, &self.b1));
        let z2 = relu(affine(&z1, &self.w2, &self.b2));
        affine(&z2, &self.w3, &self.b3)
    }
}

/// W2: the seed's regression network `2 => relu 10 => identity 1`, trained a sample at a time.
pub struct Regression {
    pub w1: [[f32; 10]; 2],
    pub b1: [f32; 10],
    pub w2: [[f32; 1]; 10],
    pub b2: [f32; 1],
}

impl Regression {
    /// One step of the seed's stochastic gradient descent on `(x, d)` with mean squared error.
    pub fn step(&mut self, x: &[f32; 2], d: f32, learning_rate: f32) -> f32 {
        let u1 = affine(x, &self.w1, &self.b1);
        let z1 = relu(u1);
        let y = affine(&z1, &self.w2, &self.b2)[0];
        let delta2 = y - d;
        let mut delta1 = [0.0; 10];
        for j in 0..10 {
            delta1[j] = if u1[j] > 0.0 {
                delta2 * self.w2[j][0]
            } else {
                0.0
            };
        }
        for j in 0..10 {
            self.w2[j][0] -= learning_rate * z1[j] * delta2;
        }
        self.b2[0] -= learning_rate * delta2;
        for i in 0..2 {
            for j in 0..10 {
                self.w1[i][j] -= learning_rate * x[i] * delta1[j];
            }
        }
        for j in 0..10 {
            self.b1[j] -= learning_rate * delta1[j];
        }
        (d - y) * (d - y) / 2.0
    }
}

/// W3: `784 => relu 128 => softmax 10` with cross entropy.
pub struct Mlp {
    pub w1: [[f32; 128]; 784],
    pub b1: [f32; 128],
    pub w2: [[f32; 10]; 128],
    pub b2: [f32; 10],
}

fn softmax(mut u: [f32; 10]) -> [f32; 10] {
    let max = u.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let mut sum = 0.0;
    for v in &mut u {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in &mut u {
        *v /= sum;
    }
    u
}

impl Mlp {
    pub fn forward(&self, x: &[f32; 784]) -> [f32; 10] {
        softmax(affine(
            &relu(affine(x, &self.w1, &self.b1)),
            &self.w2,
            &self.b2,
        ))
    }

    /// One mini-batch step: the mean gradient over `batch`, one outer product per sample into
    /// `grad`, then `w -= lr · grad`. Returns the mean loss.
    pub fn train_batch(
        &mut self,
        grad: &mut Mlp,
        batch: &[([f32; 784], usize)],
        learning_rate: f32,
    ) -> f32 {
        zero(grad);
        let mut loss = 0.0;
        for (x, class) in batch {
            let u1 = affine(x, &self.w1, &self.b1);
            let z1 = relu(u1);
            let y = softmax(affine(&z1, &self.w2, &self.b2));
            loss -= (y[*class] + 1e-7).ln();
            let mut du2 = y;
            du2[*class] -= 1.0;
            let mut du1 = [0.0; 128];
            for j in 0..128 {
                if u1[j] > 0.0 {
                    for k in 0..10 {
                        du1[j] += self.w2[j][k] * du2[k];
                    }
                }
            }
            for j in 0..128 {
                for k in 0..10 {
                    grad.w2[j][k] += z1[j] * du2[k];
                }
            }
            for k in 0..10 {
                grad.b2[k] += du2[k];
            }
            for i in 0..784 {
                for j in 0..128 {
                    grad.w1[i][j] += x[i] * du1[j];
                }
            }
            for j in 0..128 {
                grad.b1[j] += du1[j];
            }
        }
        let scale = learning_rate / batch.len() as f32;
        for i in 0..784 {
            for j in 0..128 {
                self.w1[i][j] -= scale * grad.w1[i][j];
            }
        }
        for j in 0..128 {
            self.b1[j] -= scale * grad.b1[j];
            for k in 0..10 {
                self.w2[j][k] -= scale * grad.w2[j][k];
            }
        }
        for k in 0..10 {
            self.b2[k] -= scale * grad.b2[k];
        }
        loss / batch.len() as f32
    }
}

fn zero(grad: &mut Mlp) {
    grad.w1.as_flattened_mut().fill(0.0);
    grad.b1.fill(0.0);
    grad.w2.as_flattened_mut().fill(0.0);
    grad.b2.fill(0.0);
}

/// W4: the digits CNN, `[1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2) => relu
/// conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10`, its weights laid out as
/// `nn`'s (a kernel `[C][KH][KW][F]`, a dense layer `[inputs][outputs]`).
pub struct DigitsCnn {
    pub w1: [[[[f32; 16]; 3]; 3]; 1],
    pub b1: [f32; 16],
    pub w3: [[[[f32; 32]; 3]; 3]; 16],
    pub b3: [f32; 32],
    pub w5: [[f32; 64]; 128],
    pub b5: [f32; 64],
    pub w6: [[f32; 10]; 64],
    pub b6: [f32; 10],
}

/// One image, as the convolutions read it.
fn image(x: &[f32; 64]) -> [[[f32; 8]; 8]; 1] {
    let mut image = [[[0.0; 8]; 8]; 1];
    for i in 0..64 {
        image[0][i / 8][i % 8] = x[i];
    }
    image
}

impl DigitsCnn {
    pub fn forward(&self, x: &[f32; 64]) -> [f32; 10] {
        let z1 = relu3(conv3x3_same::<1, 16, 8, 10>(
            &self.w1,
            &self.b1,
            &pad(&image(x)),
        ));
        let p2: [[[f32; 4]; 4]; 16] = max_pool(&z1);
        let z3 = relu3(conv3x3_same::<16, 32, 4, 6>(&self.w3, &self.b3, &pad(&p2)));
        let p4: [[[f32; 2]; 2]; 32] = max_pool(&z3);
        let flat = p4
            .as_flattened()
            .as_flattened()
            .try_into()
            .expect("128 values");
        softmax(affine(
            &relu(affine(flat, &self.w5, &self.b5)),
            &self.w6,
            &self.b6,
        ))
    }

    /// One mini-batch step, as [`Mlp::train_batch`]: each sample's forward pass, then its
    /// gradients back through the dense layers, the pooling (to each window's largest value) and
    /// the convolutions, summed into `grad`; then `w -= lr · grad / batch`. Returns the mean loss.
    pub fn train_batch(
        &mut self,
        grad: &mut DigitsCnn,
        batch: &[([f32; 64], usize)],
        learning_rate: f32,
    ) -> f32 {
        grad.scale(0.0);
        let mut loss = 0.0;
        for (x, class) in batch {
            let x1 = pad(&image(x));
            let u1 = conv3x3_same::<1, 16, 8, 10>(&self.w1, &self.b1, &x1);
            let z1 = relu3(u1);
            let p2: [[[f32; 4]; 4]; 16] = max_pool(&z1);
            let x3 = pad(&p2);
            let u3 = conv3x3_same::<16, 32, 4, 6>(&self.w3, &self.b3, &x3);
            let z3 = relu3(u3);
            let p4: [[[f32; 2]; 2]; 32] = max_pool(&z3);
            let flat: &[f32; 128] = p4.as_flattened().as_flattened().try_into().expect("128");
            let u5 = affine(flat, &self.w5, &self.b5);
            let z5 = relu(u5);
            let y = softmax(affine(&z5, &self.w6, &self.b6));
            loss -= (y[*class] + 1e-7).ln();

            let mut du6 = y;
            du6[*class] -= 1.0;
            let mut du5 = [0.0; 64];
            for j in 0..64 {
                for k in 0..10 {
                    grad.w6[j][k] += z5[j] * du6[k];
                    du5[j] += self.w6[j][k] * du6[k];
                }
                if u5[j] <= 0.0 {
                    du5[j] = 0.0;
                }
            }
            for k in 0..10 {
                grad.b6[k] += du6[k];
            }
            let mut dp4 = [[[0.0; 2]; 2]; 32];
            for i in 0..128 {
                let mut sum = 0.0;
                for j in 0..64 {
                    grad.w5[i][j] += flat[i] * du5[j];
                    sum += self.w5[i][j] * du5[j];
                }
                dp4[i / 4][i / 2 % 2][i % 2] = sum;
            }
            for j in 0..64 {
                grad.b5[j] += du5[j];
            }
            let du3 = relu3_gradient(&u3, max_pool_gradient(&z3, &dp4));
            conv3x3_same_gradient(&mut grad.w3, &mut grad.b3, &x3, &du3);
            let dp2 = conv3x3_same_input_gradient::<16, 32, 4, 6>(&self.w3, &du3);
            let du1 = relu3_gradient(&u1, max_pool_gradient(&z1, &dp2));
            conv3x3_same_gradient(&mut grad.w1, &mut grad.b1, &x1, &du1);
        }
        let scale = -learning_rate / batch.len() as f32;
        self.add_scaled(grad, scale);
        loss / batch.len() as f32
    }

    /// Every weight and bias times `factor`, plus `factor` times `other`'s: `scale`/`add_scaled`
    /// over the eight arrays.
    fn arrays_mut(&mut self) -> [&mut [f32]; 8] {
        [
            self.w1
                .as_flattened_mut()
                .as_flattened_mut()
                .as_flattened_mut(),
            &mut self.b1,
            self.w3
                .as_flattened_mut()
                .as_flattened_mut()
                .as_flattened_mut(),
            &mut self.b3,
            self.w5.as_flattened_mut(),
            &mut self.b5,
            self.w6.as_flattened_mut(),
            &mut self.b6,
        ]
    }

    fn scale(&mut self, factor: f32) {
        for array in self.arrays_mut() {
            for value in array {
                *value *= factor;
            }
        }
    }

    fn add_scaled(&mut self, other: &mut DigitsCnn, factor: f32) {
        for (array, other) in self.arrays_mut().into_iter().zip(other.arrays_mut()) {
            for (value, &delta) in array.iter_mut().zip(&*other) {
                *value += factor * delta;
            }
        }
    }
}

/// The input with one zero all around, `P = N + 2` wide, as a `same` 3 x 3 kernel reads it.
fn pad<const C: usize, const N: usize, const P: usize>(
    x: &[[[f32; N]; N]; C],
) -> [[[f32; P]; P]; C] {
    let mut padded = [[[0.0; P]; P]; C];
    for c in 0..C {
        for y in 0..N {
            padded[c][y + 1][1..=N].copy_from_slice(&x[c][y]);
        }
    }
    padded
}

/// A 3 x 3 convolution over an input padded for `same` (`P = N + 2`), so that the sums need no
/// bounds checks.
fn conv3x3_same<const C: usize, const F: usize, const N: usize, const P: usize>(
    weights: &[[[[f32; F]; 3]; 3]; C],
    bias: &[f32; F],
    padded: &[[[f32; P]; P]; C],
) -> [[[f32; N]; N]; F] {
    let mut out = [[[0.0; N]; N]; F];
    for f in 0..F {
        for oy in 0..N {
            for ox in 0..N {
                let mut sum = bias[f];
                for c in 0..C {
                    for ky in 0..3 {
                        for kx in 0..3 {
                            sum += weights[c][ky][kx][f] * padded[c][oy + ky][ox + kx];
                        }
                    }
                }
                out[f][oy][ox] = sum;
            }
        }
    }
    out
}

/// Adds the gradient of [`conv3x3_same`] with respect to its weights and biases into `weights`
/// and `bias`.
fn conv3x3_same_gradient<const C: usize, const F: usize, const N: usize, const P: usize>(
    weights: &mut [[[[f32; F]; 3]; 3]; C],
    bias: &mut [f32; F],
    padded: &[[[f32; P]; P]; C],
    du: &[[[f32; N]; N]; F],
) {
    for f in 0..F {
        for oy in 0..N {
            for ox in 0..N {
                let d = du[f][oy][ox];
                bias[f] += d;
                for c in 0..C {
                    for ky in 0..3 {
                        for kx in 0..3 {
                            weights[c][ky][kx][f] += d * padded[c][oy + ky][ox + kx];
                        }
                    }
                }
            }
        }
    }
}

/// The gradient of [`conv3x3_same`] with respect to its input (without the padding).
fn conv3x3_same_input_gradient<const C: usize, const F: usize, const N: usize, const P: usize>(
    weights: &[[[[f32; F]; 3]; 3]; C],
    du: &[[[f32; N]; N]; F],
) -> [[[f32; N]; N]; C] {
    let mut padded = [[[0.0; P]; P]; C];
    for f in 0..F {
        for oy in 0..N {
            for ox in 0..N {
                let d = du[f][oy][ox];
                for c in 0..C {
                    for ky in 0..3 {
                        for kx in 0..3 {
                            padded[c][oy + ky][ox + kx] += weights[c][ky][kx][f] * d;
                        }
                    }
                }
            }
        }
    }
    let mut dx = [[[0.0; N]; N]; C];
    for c in 0..C {
        for y in 0..N {
            dx[c][y].copy_from_slice(&padded[c][y + 1][1..=N]);
        }
    }
    dx
}

fn relu3<const C: usize, const N: usize>(mut u: [[[f32; N]; N]; C]) -> [[[f32; N]; N]; C] {
    for v in u.as_flattened_mut().as_flattened_mut() {
        *v = v.max(0.0);
    }
    u
}

/// `dz` where `u` is positive, else 0.
fn relu3_gradient<const C: usize, const N: usize>(
    u: &[[[f32; N]; N]; C],
    mut dz: [[[f32; N]; N]; C],
) -> [[[f32; N]; N]; C] {
    let values = u.as_flattened().as_flattened();
    for (d, &v) in dz
        .as_flattened_mut()
        .as_flattened_mut()
        .iter_mut()
        .zip(values)
    {
        if v <= 0.0 {
            *d = 0.0;
        }
    }
    dz
}

/// 2 x 2 max pooling, `M = N / 2`.
fn max_pool<const C: usize, const N: usize, const M: usize>(
    x: &[[[f32; N]; N]; C],
) -> [[[f32; M]; M]; C] {
    let mut out = [[[0.0; M]; M]; C];
    for c in 0..C {
        for y in 0..M {
            for x2 in 0..M {
                let top = x[c][2 * y][2 * x2].max(x[c][2 * y][2 * x2 + 1]);
                let bottom = x[c][2 * y + 1][2 * x2].max(x[c][2 * y + 1][2 * x2 + 1]);
                out[c][y][x2] = top.max(bottom);
            }
        }
    }
    out
}

/// The gradient of [`max_pool`]: each output's to the first largest value of its window.
fn max_pool_gradient<const C: usize, const N: usize, const M: usize>(
    x: &[[[f32; N]; N]; C],
    du: &[[[f32; M]; M]; C],
) -> [[[f32; N]; N]; C] {
    let mut dx = [[[0.0; N]; N]; C];
    for c in 0..C {
        for y in 0..M {
            for x2 in 0..M {
                let (mut best, mut at) = (x[c][2 * y][2 * x2], (2 * y, 2 * x2));
                for (iy, ix) in [(0, 1), (1, 0), (1, 1)].map(|(dy, dx)| (2 * y + dy, 2 * x2 + dx)) {
                    if x[c][iy][ix] > best {
                        (best, at) = (x[c][iy][ix], (iy, ix));
                    }
                }
                dx[c][at.0][at.1] += du[c][y][x2];
            }
        }
    }
    dx
}
