//! The workloads with candle-core on its CPU device (one thread with `RAYON_NUM_THREADS=1`), the
//! weights copied from `nn`'s networks; softmax and cross entropy written with candle's ops, as
//! candle-core has none of its own.

use std::hint::black_box;

use candle_core::backprop::GradStore;
use candle_core::{D, Device, Result, Tensor, Var};

use crate::{BATCH, Data, Row, time};

fn weight<const I: usize, const O: usize>(
    dev: &Device,
    layer: &nn::Dense<f32, I, O>,
) -> Result<(Tensor, Tensor)> {
    let w = Tensor::from_vec(layer.weights.as_flattened().to_vec(), (I, O), dev)?;
    let b = Tensor::from_vec(layer.bias.to_vec(), (1, O), dev)?;
    Ok((w, b))
}

fn dense(x: &Tensor, (w, b): &(Tensor, Tensor)) -> Result<Tensor> {
    x.matmul(w)?.broadcast_add(b)
}

fn log_softmax(logits: &Tensor) -> Result<Tensor> {
    let shifted = logits.broadcast_sub(&logits.max_keepdim(D::Minus1)?)?;
    shifted.broadcast_sub(&shifted.exp()?.sum_keepdim(D::Minus1)?.log()?)
}

/// One step of gradient descent on every weight and bias.
fn descend(vars: &[(Var, Var)], grads: &GradStore, learning_rate: f64) -> Result<()> {
    for (w, b) in vars {
        for var in [w, b] {
            if let Some(g) = grads.get(var.as_tensor()) {
                var.set(&(var.as_tensor() - g.affine(learning_rate, 0.0)?)?)?;
            }
        }
    }
    Ok(())
}

pub fn row(data: &Data) -> Row {
    measure(data).expect("candle runs the workloads")
}

fn measure(data: &Data) -> Result<Row> {
    let dev = Device::Cpu;
    let s = &data.seed3;
    let seed3 = [
        weight(&dev, &s.layer1)?,
        weight(&dev, &s.layer2)?,
        weight(&dev, &s.layer3)?,
    ];
    let x = Tensor::from_vec(vec![1.0_f32, 2.0], (1, 2), &dev)?;
    let forward3 = || -> Result<Tensor> {
        let z1 = dense(&x, &seed3[0])?.relu()?;
        let z2 = dense(&z1, &seed3[1])?.relu()?;
        dense(&z2, &seed3[2])
    };
    let w1 = time(|| {
        black_box(forward3().expect("forward"));
    });

    let r = &data.regression;
    let vars = [weight(&dev, &r.layer1)?, weight(&dev, &r.layer2)?].map(|(w, b)| {
        (
            Var::from_tensor(&w).expect("a variable"),
            Var::from_tensor(&b).expect("a variable"),
        )
    });
    let x = Tensor::from_vec(vec![0.25_f32, 0.75], (1, 2), &dev)?;
    let d = Tensor::from_vec(vec![2.25_f32], (1, 1), &dev)?;
    let step = || -> Result<()> {
        let z1 = x
            .matmul(vars[0].0.as_tensor())?
            .broadcast_add(vars[0].1.as_tensor())?
            .relu()?;
        let y = z1
            .matmul(vars[1].0.as_tensor())?
            .broadcast_add(vars[1].1.as_tensor())?;
        let loss = (y - &d)?.sqr()?.mean_all()?.affine(0.5, 0.0)?;
        descend(&vars, &loss.backward()?, 0.07)
    };
    let w2 = time(|| step().expect("a training step"));

    let m = &data.mlp;
    let mlp = [weight(&dev, &m.layer1)?, weight(&dev, &m.layer2)?];
    let image = Tensor::from_vec(data.batch[0].0.to_vec(), (1, 784), &dev)?;
    let infer = || -> Result<Tensor> {
        let logits = dense(&dense(&image, &mlp[0])?.relu()?, &mlp[1])?;
        log_softmax(&logits)?.exp()
    };
    let w3 = time(|| {
        black_box(infer().expect("inference"));
    });

    let vars = mlp.clone().map(|(w, b)| {
        (
            Var::from_tensor(&w).expect("a variable"),
            Var::from_tensor(&b).expect("a variable"),
        )
    });
    let pixels: Vec<f32> = data
        .batch
        .iter()
        .flat_map(|(x, _)| x.iter().copied())
        .collect();
    let images = Tensor::from_vec(pixels, (BATCH, 784), &dev)?;
    let mut onehot = vec![0.0_f32; BATCH * 10];
    for (i, (_, class)) in data.batch.iter().enumerate() {
        onehot[i * 10 + class] = 1.0;
    }
    let targets = Tensor::from_vec(onehot, (BATCH, 10), &dev)?;
    let train_step = || -> Result<()> {
        let hidden = images
            .matmul(vars[0].0.as_tensor())?
            .broadcast_add(vars[0].1.as_tensor())?
            .relu()?;
        let logits = hidden
            .matmul(vars[1].0.as_tensor())?
            .broadcast_add(vars[1].1.as_tensor())?;
        let loss = (log_softmax(&logits)? * &targets)?
            .sum_all()?
            .affine(-1.0 / BATCH as f64, 0.0)?;
        descend(&vars, &loss.backward()?, 0.01)
    };
    let train = time(|| train_step().expect("a training step"));
    Ok([w1, w2, w3, train / BATCH as f64])
}
