//! Convolutional networks against PyTorch: `nn.Sequential`s of `reference/torch_cnn.py` and
//! (the `MLPerf` Tiny models' layers) `reference/torch_tiny.py`, in float64, loaded from the
//! safetensors files PyTorch saved, give PyTorch's output, loss and gradient of every parameter;
//! and each round trips through `nn::bytes` and `include_weights!`.

// Round trips are exact: that is what they assert.
#![allow(clippy::float_cmp)]

mod common;

use common::{flat, vector};
use nn::loss::Mse;
use nn::{Network, Trainable};
use serde_json::Value;

nn::network! {
    /// `cnn_valid_max`: valid padding, max pooling, then dense layers.
    struct ValidMax: f64 = [1, 8, 8] => relu conv2d(4, 3x3) => max_pool2d(2x2) => relu 8 => identity 3;
    /// `cnn_same_avg`: TensorFlow's `same` with strides 2 x 1 and a non-square kernel (the odd
    /// zero after), symmetric padding, overlapping average pooling.
    struct SameAvg: f64 = [2, 7, 6] => tanh conv2d(3, 3x2, stride 2x1, same)
        => sigmoid conv2d(2, 2x2, padding 1) => avg_pool2d(2x2, stride 1) => identity 2;
    /// `cnn_1d`: 1-D convolutions, `same` with stride 2 and symmetric padding, both poolings.
    struct OneD: f64 = [2, 20] => relu conv1d(4, 3, stride 2, same) => max_pool1d(2)
        => tanh conv1d(3, 2, padding 1) => avg_pool1d(2, stride 1) => identity 2;
    /// The network `reference/torch_digits_cnn.py` trains on the digits.
    struct TorchDigits = [1, 8, 8] => relu conv2d(8, 3x3) => max_pool2d(2x2) => relu 32 => softmax 10;
    /// `cnn_pointwise`: a 1 x 1 convolution and global average pooling.
    struct Pointwise: f64 = [3, 5, 5] => relu conv2d(4, 1x1) => global_avg_pool2d() => identity 2;
    /// `tiny_depthwise`: depthwise convolutions, `same` with stride 2 and a non-square kernel,
    /// and symmetric padding, with a pointwise one between.
    struct Depthwise: f64 = [3, 7, 6] => relu depthwise_conv2d(3x2, stride 2, same)
        => tanh conv2d(4, 1x1) => sigmoid depthwise_conv2d(3x3, padding 1) => identity 2;
    /// `tiny_residual`: a residual block added to its input, and one with a strided 1 x 1
    /// convolution on its shortcut, as ResNet-8's.
    struct Residual: f64 = [2, 6, 6] => relu conv2d(4, 3x3, same)
        => relu residual { => relu conv2d(4, 3x3, same) => conv2d(4, 3x3, same) }
        => relu residual { => relu conv2d(8, 3x3, stride 2, same) => conv2d(8, 3x3, same) }
            shortcut { => conv2d(8, 1x1, stride 2) }
        => global_avg_pool2d() => identity 3;
    /// `tiny_batch_norm`: ResNet-8's block, each convolution batch-normalised.
    struct Normalized: f64 = [2, 6, 6] => conv2d(4, 3x3, same) => relu batch_norm()
        => relu residual {
            => conv2d(4, 3x3, same) => relu batch_norm(eps 0.001, momentum 0.01)
            => conv2d(4, 3x3, same) => batch_norm()
        }
        => global_avg_pool2d() => identity 3;
    /// `tiny_batch_norm_dense`: a dense layer's outputs batch-normalised.
    struct NormalizedDense: f64 = 6 => identity 8 => relu batch_norm() => identity 3;
}

fn case(name: &str) -> Value {
    let file = if name.starts_with("tiny_") {
        include_str!("reference/torch_tiny.json")
    } else {
        include_str!("reference/torch_cnn.json")
    };
    let all: Value = serde_json::from_str(file).expect("the reference file is valid JSON");
    all[name].clone()
}

/// Within 1e-12 of PyTorch's, relatively, or absolutely near zero.
#[track_caller]
fn assert_close(name: &str, actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len(), "{name}: size");
    for (i, (&actual, &expected)) in actual.iter().zip(expected).enumerate() {
        assert!(
            (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
            "{name}[{i}]: {actual} vs PyTorch's {expected}"
        );
    }
}

/// The network PyTorch saved gives PyTorch's output, loss and gradients.
fn check<N>(name: &str)
where
    N: Trainable<Scalar = f64> + Clone,
    N::Input: TryFrom<Vec<f64>>,
    N::Output: TryFrom<Vec<f64>>,
    Mse: nn::loss::Loss<f64, N::Output, N::Output> + nn::loss::PairsWith<N::OutputActivation>,
{
    let r = case(name);
    let mut net = N::zeros();
    let path = format!(
        "{}/tests/reference/torch_{name}.safetensors",
        env!("CARGO_MANIFEST_DIR")
    );
    nn::safetensors::load(&mut net, &path).expect("PyTorch's file loads");
    let Ok(x) = N::Input::try_from(flat(&r["x"])) else {
        panic!("{name}: input size");
    };
    let Ok(d) = N::Output::try_from(flat(&r["d"])) else {
        panic!("{name}: output size");
    };
    assert_close(
        &format!("{name}: y"),
        net.forward(&x).as_ref(),
        &flat(&r["y"]),
    );

    let mut grad = N::zeros();
    let loss = net.backward(&x, &d, Mse, &mut grad);
    assert_close(
        &format!("{name}: loss"),
        &[loss],
        &[r["loss"].as_f64().unwrap()],
    );
    let expected = r["gradients"].as_array().unwrap();
    assert_eq!(expected.len(), N::TENSORS.len(), "{name}: tensors");
    for (index, (tensor, expected)) in N::TENSORS.iter().zip(expected).enumerate() {
        // PyTorch's order, from ours.
        let values = grad.tensor(index);
        let ours: Vec<f64> = (0..tensor.len())
            .map(|i| values[tensor.our_index(i)])
            .collect();
        assert_close(&format!("{name}: {}", tensor.name), &ours, &flat(expected));
    }

    // One step of `descend` moves the weights as `backward` then plain gradient descent does.
    let mut stepped = net.clone();
    stepped.descend(&x, &d, Mse, 0.5);
    for index in 0..N::TENSORS.len() {
        let expected: Vec<f64> = net
            .tensor(index)
            .iter()
            .zip(grad.tensor(index))
            .map(|(w, g)| w - 0.5 * g)
            .collect();
        assert_close(
            &format!("{name}: descend"),
            stepped.tensor(index),
            &expected,
        );
    }
}

#[test]
fn valid_padding_and_max_pooling_match_pytorch() {
    check::<ValidMax>("cnn_valid_max");
}

#[test]
fn same_padding_strides_and_average_pooling_match_pytorch() {
    check::<SameAvg>("cnn_same_avg");
}

#[test]
fn pointwise_convolution_and_global_pooling_match_pytorch() {
    check::<Pointwise>("cnn_pointwise");
}

#[test]
fn one_dimensional_convolutions_and_pooling_match_pytorch() {
    check::<OneD>("cnn_1d");
    assert_eq!(OneD::TENSORS[0].torch_shape, [4, 2, 3]);
    assert_eq!(OneD::TENSORS[2].torch_shape, [3, 4, 2]);
}

#[test]
fn depthwise_convolutions_match_pytorch() {
    check::<Depthwise>("tiny_depthwise");
    assert_eq!(Depthwise::TENSORS[0].torch_shape, [3, 1, 3, 2]);
    assert_eq!(Depthwise::TENSORS[4].torch_shape, [4, 1, 3, 3]);
}

#[test]
fn residual_blocks_match_pytorch() {
    check::<Residual>("tiny_residual");
    let names: Vec<_> = Residual::TENSORS.iter().map(|t| t.name).collect();
    assert_eq!(
        names[10..],
        [
            "layer7.weight",
            "layer7.bias",
            "layer10.weight",
            "layer10.bias"
        ]
    );
}

/// `values` of the network's trained tensors in `PyTorch`'s order, or of its running averages.
fn in_torch_order<N: Network<Scalar = f64>>(net: &N, trained: bool) -> Vec<Vec<f64>> {
    N::TENSORS
        .iter()
        .enumerate()
        .filter(|(_, tensor)| tensor.kind.is_trained() == trained)
        .map(|(index, tensor)| {
            let values = net.tensor(index);
            (0..tensor.len())
                .map(|i| values[tensor.our_index(i)])
                .collect()
        })
        .collect()
}

/// The network, loaded from `PyTorch`'s file, and the inputs of its case.
fn loaded<N: Network<Scalar = f64>>(name: &str) -> (N, Vec<N::Input>)
where
    N::Input: TryFrom<Vec<f64>>,
{
    let mut net = N::zeros();
    let path = format!(
        "{}/tests/reference/torch_{name}.safetensors",
        env!("CARGO_MANIFEST_DIR")
    );
    nn::safetensors::load(&mut net, &path).expect("PyTorch's file loads");
    let inputs = flat(&case(name)["x"])
        .chunks(N::INPUTS)
        .map(|x| {
            let Ok(x) = N::Input::try_from(x.to_vec()) else {
                panic!("{name}: input size");
            };
            x
        })
        .collect();
    (net, inputs)
}

/// A network with batch normalisation as `PyTorch` runs it: in inference by the running
/// averages; trained on a batch, normalised by the batch's statistics, and the running averages
/// it then keeps; trained on one sample, by the sample's own.
fn check_normalized<N>(name: &str)
where
    N: Trainable<Scalar = f64> + Clone,
    N::Input: TryFrom<Vec<f64>>,
    N::Output: TryFrom<Vec<f64>>,
    Mse: nn::loss::Loss<f64, N::Output, N::Output> + nn::loss::PairsWith<N::OutputActivation>,
{
    let r = case(name);
    let mut net = N::zeros();
    let path = format!(
        "{}/tests/reference/torch_{name}.safetensors",
        env!("CARGO_MANIFEST_DIR")
    );
    nn::safetensors::load(&mut net, &path).expect("PyTorch's file loads");
    let samples: Vec<(N::Input, N::Output)> = flat(&r["x"])
        .chunks(N::INPUTS)
        .zip(flat(&r["d"]).chunks(N::OUTPUTS))
        .map(|(x, d)| {
            let (Ok(x), Ok(d)) = (
                N::Input::try_from(x.to_vec()),
                N::Output::try_from(d.to_vec()),
            ) else {
                panic!("{name}: sizes");
            };
            (x, d)
        })
        .collect();
    let y: Vec<f64> = samples
        .iter()
        .flat_map(|(x, _)| net.forward(x).as_ref().to_vec())
        .collect();
    assert_close(&format!("{name}: inference"), &y, &flat(&r["y_eval"]));

    let mut grad = N::zeros();
    let loss = net.backward_samples(&samples, Mse, &mut grad);
    assert_close(
        &format!("{name}: batch loss"),
        &[loss],
        &[r["loss"].as_f64().unwrap()],
    );
    let expected = r["gradients"].as_array().unwrap();
    for (ours, expected) in in_torch_order(&grad, true).iter().zip(expected) {
        assert_close(&format!("{name}: batch gradient"), ours, &flat(expected));
    }
    assert_eq!(in_torch_order(&grad, true).len(), expected.len());

    // The mean gradient holds the batch's statistics, which the running averages follow.
    let mut mean = N::zeros();
    net.scaled_gradient(&samples, Mse, &mut mean, 1.0 / samples.len() as f64);
    let mut tracked = net.clone();
    tracked.track_statistics(&mean);
    let expected = r["running"].as_array().unwrap();
    for (ours, expected) in in_torch_order(&tracked, false).iter().zip(expected) {
        assert_close(&format!("{name}: running averages"), ours, &flat(expected));
    }

    if let Some(one_loss) = r["one_loss"].as_f64() {
        let (x, d) = &samples[0];
        let mut grad = N::zeros();
        let loss = net.backward(x, d, Mse, &mut grad);
        assert_close(&format!("{name}: one sample's loss"), &[loss], &[one_loss]);
        assert_close(
            &format!("{name}: its training loss"),
            &[net.training_loss(x, d, Mse)],
            &[one_loss],
        );
        let expected = r["one_gradients"].as_array().unwrap();
        for (ours, expected) in in_torch_order(&grad, true).iter().zip(expected) {
            assert_close(
                &format!("{name}: one sample's gradient"),
                ours,
                &flat(expected),
            );
        }
    }
}

#[test]
fn batch_normalisation_matches_pytorch() {
    check_normalized::<Normalized>("tiny_batch_norm");
    check_normalized::<NormalizedDense>("tiny_batch_norm_dense");
}

#[test]
fn folded_batch_normalisation_infers_as_pytorch() {
    // Every batch normalisation folds into the convolution before it: none is left.
    let (net, inputs) = loaded::<Normalized>("tiny_batch_norm");
    let folded: NormalizedFolded = net.folded();
    assert_eq!(NormalizedFolded::summary().layers.len(), 6);
    assert_eq!(
        NormalizedFolded::PARAMETERS,
        Normalized::PARAMETERS - 3 * 4 * 4,
        "three layers of four channels, four values each, gone"
    );
    let y: Vec<f64> = inputs.iter().flat_map(|x| folded.forward(x)).collect();
    assert_close(
        "tiny_batch_norm: folded",
        &y,
        &flat(&case("tiny_batch_norm")["y_eval"]),
    );

    let (net, inputs) = loaded::<NormalizedDense>("tiny_batch_norm_dense");
    let folded = net.folded();
    let y: Vec<f64> = inputs.iter().flat_map(|x| folded.forward(x)).collect();
    let expected = flat(&case("tiny_batch_norm_dense")["y_eval"]);
    assert_close("tiny_batch_norm_dense: folded", &y, &expected);
    // The batch normalisation's activation now follows the dense layer.
    assert_eq!(
        NormalizedDenseFolded::summary().layers[0].activation,
        "relu"
    );
}

#[test]
fn a_cnn_trained_by_pytorch_predicts_pytorchs_classes() {
    let r: Value = serde_json::from_str(include_str!("reference/torch_digits_cnn.json")).unwrap();
    let mut net = TorchDigits::zeros();
    let path = format!(
        "{}/tests/reference/torch_digits_cnn.safetensors",
        env!("CARGO_MANIFEST_DIR")
    );
    nn::safetensors::load(&mut net, &path).expect("PyTorch's file loads");
    let images = r["images"].as_array().unwrap();
    assert_eq!(images.len(), 100);
    for (index, image) in images.iter().enumerate() {
        let y = net.forward(&vector(image));
        let class = r["classes"][index].as_u64().unwrap();
        assert_eq!(nn::metrics::argmax(&y) as u64, class, "image {index}");
        for (p, expected) in y.iter().zip(flat(&r["probabilities"][index])) {
            assert!(
                (f64::from(*p) - expected).abs() < 1e-5,
                "image {index}: {p} vs {expected}"
            );
        }
    }
}

#[test]
fn the_tensors_of_a_cnn_are_pytorchs() {
    let names: Vec<_> = ValidMax::TENSORS.iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "layer1.weight",
            "layer1.bias",
            "layer3.weight",
            "layer3.bias",
            "layer4.weight",
            "layer4.bias"
        ]
    );
    let conv = ValidMax::TENSORS[0];
    assert_eq!(
        (conv.torch_shape, conv.rows, conv.columns, conv.fan_in),
        (&[4, 1, 3, 3][..], 9, 4, 9)
    );
    assert_eq!(ValidMax::TENSORS[2].torch_shape, [8, 36]);
    assert_eq!(ValidMax::PARAMETERS, 40 + 296 + 27);
}

#[test]
fn a_cnn_round_trips_through_bytes_and_safetensors() {
    let r = case("cnn_same_avg");
    let mut net = SameAvg::zeros();
    let path = format!(
        "{}/tests/reference/torch_cnn_same_avg.safetensors",
        env!("CARGO_MANIFEST_DIR")
    );
    nn::safetensors::load(&mut net, &path).unwrap();
    let mut buffer = vec![0; nn::bytes::encoded_len::<SameAvg>()];
    nn::bytes::encode(&net, &mut buffer).unwrap();
    assert_eq!(SameAvg::from_weights(&buffer), Ok(net.clone()));
    let mut copy = SameAvg::zeros();
    nn::safetensors::from_bytes(&mut copy, &nn::safetensors::to_bytes(&net).unwrap()).unwrap();
    assert_eq!(copy, net);
    let x: [f64; 84] = flat(&r["x"]).try_into().unwrap();
    assert_eq!(copy.forward(&x), net.forward(&x));

    // And a 1-D network, whose weights `include_weights!` reads with a reader of its own.
    let mut one_d = OneD::zeros();
    let path = format!(
        "{}/tests/reference/torch_cnn_1d.safetensors",
        env!("CARGO_MANIFEST_DIR")
    );
    nn::safetensors::load(&mut one_d, &path).unwrap();
    let mut buffer = vec![0; nn::bytes::encoded_len::<OneD>()];
    nn::bytes::encode(&one_d, &mut buffer).unwrap();
    assert_eq!(OneD::from_weights(&buffer), Ok(one_d));
}
