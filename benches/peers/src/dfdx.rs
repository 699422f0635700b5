//! The workloads with dfdx 0.13 on its CPU device, the weights copied from `nn`'s networks (dfdx
//! stores a weight `[out][in]`, the transpose).

use std::hint::black_box;

use dfdx::nn::modules;
use dfdx::optim::{Optimizer, Sgd, SgdConfig};
use dfdx::prelude::*;

use crate::{BATCH, Data, Row, time};

type Seed3 = ((Linear<2, 3>, ReLU), (Linear<3, 2>, ReLU), Linear<2, 2>);
type Regression = ((Linear<2, 10>, ReLU), Linear<10, 1>);
type Mlp = ((Linear<784, 128>, ReLU), Linear<128, 10>);

/// Gives a dfdx layer `nn`'s weights: `[in][out]` becomes dfdx's `[out][in]`.
fn copy<const I: usize, const O: usize>(
    dev: &Cpu,
    linear: &mut modules::Linear<I, O, f32, Cpu>,
    layer: &nn::Dense<f32, I, O>,
) {
    let mut transposed = Vec::with_capacity(I * O);
    for o in 0..O {
        for i in 0..I {
            transposed.push(layer.weights[i][o]);
        }
    }
    linear.weight = dev.tensor_from_vec(transposed, (Const::<O>, Const::<I>));
    linear.bias = dev.tensor_from_vec(layer.bias.to_vec(), (Const::<O>,));
}

pub fn row(data: &Data) -> Row {
    let dev = Cpu::default();
    let s = &data.seed3;
    let mut seed3 = dev.build_module::<Seed3, f32>();
    copy(&dev, &mut seed3.0.0, &s.layer1);
    copy(&dev, &mut seed3.1.0, &s.layer2);
    copy(&dev, &mut seed3.2, &s.layer3);
    let x = dev.tensor([1.0_f32, 2.0]);
    let w1 = time(|| {
        black_box(seed3.forward(black_box(x.clone())));
    });

    let r = &data.regression;
    let mut regression = dev.build_module::<Regression, f32>();
    copy(&dev, &mut regression.0.0, &r.layer1);
    copy(&dev, &mut regression.1, &r.layer2);
    let mut grads = regression.alloc_grads();
    let mut sgd = Sgd::new(
        &regression,
        SgdConfig {
            lr: 0.07,
            momentum: None,
            weight_decay: None,
        },
    );
    let (x, d) = (dev.tensor([0.25_f32, 0.75]), dev.tensor([2.25_f32]));
    let w2 = time(|| {
        let y = regression.forward_mut(x.clone().traced(grads.clone()));
        let loss = mse_loss(y, d.clone());
        grads = loss.backward();
        sgd.update(&mut regression, &grads).ok();
        regression.zero_grads(&mut grads);
    });

    let m = &data.mlp;
    let mut mlp = dev.build_module::<Mlp, f32>();
    copy(&dev, &mut mlp.0.0, &m.layer1);
    copy(&dev, &mut mlp.1, &m.layer2);
    let image = dev.tensor_from_vec(data.batch[0].0.to_vec(), (Const::<784>,));
    let w3 = time(|| {
        black_box(mlp.forward(black_box(image.clone())).softmax::<Axis<0>>());
    });

    let pixels: Vec<f32> = data
        .batch
        .iter()
        .flat_map(|(x, _)| x.iter().copied())
        .collect();
    let images = dev.tensor_from_vec(pixels, (Const::<BATCH>, Const::<784>));
    let mut onehot = vec![0.0_f32; BATCH * 10];
    for (i, (_, class)) in data.batch.iter().enumerate() {
        onehot[i * 10 + class] = 1.0;
    }
    let targets = dev.tensor_from_vec(onehot, (Const::<BATCH>, Const::<10>));
    let mut grads = mlp.alloc_grads();
    let mut sgd = Sgd::new(
        &mlp,
        SgdConfig {
            lr: 0.01,
            momentum: None,
            weight_decay: None,
        },
    );
    let train = time(|| {
        let logits = mlp.forward_mut(images.clone().traced(grads.clone()));
        let loss = cross_entropy_with_logits_loss(logits, targets.clone());
        grads = loss.backward();
        sgd.update(&mut mlp, &grads).ok();
        mlp.zero_grads(&mut grads);
    });
    // dfdx 0.13 has convolutions only on nightly Rust (`nightly` feature): no W4.
    let none = f64::NAN;
    [
        w1,
        w2,
        w3,
        train / BATCH as f64,
        none,
        none,
        none,
        none,
        none,
        none,
    ]
}
