//! The workloads of `benches/workloads` with `nn`, the hand-written loops, dfdx and candle, timed
//! in one run and printed as one table of ratios against `nn`.
//!
//! ```sh
//! cd benches/peers
//! # PyTorch for the CPU from Debian (PyPI's wheel brings GBs of CUDA libraries), and numpy from
//! # PyPI (with OpenBLAS; Debian's uses the reference BLAS) in a venv that sees both.
//! apt-get install python3-torch
//! /usr/bin/python3 -m venv --system-site-packages venv
//! venv/bin/pip install --ignore-installed "numpy==1.26.4"
//! RAYON_NUM_THREADS=1 PEERS_PYTHON=venv/bin/python cargo run --release
//! ```
//!
//! W5 and W6 are `MLPerf` Tiny's DS-CNN and ResNet-8 (`examples/tiny/models.rs`): inference of
//! the folded model in its arena (`nn`) and in eval mode (`PyTorch`, its batch normalisations
//! as they are), and a training step of SGD on 32 samples, batch-normalised by their statistics.
//!
//! Each figure is the median of three rounds of about half a second. The Rust implementations get
//! the same inputs and weights; `peers.py` (numpy, PyTorch) uses its own random ones of the same
//! shapes. What is timed is what a user of each library writes.

mod candle;
mod dfdx;
#[path = "../../workloads/hand_written.rs"]
mod hand_written;
mod timing;
#[path = "../../../examples/tiny/models.rs"]
mod tiny;

use std::hint::black_box;

use nn::init::{Init, rng};
use nn::loss::{CrossEntropy, Mse};
use nn::optim::{Optimizer, Sgd};
use nn::{Dense, Network, train};
use tiny::{
    ImageClassification, ImageClassificationFolded, ImageClassificationFoldedArena,
    KeywordSpotting, KeywordSpottingFolded, KeywordSpottingFoldedArena,
};

nn::network! {
    /// W1.
    pub struct Seed3 = 2 => relu 3 => relu 2 => identity 2;
    /// W2.
    pub struct Regression = 2 => relu 10 => identity 1;
    /// W3.
    pub struct Mlp784 = 784 => relu 128 => softmax 10;
    /// W4.
    pub struct DigitsCnn = [1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2)
        => relu conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10;
}

pub const BATCH: usize = 32;

pub use timing::time;

/// The inputs every implementation gets.
pub struct Data {
    pub seed3: Seed3,
    pub regression: Regression,
    pub mlp: Box<Mlp784>,
    pub batch: Vec<([f32; 784], usize)>,
    pub cnn: DigitsCnn,
    pub digits: Vec<([f32; 64], usize)>,
    /// W5: DS-CNN, as trained (batch normalisation) and folded for inference.
    pub ds_cnn: Box<KeywordSpotting>,
    pub mfcc: Vec<([f32; 490], usize)>,
    /// W6: ResNet-8.
    pub resnet: Box<ImageClassification>,
    pub images: Vec<([f32; 3072], usize)>,
}

/// `BATCH` inputs of `N` values in [0, 1), with classes 0 to 9.
fn inputs<const N: usize>() -> Vec<([f32; N], usize)> {
    (0..BATCH)
        .map(|i| {
            (
                std::array::from_fn(|j| ((i * 31 + j * 7) % 97) as f32 / 96.0),
                i % 10,
            )
        })
        .collect()
}

fn data() -> Data {
    let seed3 = Seed3 {
        layer1: Dense::new([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3]),
        layer2: Dense::new([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]], [0.1, 0.2]),
        layer3: Dense::new([[0.1, 0.3], [0.2, 0.4]], [1.0, 2.0]),
    };
    let regression = Regression::initialized(Init::StandardNormal, &mut rng(1));
    let mlp = Box::new(Mlp784::initialized(Init::He, &mut rng(784)));
    let batch = (0..BATCH)
        .map(|i| {
            (
                std::array::from_fn(|j| ((i * 31 + j * 7) % 256) as f32 / 255.0),
                i % 10,
            )
        })
        .collect();
    let cnn = DigitsCnn::initialized(Init::He, &mut rng(64));
    let digits = (0..BATCH)
        .map(|i| {
            (
                std::array::from_fn(|j| ((i * 31 + j * 7) % 17) as f32 / 16.0),
                i % 10,
            )
        })
        .collect();
    Data {
        seed3,
        regression,
        mlp,
        batch,
        cnn,
        digits,
        ds_cnn: KeywordSpotting::initialized_boxed(Init::He, &mut rng(49)),
        mfcc: inputs(),
        resnet: ImageClassification::initialized_boxed(Init::He, &mut rng(32)),
        images: inputs(),
    }
}

/// ns per sample of each workload: W1, W2, W3 inference, W3 training, W4 inference, W4
/// training, W5 (DS-CNN) and W6 (ResNet-8) inference and training; NaN where an implementation
/// has none.
type Row = [f64; 10];

fn nn_row(data: &Data) -> Row {
    let seed3 = &data.seed3;
    let w1 = time(|| {
        black_box(seed3.forward(black_box(&[1.0, 2.0])));
    });
    let mut regression = data.regression.clone();
    let mut grad = Regression::zeros();
    let mut sgd = Sgd::new(0.07);
    // One backward and one Sgd step on one sample, as `train::online` takes it.
    let w2 = time(|| {
        black_box(sgd.step_sample(
            &mut regression,
            black_box(&[0.25, 0.75]),
            &[2.25],
            Mse,
            &mut grad,
        ));
    });
    let x = data.batch[0].0;
    let w3 = time(|| {
        black_box(data.mlp.forward(black_box(&x)));
    });
    let mut mlp = data.mlp.clone();
    let mut grad = Box::new(Mlp784::zeros());
    let mut sgd = Sgd::new(0.01);
    let train = time(|| {
        black_box(train::step(&mut *mlp, &mut sgd, &data.batch, CrossEntropy, &mut *grad).ok());
    });
    let x = data.digits[0].0;
    let cnn_inference = time(|| {
        black_box(data.cnn.forward(black_box(&x)));
    });
    let mut cnn = data.cnn.clone();
    let mut grad = DigitsCnn::zeros();
    let cnn_train = time(|| {
        black_box(train::step(&mut cnn, &mut sgd, &data.digits, CrossEntropy, &mut grad).ok());
    });
    let (ds_cnn_inference, ds_cnn_train) = tiny_model(
        &*data.ds_cnn,
        &data.mfcc,
        KeywordSpotting::fold_into,
        KeywordSpottingFolded::forward_in,
        &mut *nn::boxed::zeroed::<KeywordSpottingFoldedArena>(),
    );
    let (resnet_inference, resnet_train) = tiny_model(
        &*data.resnet,
        &data.images,
        ImageClassification::fold_into,
        ImageClassificationFolded::forward_in,
        &mut *nn::boxed::zeroed::<ImageClassificationFoldedArena>(),
    );
    [
        w1,
        w2,
        w3,
        train / BATCH as f64,
        cnn_inference,
        cnn_train / BATCH as f64,
        ds_cnn_inference,
        ds_cnn_train,
        resnet_inference,
        resnet_train,
    ]
}

/// An `MLPerf` Tiny model's inference, folded and in its arena, and its training step on a batch
/// (batch normalisation by the batch's statistics) per sample, in ns.
fn tiny_model<N: nn::Trainable<Scalar = f32>, F: Network<Scalar = f32>, A>(
    net: &N,
    batch: &[(N::Input, usize)],
    fold: impl Fn(&N, &mut F),
    forward_in: impl Fn(&F, &N::Input, &mut A) -> F::Output,
    arena: &mut A,
) -> (f64, f64)
where
    CrossEntropy: nn::loss::Loss<f32, N::Output, usize> + nn::loss::PairsWith<N::OutputActivation>,
{
    let mut folded = F::zeros_boxed();
    fold(net, &mut folded);
    let x = batch[0].0;
    let inference = time(|| {
        black_box(forward_in(&folded, black_box(&x), arena));
    });
    // A copy to train, made on the heap.
    let (mut copy, mut grad) = (N::zeros_boxed(), N::zeros_boxed());
    for index in 0..N::TENSORS.len() {
        copy.tensor_mut(index).copy_from_slice(net.tensor(index));
    }
    let mut sgd = Sgd::new(0.01);
    let train = time(|| {
        black_box(train::step(&mut *copy, &mut sgd, batch, CrossEntropy, &mut *grad).ok());
    });
    (inference, train / BATCH as f64)
}

fn hand_written_row(data: &Data) -> Row {
    let s = &data.seed3;
    let seed3 = hand_written::Seed3 {
        w1: s.layer1.weights,
        b1: s.layer1.bias,
        w2: s.layer2.weights,
        b2: s.layer2.bias,
        w3: s.layer3.weights,
        b3: s.layer3.bias,
    };
    let w1 = time(|| {
        black_box(seed3.forward(black_box(&[1.0, 2.0])));
    });
    let r = &data.regression;
    let mut regression = hand_written::Regression {
        w1: r.layer1.weights,
        b1: r.layer1.bias,
        w2: r.layer2.weights,
        b2: r.layer2.bias,
    };
    let w2 = time(|| {
        black_box(regression.step(black_box(&[0.25, 0.75]), 2.25, 0.07));
    });
    let m = &data.mlp;
    let mut mlp = Box::new(hand_written::Mlp {
        w1: m.layer1.weights,
        b1: m.layer1.bias,
        w2: m.layer2.weights,
        b2: m.layer2.bias,
    });
    let mut grad = Box::new(hand_written::Mlp {
        w1: m.layer1.weights,
        b1: m.layer1.bias,
        w2: m.layer2.weights,
        b2: m.layer2.bias,
    });
    let x = data.batch[0].0;
    let w3 = time(|| {
        black_box(mlp.forward(black_box(&x)));
    });
    let train = time(|| {
        black_box(mlp.train_batch(&mut grad, &data.batch, 0.01));
    });
    let n = &data.cnn;
    let twin = |n: &DigitsCnn| hand_written::DigitsCnn {
        w1: n.layer1.weights,
        b1: n.layer1.bias,
        w3: n.layer3.weights,
        b3: n.layer3.bias,
        w5: n.layer5.weights,
        b5: n.layer5.bias,
        w6: n.layer6.weights,
        b6: n.layer6.bias,
    };
    let (mut cnn, mut cnn_grad) = (twin(n), twin(n));
    let x = data.digits[0].0;
    let cnn_inference = time(|| {
        black_box(cnn.forward(black_box(&x)));
    });
    let cnn_train = time(|| {
        black_box(cnn.train_batch(&mut cnn_grad, &data.digits, 0.01));
    });
    let none = f64::NAN;
    [
        w1,
        w2,
        w3,
        train / BATCH as f64,
        cnn_inference,
        cnn_train / BATCH as f64,
        none,
        none,
        none,
        none,
    ]
}

/// The rows of `peers.py`, run with `PEERS_PYTHON` (default `python3`); none if it cannot run.
fn python_rows() -> Vec<(String, Row)> {
    let python = std::env::var("PEERS_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/peers.py");
    let output = match std::process::Command::new(&python).arg(script).output() {
        Ok(output) if output.status.success() => output,
        _ => {
            eprintln!("{python} {script} did not run: no numpy or PyTorch columns");
            return Vec::new();
        }
    };
    let Ok(serde_json::Value::Object(rows)) = serde_json::from_slice(&output.stdout) else {
        eprintln!("{script} printed no JSON object: no numpy or PyTorch columns");
        return Vec::new();
    };
    rows.into_iter()
        .filter_map(|(name, values)| {
            // `null` where the library has no such workload.
            let values: Vec<f64> = values
                .as_array()?
                .iter()
                .map(|value| value.as_f64().unwrap_or(f64::NAN))
                .collect();
            Some((name, values.try_into().ok()?))
        })
        .collect()
}

fn main() {
    let data = data();
    let mut rows = vec![
        ("nn".to_owned(), nn_row(&data)),
        ("hand-written".to_owned(), hand_written_row(&data)),
        ("dfdx 0.13".to_owned(), dfdx::row(&data)),
        ("candle".to_owned(), candle::row(&data)),
    ];
    rows.extend(python_rows());
    let names = [
        "W1 seed3 forward",
        "W2 regression step",
        "W3 784-128-10 inference",
        "W3 training, batch 32",
        "W4 digits CNN inference",
        "W4 CNN training, batch 32",
        "W5 DS-CNN inference",
        "W5 DS-CNN training, b. 32",
        "W6 ResNet-8 inference",
        "W6 ResNet-8 training, b. 32",
    ];
    let nn = rows[0].1;
    println!("ns per sample (and time ÷ nn's), median of 3 rounds; numpy with OpenBLAS's threads");
    print!("{:<26}", "workload");
    for (name, _) in &rows {
        print!("{name:>24}");
    }
    println!();
    for (w, workload) in names.iter().enumerate() {
        print!("{workload:<26}");
        for (_, row) in &rows {
            if row[w].is_nan() {
                print!("{:>24}", "-");
            } else {
                print!("{:>24}", format!("{:.1} ({:.2}x)", row[w], row[w] / nn[w]));
            }
        }
        println!();
    }
}
