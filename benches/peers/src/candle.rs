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
    let (cnn_inference, cnn_train) = digits_cnn(&dev, data)?;
    Ok([
        w1,
        w2,
        w3,
        train / BATCH as f64,
        cnn_inference,
        cnn_train / BATCH as f64,
        // The MLPerf Tiny models are not written here with candle.
        f64::NAN,
        f64::NAN,
        f64::NAN,
        f64::NAN,
    ])
}

/// A conv layer's kernel in candle's layout `[F][C][KH][KW]` (the transpose of `nn`'s
/// `[C][KH][KW][F]`) and its bias shaped to broadcast over `[B][F][H][W]`.
fn kernel<const C: usize, const F: usize>(
    dev: &Device,
    layer: &nn::Conv2d<f32, C, F, 3, 3>,
) -> Result<(Var, Var)> {
    let w = Tensor::from_vec(
        layer
            .weights
            .as_flattened()
            .as_flattened()
            .as_flattened()
            .to_vec(),
        (C, 3, 3, F),
        dev,
    )?
    .permute((3, 0, 1, 2))?
    .contiguous()?;
    let b = Tensor::from_vec(layer.bias.to_vec(), (1, F, 1, 1), dev)?;
    Ok((Var::from_tensor(&w)?, Var::from_tensor(&b)?))
}

/// W4: the digits CNN's inference on one image and its training step on [`BATCH`] images, in ns.
fn digits_cnn(dev: &Device, data: &Data) -> Result<(f64, f64)> {
    let n = &data.cnn;
    let convolutions = [kernel(dev, &n.layer1)?, kernel(dev, &n.layer3)?];
    let dense_layers = [weight(dev, &n.layer5)?, weight(dev, &n.layer6)?].map(|(w, b)| {
        (
            Var::from_tensor(&w).expect("a variable"),
            Var::from_tensor(&b).expect("a variable"),
        )
    });
    let logits = |images: &Tensor| -> Result<Tensor> {
        let mut h = images.clone();
        for (w, b) in &convolutions {
            h = h
                .conv2d(w.as_tensor(), 1, 1, 1, 1)?
                .broadcast_add(b.as_tensor())?
                .relu()?
                .max_pool2d(2)?;
        }
        let h = h.flatten_from(1)?;
        let h = h
            .matmul(dense_layers[0].0.as_tensor())?
            .broadcast_add(dense_layers[0].1.as_tensor())?
            .relu()?;
        h.matmul(dense_layers[1].0.as_tensor())?
            .broadcast_add(dense_layers[1].1.as_tensor())
    };
    let image = Tensor::from_vec(data.digits[0].0.to_vec(), (1, 1, 8, 8), dev)?;
    let inference = time(|| {
        black_box(
            log_softmax(&logits(&image).expect("logits"))
                .and_then(|y| y.exp())
                .expect("inference"),
        );
    });

    let pixels: Vec<f32> = data
        .digits
        .iter()
        .flat_map(|(x, _)| x.iter().copied())
        .collect();
    let images = Tensor::from_vec(pixels, (BATCH, 1, 8, 8), dev)?;
    let mut onehot = vec![0.0_f32; BATCH * 10];
    for (i, (_, class)) in data.digits.iter().enumerate() {
        onehot[i * 10 + class] = 1.0;
    }
    let targets = Tensor::from_vec(onehot, (BATCH, 10), dev)?;
    let vars: Vec<(Var, Var)> = convolutions.iter().chain(&dense_layers).cloned().collect();
    let train_step = || -> Result<()> {
        let loss = (log_softmax(&logits(&images)?)? * &targets)?
            .sum_all()?
            .affine(-1.0 / BATCH as f64, 0.0)?;
        descend(&vars, &loss.backward()?, 0.01)
    };
    let train = time(|| train_step().expect("a training step"));
    Ok((inference, train))
}
