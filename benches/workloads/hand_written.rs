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
