//! int8 inference against two references of TensorFlow Lite's quantisation spec, on three dense
//! float networks, one of convolutions, max pooling and a dense layer, one of a convolution, a
//! depthwise convolution, average pooling and a dense layer, and one with a residual block:
//!
//! - `tests/reference/int8_reference.py` quantises them from their calibrated ranges and runs
//!   them in Python integers: nn must choose the same quantisations, weights, biases and
//!   multipliers, and compute the same int8 outputs, to the bit;
//! - `tests/reference/int8_tflite.py` has TensorFlow Lite's converter quantise them and its
//!   reference kernels run them: from the scales TensorFlow Lite chose, nn must quantise the float
//!   weights to the same int8 weights and biases, and compute the same outputs, to the bit.

use nn::bytes::BytesError;
use nn::quant::{CalibrationError, Multiplier, Quantization};
use nn::quantized_add::QuantizedAdd;
use nn::quantized_conv::QuantizedConv2d;
use nn::quantized_dense::{Clamp, QuantizedDense};
use nn::quantized_depthwise::QuantizedDepthwiseConv2d;
use nn::reshape::reshape;
use nn::{Conv2d, Dense, DepthwiseConv2d, Pool2d, Sliding};
use serde_json::Value;

nn::network! {
    /// The reference's "chain" network, declared.
    struct Chain = 4 => relu 8 => identity 3;
    /// A classifier whose final softmax int8 leaves out.
    struct Classifier = 4 => relu 8 => softmax 3;
    /// The classifier with a wider hidden layer: another network's file.
    struct Wider = 4 => relu 9 => softmax 3;
    /// The reference's "conv" network, declared.
    struct Convolutional = [2, 6, 6] => relu conv2d(4, 3x3, same) => max_pool2d(2x2)
        => conv2d(3, 3x3, stride 2, same) => identity 5;
    /// The reference's "residual" network, declared.
    struct Residual = [2, 6, 6] => relu conv2d(4, 3x3, same)
        => relu residual { => relu conv2d(4, 3x3, same) => conv2d(4, 3x3, same) }
        => avg_pool2d(2x2) => identity 3;
    /// The reference's "depthwise" network, declared.
    struct Separable = [3, 7, 7] => relu conv2d(4, 3x3, stride 2, same)
        => relu depthwise_conv2d(3x3, same) => avg_pool2d(2x2) => identity 3;
}

fn reference() -> Value {
    let text = include_str!("reference/int8_reference.json");
    serde_json::from_str(text).expect("the reference is JSON")
}

fn tflite() -> Value {
    let text = include_str!("reference/int8_tflite.json");
    serde_json::from_str(text).expect("the reference is JSON")
}

fn network<'a>(reference: &'a Value, name: &str) -> &'a Value {
    let networks = reference["networks"]
        .as_array()
        .expect("a list of networks");
    networks
        .iter()
        .find(|network| network["name"] == name)
        .expect("the network is in the reference")
}

fn numbers(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().expect("an array").iter()
}

fn float(value: &Value) -> f32 {
    #[allow(clippy::cast_possible_truncation)] // an `f32` written as the `f64` it equals: exact
    let exact = value.as_f64().expect("a number") as f32;
    exact
}

fn integer<T: TryFrom<i64>>(value: &Value) -> T {
    let value = value.as_i64().expect("an integer");
    T::try_from(value).ok().expect("in range")
}

/// A multiplier as the references write it: `[multiplier, shift]`.
fn multiplier(pair: &Value) -> Multiplier {
    Multiplier {
        multiplier: integer(&pair[0]),
        shift: integer(&pair[1]),
    }
}

/// Checks the int8 output `forward` gives for each case of `network` against the reference's
/// last layer's, within `steps` int8 steps.
fn outputs_within<const I: usize, const O: usize>(
    network: &Value,
    steps: i16,
    forward: impl Fn(&[i8; I]) -> [i8; O],
) {
    for case in numbers(&network["cases"]) {
        let x: [i8; I] = array(&case["x_int8"], integer);
        let layers = case["layers"].as_array().expect("each layer's output");
        let expected: [i8; O] = array(layers.last().expect("a layer"), integer);
        for (ours, theirs) in forward(&x).iter().zip(expected) {
            assert!(
                (i16::from(*ours) - i16::from(theirs)).abs() <= steps,
                "{ours} against {theirs}"
            );
        }
    }
}

/// The dense layer ending a convolutional network TensorFlow Lite converted, from the
/// converted model's parameters (a row per output), without an activation.
fn tflite_dense<const I: usize, const O: usize>(layer: &Value) -> QuantizedDense<I, O> {
    QuantizedDense::from_parts(
        array(&layer["weights"], |row| array(row, integer)),
        array(&layer["bias"], integer),
        array(&layer["weight_scales"], float),
        quantization(&layer["input"]),
        quantization(&layer["output"]),
        Clamp::Whole,
    )
}

fn array<T: core::fmt::Debug, const N: usize>(value: &Value, item: impl Fn(&Value) -> T) -> [T; N] {
    let items: Vec<T> = numbers(value).map(item).collect();
    items.try_into().expect("the width the test declares")
}

/// int8 weights written a row per input, as `Dense` holds them, in the layout of
/// `QuantizedDense`: a row per output.
fn rows_per_output<const I: usize, const O: usize>(value: &Value) -> [[i8; I]; O] {
    let per_input: [[i8; O]; I] = array(value, |row| array(row, integer));
    core::array::from_fn(|o| per_input.map(|row| row[o]))
}

/// The float layer the reference quantised.
fn dense<const I: usize, const O: usize>(layer: &Value) -> Dense<f32, I, O> {
    let weights = array(&layer["weights"], |row| array(row, float));
    Dense::new(weights, array(&layer["bias"], float))
}

/// The quantisations the reference chose for each tensor, which nn must choose from the same
/// ranges.
fn quantizations(network: &Value) -> Vec<Quantization> {
    let ranges = numbers(&network["ranges"]);
    let expected = numbers(&network["quantizations"]);
    ranges
        .zip(expected)
        .map(|(range, expected)| {
            let chosen = Quantization::from_range(float(&range[0]), float(&range[1]));
            assert_eq!(chosen.scale.to_bits(), float(&expected["scale"]).to_bits());
            assert_eq!(chosen.zero_point, integer::<i8>(&expected["zero_point"]));
            chosen
        })
        .collect()
}

/// The clamp of layer `index` of `network`: its activation, fused.
fn clamp(network: &Value, index: usize) -> Clamp {
    match network["activations"][index].as_str() {
        Some("relu") => Clamp::FromZero,
        _ => Clamp::Whole,
    }
}

fn quantization(value: &Value) -> Quantization {
    Quantization {
        scale: float(&value["scale"]),
        zero_point: integer(&value["zero_point"]),
    }
}

/// Layer `index` of the network TensorFlow Lite converted: nn's quantisation of the float layer
/// between the same scales must be the layer made from the converted model's parameters.
fn tflite_layer<const I: usize, const O: usize>(
    network: &Value,
    index: usize,
) -> QuantizedDense<I, O> {
    let converted = &network["layers"][index];
    let (input, output) = (
        quantization(&converted["input"]),
        quantization(&converted["output"]),
    );
    let parts = QuantizedDense::from_parts(
        rows_per_output(&converted["weights"]),
        array(&converted["bias"], integer),
        array(&converted["weight_scales"], float),
        input,
        output,
        clamp(network, index),
    );
    let float = dense::<I, O>(&network["float_layers"][index]);
    assert_eq!(
        QuantizedDense::quantize(&float, input, output, clamp(network, index)),
        parts
    );
    parts
}

/// Layer `index` of `network` quantised by nn, checked against the reference's parameters: the
/// same weights and multipliers, and the bias with the input's zero point folded in.
fn layer<const I: usize, const O: usize>(
    network: &Value,
    index: usize,
    quantizations: &[Quantization],
) -> QuantizedDense<I, O> {
    let clamp = clamp(network, index);
    let (input, output) = (quantizations[index], quantizations[index + 1]);
    let float = dense::<I, O>(&network["float_layers"][index]);
    let layer = QuantizedDense::quantize(&float, input, output, clamp);
    let expected = &network["layers"][index];
    let weights: [[i8; I]; O] = rows_per_output(&expected["weights"]);
    assert_eq!(layer.weights, weights);
    let multipliers: [Multiplier; O] = array(&expected["multipliers"], multiplier);
    assert_eq!(layer.multipliers, multipliers);
    let bias: [i32; O] = array(&expected["bias"], integer);
    let folded: [i32; O] = core::array::from_fn(|o| {
        let sum: i32 = weights[o].iter().map(|&w| i32::from(w)).sum();
        bias[o] - i32::from(input.zero_point) * sum
    });
    assert_eq!(layer.bias, folded);
    assert_eq!(layer.output_zero_point, output.zero_point);
    assert_eq!(layer.output_min, integer::<i8>(&expected["output_min"]));
    assert_eq!(layer.output_max, integer::<i8>(&expected["output_max"]));
    layer
}

/// Each test input quantised as the reference did it, and each layer's int8 output, by
/// `forward`.
fn cases<const I: usize>(
    network: &Value,
    input: Quantization,
    layers: impl Fn(&[i8; I]) -> Vec<Vec<i8>>,
) {
    let cases: Vec<_> = numbers(&network["cases"]).collect();
    assert!(!cases.is_empty());
    for case in cases {
        let x: [f32; I] = array(&case["x"], float);
        let quantized = x.map(|value| input.quantize(value));
        assert_eq!(quantized, array::<i8, I>(&case["x_int8"], integer));
        let expected: Vec<Vec<i8>> = numbers(&case["layers"])
            .map(|layer| numbers(layer).map(integer).collect())
            .collect();
        assert_eq!(layers(&quantized), expected);
    }
}

#[test]
fn a_chain_of_two_layers_is_the_references_to_the_bit() {
    let reference = reference();
    let network = network(&reference, "chain");
    let q = quantizations(network);
    let first = layer::<4, 8>(network, 0, &q);
    let second = layer::<8, 3>(network, 1, &q);
    cases::<4>(network, q[0], |x| {
        let z1 = first.forward(x);
        let z2 = second.forward(&z1);
        vec![z1.to_vec(), z2.to_vec()]
    });
}

#[test]
fn a_wider_network_is_the_references_to_the_bit() {
    let reference = reference();
    let network = network(&reference, "wide");
    let q = quantizations(network);
    let first = layer::<16, 32>(network, 0, &q);
    let second = layer::<32, 16>(network, 1, &q);
    let third = layer::<16, 10>(network, 2, &q);
    cases::<16>(network, q[0], |x| {
        let z1 = first.forward(x);
        let z2 = second.forward(&z1);
        let z3 = third.forward(&z2);
        vec![z1.to_vec(), z2.to_vec(), z3.to_vec()]
    });
}

#[test]
fn a_single_layer_is_the_references_to_the_bit() {
    let reference = reference();
    let network = network(&reference, "single");
    let q = quantizations(network);
    let only = layer::<5, 2>(network, 0, &q);
    cases::<5>(network, q[0], |x| vec![only.forward(x).to_vec()]);
}

#[test]
fn tensorflow_lites_chain_is_computed_to_the_bit() {
    let tflite = tflite();
    let network = network(&tflite, "chain");
    let first = tflite_layer::<4, 8>(network, 0);
    let second = tflite_layer::<8, 3>(network, 1);
    let input = quantization(&network["layers"][0]["input"]);
    cases::<4>(network, input, |x| {
        let z1 = first.forward(x);
        vec![z1.to_vec(), second.forward(&z1).to_vec()]
    });
}

#[test]
fn tensorflow_lites_wider_network_is_computed_to_the_bit() {
    let tflite = tflite();
    let network = network(&tflite, "wide");
    let first = tflite_layer::<16, 32>(network, 0);
    let second = tflite_layer::<32, 16>(network, 1);
    let third = tflite_layer::<16, 10>(network, 2);
    let input = quantization(&network["layers"][0]["input"]);
    cases::<16>(network, input, |x| {
        let z1 = first.forward(x);
        let z2 = second.forward(&z1);
        vec![z1.to_vec(), z2.to_vec(), third.forward(&z2).to_vec()]
    });
}

#[test]
fn tensorflow_lites_single_layer_is_computed_to_the_bit() {
    let tflite = tflite();
    let network = network(&tflite, "single");
    let only = tflite_layer::<5, 2>(network, 0);
    let input = quantization(&network["layers"][0]["input"]);
    cases::<5>(network, input, |x| vec![only.forward(x).to_vec()]);
}

/// `Chain::quantize` on the reference's weights and calibration inputs: the input's quantisation
/// and the int8 weights and biases are the reference's exactly; the outputs' ranges come from
/// nn's own float forward pass, whose sums run in another order than numpy's, so that their
/// scales, and the outputs, may differ by a rounding.
#[test]
fn a_declared_network_quantises_as_the_reference() {
    let reference = reference();
    let network = network(&reference, "chain");
    let mut chain = Chain::zeros();
    chain.layer1 = dense(&network["float_layers"][0]);
    chain.layer2 = dense(&network["float_layers"][1]);
    let calibration: Vec<[f32; 4]> = numbers(&network["calibration"])
        .map(|x| array(x, float))
        .collect();
    let int8 = chain.quantize(&calibration).expect("finite, not empty");
    let expected = quantizations(network);
    assert_eq!(int8.input, expected[0]);
    assert_eq!(
        int8.layer1.weights,
        layer::<4, 8>(network, 0, &expected).weights
    );
    assert_eq!(int8.layer1.bias, layer::<4, 8>(network, 0, &expected).bias);
    assert_eq!(
        int8.layer2.weights,
        layer::<8, 3>(network, 1, &expected).weights
    );
    for (ours, theirs) in [int8.output].iter().zip(&expected[2..]) {
        assert!((ours.scale - theirs.scale).abs() <= 1e-6 * theirs.scale);
        assert!((i16::from(ours.zero_point) - i16::from(theirs.zero_point)).abs() <= 1);
    }
    outputs_within::<4, 3>(network, 1, |x| int8.forward(x));
}

/// A final softmax is left out: the int8 output is the last layer's total input, quantised, and
/// its dequantised values are the float scores within the rounding of the steps between.
#[test]
fn a_final_softmax_is_left_out() {
    let mut random = nn::init::rng(8);
    let net = Classifier::initialized(nn::init::Init::He, &mut random);
    let calibration: Vec<[f32; 4]> = (0..50)
        .map(|_| {
            core::array::from_fn(|_| nn::Scalar::from_f64(nn::init::standard_normal(&mut random)))
        })
        .collect();
    let int8 = net.quantize(&calibration).expect("finite, not empty");
    for x in &calibration {
        let scores = net
            .layer2
            .total_input(&net.layer1.forward::<nn::activation::Relu>(x));
        let ours = int8.dequantize_output(&int8.forward(&int8.quantize_input(x)));
        for (ours, theirs) in ours.iter().zip(scores) {
            // Each layer's output is off by at most half a step; the first's error reaches the
            // second through its weights: a few steps in all.
            assert!(
                (ours - theirs).abs() <= 4.0 * int8.output.scale,
                "{ours} against {theirs}"
            );
        }
    }
}

#[test]
fn calibration_reports_what_it_cannot_quantise() {
    let mut chain = Chain::ones();
    assert_eq!(chain.quantize(&[]), Err(CalibrationError::Empty));
    assert_eq!(
        chain.quantize(&[[0.0, f32::NAN, 0.0, 0.0]]),
        Err(CalibrationError::NotFinite { tensor: 0 })
    );
    chain.layer2.weights[0][0] = f32::MAX;
    assert_eq!(
        chain.quantize(&[[1.0, 1.0, 1.0, 1.0]]),
        Err(CalibrationError::NotFinite { tensor: 2 })
    );
    assert_eq!(
        CalibrationError::NotFinite { tensor: 2 }.to_string(),
        "layer 2's output is NaN or infinite on a calibration input"
    );
}

/// An int8 network written in `nn`'s int8 format and read back by the `const fn` that
/// `nn::include_weights!` calls: the same network; and every kind of wrong file an error.
#[test]
fn int8_networks_round_trip_through_their_file_format() {
    let mut random = nn::init::rng(9);
    let net = Classifier::initialized(nn::init::Init::He, &mut random);
    let calibration: Vec<[f32; 4]> = (0..20)
        .map(|_| {
            core::array::from_fn(|_| nn::Scalar::from_f64(nn::init::standard_normal(&mut random)))
        })
        .collect();
    let int8 = net.quantize(&calibration).expect("finite, not empty");
    // The header (8 + 2 x 8), two quantisations, and each layer's integers.
    let length = 24 + 10 + (4 * 8 + 12 * 8 + 3) + (8 * 3 + 12 * 3 + 3);
    assert_eq!(ClassifierQuantized::ENCODED_LEN, length);
    let mut bytes = vec![0; length];
    assert_eq!(int8.encode(&mut bytes), Ok(length));
    assert_eq!(&bytes[..4], b"NNQ1");
    assert_eq!(ClassifierQuantized::from_weights(&bytes), Ok(int8.clone()));

    assert_eq!(
        int8.encode(&mut [0; 10]),
        Err(BytesError::BufferTooSmall {
            needed: length,
            available: 10
        })
    );
    assert_eq!(
        ClassifierQuantized::from_weights(&bytes[..length - 1]),
        Err(BytesError::WrongLength {
            expected: length,
            found: length - 1
        })
    );
    assert_eq!(
        ClassifierQuantized::from_weights(b"NNW1 not an int8 file"),
        Err(BytesError::NotWeights)
    );
    assert_eq!(
        WiderQuantized::from_weights(&bytes),
        Err(BytesError::WrongShape {
            tensor: "layer1",
            expected: (4, 9),
            found: (4, 8)
        })
    );
    let mut nan_scale = bytes.clone();
    nan_scale[24..28].copy_from_slice(&f32::NAN.to_le_bytes());
    assert_eq!(
        ClassifierQuantized::from_weights(&nan_scale),
        Err(BytesError::NonFinite {
            tensor: "input",
            index: 0
        })
    );
}

/// The float convolution the reference quantised, and where its kernel goes.
fn conv<const C: usize, const F: usize, const K: usize>(
    layer: &Value,
) -> (Conv2d<f32, C, F, K, K>, Sliding) {
    let weights = array(&layer["weights"], |c| {
        array(c, |row| array(row, |place| array(place, float)))
    });
    let conv = Conv2d::new(weights, array(&layer["bias"], float));
    let stride = integer(&layer["stride"]);
    let padding = &layer["padding"];
    let sliding = Sliding {
        stride: [stride, stride],
        padding: [integer(&padding[0]), integer(&padding[2])],
    };
    (conv, sliding)
}

/// A layer's int8 filters written a row per filter, in the layout of `QuantizedConv2d`.
fn filters<const C: usize, const F: usize, const K: usize>(
    value: &Value,
) -> [[[[i8; K]; K]; C]; F] {
    array(value, |row| {
        let flat: Vec<i8> = numbers(row).map(integer).collect();
        core::array::from_fn(|c| {
            core::array::from_fn(|ky| core::array::from_fn(|kx| flat[(c * K + ky) * K + kx]))
        })
    })
}

/// The "conv" network's layers in int8: a 3x3 convolution of 2 channels to 4 with `same`
/// padding and a fused relu, 2x2 max pooling, a 3x3 convolution to 3 with stride 2 (`same`: one
/// row and column of padding before, one after), a dense layer of the 12 values to 5.
struct ConvLayers {
    first: (QuantizedConv2d<2, 4, 3, 3>, Sliding),
    second: (QuantizedConv2d<4, 3, 3, 3>, Sliding),
    dense: QuantizedDense<12, 5>,
}

impl ConvLayers {
    /// Each layer's int8 output, flat, channel by channel.
    fn forward(&self, x: &[i8; 72]) -> Vec<Vec<i8>> {
        let (x, mut z1): (&[[[i8; 6]; 6]; 2], _) = (reshape(x), [[[0; 6]; 6]; 4]);
        self.first.0.forward(x, self.first.1, &mut z1);
        let mut z2 = [[[0; 3]; 3]; 4];
        Pool2d::square(2).max_int8(&z1, &mut z2);
        let mut z3 = [[[0; 2]; 2]; 3];
        self.second.0.forward(&z2, self.second.1, &mut z3);
        let z4 = self.dense.forward(reshape(&z3));
        let flat = |values: &[i8]| values.to_vec();
        vec![
            flat(z1.as_flattened().as_flattened()),
            flat(z2.as_flattened().as_flattened()),
            flat(z3.as_flattened().as_flattened()),
            z4.to_vec(),
        ]
    }
}

/// The quantisations of a convolutional network's values as the reference chose them from the
/// same ranges: a pooling's output keeps its input's.
fn conv_quantizations(network: &Value) -> Vec<Quantization> {
    let ranges: Vec<_> = numbers(&network["ranges"]).collect();
    let expected: Vec<_> = numbers(&network["quantizations"]).collect();
    let mut chosen = Vec::new();
    for (index, range) in ranges.iter().enumerate() {
        let kind = index
            .checked_sub(1)
            .map(|layer| &network["float_layers"][layer]["kind"]);
        let pooled = kind.is_some_and(|kind| kind == "pool" || kind == "avgpool");
        let quantization = if pooled {
            chosen[index - 1]
        } else {
            Quantization::from_range(float(&range[0]), float(&range[1]))
        };
        assert_eq!(quantization, self::quantization(expected[index]));
        chosen.push(quantization);
    }
    chosen
}

/// Checks a quantised convolution against the reference's parameters: the same filters, the bias
/// with the input's zero point folded in, the same clamp.
fn check_conv<const C: usize, const F: usize, const K: usize>(
    layer: &QuantizedConv2d<C, F, K, K>,
    expected: &Value,
    input: Quantization,
) {
    let weights: [[[[i8; K]; K]; C]; F] = filters(&expected["weights"]);
    assert_eq!(layer.weights, weights);
    let bias: [i32; F] = array(&expected["bias"], integer);
    let folded: [i32; F] = core::array::from_fn(|f| {
        let filter = weights[f].as_flattened().as_flattened();
        let sum: i32 = filter.iter().map(|&w| i32::from(w)).sum();
        bias[f] - i32::from(input.zero_point) * sum
    });
    assert_eq!(layer.bias, folded);
    assert_eq!(layer.input_zero_point, input.zero_point);
    assert_eq!(layer.output_min, integer::<i8>(&expected["output_min"]));
}

#[test]
fn a_convolutional_network_is_the_references_to_the_bit() {
    let reference = reference();
    let network = network(&reference, "conv");
    let q = conv_quantizations(network);
    let (first, first_sliding) = conv::<2, 4, 3>(&network["float_layers"][0]);
    let (second, second_sliding) = conv::<4, 3, 3>(&network["float_layers"][2]);
    assert_eq!(second_sliding.padding, [1, 1]);
    let layers = ConvLayers {
        first: (
            QuantizedConv2d::quantize(&first, q[0], q[1], Clamp::FromZero),
            first_sliding,
        ),
        second: (
            QuantizedConv2d::quantize(&second, q[2], q[3], Clamp::Whole),
            second_sliding,
        ),
        dense: QuantizedDense::quantize(
            &dense(&network["float_layers"][3]),
            q[3],
            q[4],
            Clamp::Whole,
        ),
    };
    for (index, multipliers) in [
        (0, layers.first.0.multipliers.as_slice()),
        (2, &layers.second.0.multipliers),
        (3, &layers.dense.multipliers),
    ] {
        let expected: Vec<Multiplier> = numbers(&network["layers"][index]["multipliers"])
            .map(multiplier)
            .collect();
        assert_eq!(multipliers, expected);
    }
    check_conv(&layers.first.0, &network["layers"][0], q[0]);
    check_conv(&layers.second.0, &network["layers"][2], q[2]);
    let rows: [[i8; 12]; 5] = array(&network["layers"][3]["weights"], |row| array(row, integer));
    assert_eq!(layers.dense.weights, rows);
    cases::<72>(network, q[0], |x| layers.forward(x));
}

/// A convolution of the network TensorFlow Lite converted: nn's quantisation of the float layer
/// between the same scales must be the layer made from the converted model's parameters.
fn tflite_conv<const C: usize, const F: usize, const K: usize>(
    network: &Value,
    index: usize,
) -> (QuantizedConv2d<C, F, K, K>, Sliding) {
    let converted = &network["layers"][index];
    let (input, output) = (
        quantization(&converted["input"]),
        quantization(&converted["output"]),
    );
    let parts = QuantizedConv2d::from_parts(
        filters(&converted["weights"]),
        array(&converted["bias"], integer),
        array(&converted["weight_scales"], float),
        input,
        output,
        clamp(network, index),
    );
    let (float, sliding) = conv::<C, F, K>(&network["float_layers"][index]);
    assert_eq!(
        QuantizedConv2d::quantize(&float, input, output, clamp(network, index)),
        parts
    );
    (parts, sliding)
}

#[test]
fn tensorflow_lites_convolutional_network_is_computed_to_the_bit() {
    let tflite = tflite();
    let network = network(&tflite, "conv");
    let pool = &network["layers"][1];
    assert_eq!(pool["input"], pool["output"]);
    let layers = ConvLayers {
        first: tflite_conv(network, 0),
        second: tflite_conv(network, 2),
        dense: tflite_dense(&network["layers"][3]),
    };
    let input = quantization(&network["layers"][0]["input"]);
    cases::<72>(network, input, |x| layers.forward(x));
}

/// `Convolutional::quantize` on the reference's weights and calibration inputs: the input's
/// quantisation and the first convolution's int8 filters and biases are the reference's exactly;
/// the later values' ranges come from nn's float forward pass, which sums in another order than
/// numpy's, so that their scales, and the outputs, may differ by a rounding. Written to nn's int8
/// format and read back, it is the same network.
#[test]
fn a_declared_convolutional_network_quantises_as_the_reference() {
    let reference = reference();
    let network = network(&reference, "conv");
    let mut net = Convolutional::zeros();
    net.layer1 = conv(&network["float_layers"][0]).0;
    net.layer3 = conv(&network["float_layers"][2]).0;
    net.layer4 = dense(&network["float_layers"][3]);
    let calibration: Vec<[f32; 72]> = numbers(&network["calibration"])
        .map(|x| array(x, float))
        .collect();
    let int8 = net.quantize(&calibration).expect("finite, not empty");
    let expected = conv_quantizations(network);
    assert_eq!(int8.input, expected[0]);
    check_conv(&int8.layer1, &network["layers"][0], expected[0]);
    assert_eq!(
        int8.layer3.weights,
        filters::<4, 3, 3>(&network["layers"][2]["weights"])
    );
    outputs_within::<72, 5>(network, 1, |x| int8.forward(x));

    // The header (8 + 3 x 8), two quantisations, the convolutions' integers (2 x 3 x 3 weights
    // to each of 4 filters, 4 x 3 x 3 to each of 3) and the dense layer's.
    let length = 32 + 10 + (18 * 4 + 12 * 4 + 4) + (36 * 3 + 12 * 3 + 4) + (12 * 5 + 12 * 5 + 3);
    assert_eq!(ConvolutionalQuantized::ENCODED_LEN, length);
    let mut bytes = vec![0; length];
    assert_eq!(int8.encode(&mut bytes), Ok(length));
    assert_eq!(ConvolutionalQuantized::from_weights(&bytes), Ok(int8));
}

/// The float depthwise convolution the reference quantised, and where its kernels go.
fn depthwise<const C: usize, const K: usize>(
    layer: &Value,
) -> (DepthwiseConv2d<f32, C, K, K>, Sliding) {
    let weights = array(&layer["weights"], |row| {
        array(row, |place| array(place, float))
    });
    let conv = DepthwiseConv2d::new(weights, array(&layer["bias"], float));
    let stride = integer(&layer["stride"]);
    let padding = &layer["padding"];
    let sliding = Sliding {
        stride: [stride, stride],
        padding: [integer(&padding[0]), integer(&padding[2])],
    };
    (conv, sliding)
}

/// A depthwise layer's int8 kernels, a row per channel, in the layout of
/// `QuantizedDepthwiseConv2d`.
fn kernels<const C: usize, const K: usize>(value: &Value) -> [[[i8; K]; K]; C] {
    array(value, |row| {
        let flat: Vec<i8> = numbers(row).map(integer).collect();
        core::array::from_fn(|ky| core::array::from_fn(|kx| flat[ky * K + kx]))
    })
}

/// The "depthwise" network's layers in int8: a 3x3 convolution of 3 channels to 4 with stride 2
/// and a fused relu, a 3x3 depthwise convolution with a fused relu, 2x2 average pooling, a dense
/// layer of the 16 values to 3.
struct SeparableLayers {
    conv: (QuantizedConv2d<3, 4, 3, 3>, Sliding),
    depthwise: (QuantizedDepthwiseConv2d<4, 3, 3>, Sliding),
    dense: QuantizedDense<16, 3>,
}

impl SeparableLayers {
    /// Each layer's int8 output, flat, channel by channel.
    fn forward(&self, x: &[i8; 147]) -> Vec<Vec<i8>> {
        let (x, mut z1): (&[[[i8; 7]; 7]; 3], _) = (reshape(x), [[[0; 4]; 4]; 4]);
        self.conv.0.forward(x, self.conv.1, &mut z1);
        let mut z2 = [[[0; 4]; 4]; 4];
        self.depthwise.0.forward(&z1, self.depthwise.1, &mut z2);
        let mut z3 = [[[0; 2]; 2]; 4];
        Pool2d::square(2).average_int8(&z2, &mut z3);
        let z4 = self.dense.forward(reshape(&z3));
        let flat = |values: &[i8]| values.to_vec();
        vec![
            flat(z1.as_flattened().as_flattened()),
            flat(z2.as_flattened().as_flattened()),
            flat(z3.as_flattened().as_flattened()),
            z4.to_vec(),
        ]
    }
}

#[test]
fn a_depthwise_network_is_the_references_to_the_bit() {
    let reference = reference();
    let network = network(&reference, "depthwise");
    let q = conv_quantizations(network);
    let (conv_float, conv_sliding) = conv::<3, 4, 3>(&network["float_layers"][0]);
    let (depthwise_float, depthwise_sliding) = depthwise::<4, 3>(&network["float_layers"][1]);
    let layers = SeparableLayers {
        conv: (
            QuantizedConv2d::quantize(&conv_float, q[0], q[1], Clamp::FromZero),
            conv_sliding,
        ),
        depthwise: (
            QuantizedDepthwiseConv2d::quantize(&depthwise_float, q[1], q[2], Clamp::FromZero),
            depthwise_sliding,
        ),
        dense: QuantizedDense::quantize(
            &dense(&network["float_layers"][3]),
            q[3],
            q[4],
            Clamp::Whole,
        ),
    };
    check_conv(&layers.conv.0, &network["layers"][0], q[0]);
    let expected = &network["layers"][1];
    assert_eq!(
        layers.depthwise.0.weights,
        kernels::<4, 3>(&expected["weights"])
    );
    // The bias with the input's zero point folded in.
    let bias: [i32; 4] = array(&expected["bias"], integer);
    let kernels = layers.depthwise.0.weights;
    let folded: [i32; 4] = core::array::from_fn(|c| {
        let sum: i32 = kernels[c]
            .as_flattened()
            .iter()
            .map(|&w| i32::from(w))
            .sum();
        bias[c] - i32::from(q[1].zero_point) * sum
    });
    assert_eq!(layers.depthwise.0.bias, folded);
    let multipliers: [Multiplier; 4] = array(&expected["multipliers"], multiplier);
    assert_eq!(layers.depthwise.0.multipliers, multipliers);
    cases::<147>(network, q[0], |x| layers.forward(x));
}

#[test]
fn tensorflow_lites_depthwise_network_is_computed_to_the_bit() {
    let tflite = tflite();
    let network = network(&tflite, "depthwise");
    let pool = &network["layers"][2];
    assert_eq!(pool["input"], pool["output"]);
    let converted = &network["layers"][1];
    let (input, output) = (
        quantization(&converted["input"]),
        quantization(&converted["output"]),
    );
    let parts = QuantizedDepthwiseConv2d::from_parts(
        kernels(&converted["weights"]),
        array(&converted["bias"], integer),
        array(&converted["weight_scales"], float),
        input,
        output,
        Clamp::FromZero,
    );
    let (trained, sliding) = depthwise::<4, 3>(&network["float_layers"][1]);
    assert_eq!(
        QuantizedDepthwiseConv2d::quantize(&trained, input, output, Clamp::FromZero),
        parts
    );
    let layers = SeparableLayers {
        conv: tflite_conv(network, 0),
        depthwise: (parts, sliding),
        dense: tflite_dense(&network["layers"][3]),
    };
    let input = quantization(&network["layers"][0]["input"]);
    cases::<147>(network, input, |x| layers.forward(x));
}

/// `Separable::quantize` on the reference's weights and calibration inputs: the input's
/// quantisation and the convolution's int8 filters are the reference's exactly, the outputs
/// within a rounding; written to nn's int8 format and read back, it is the same network.
#[test]
fn a_declared_depthwise_network_quantises_as_the_reference() {
    let reference = reference();
    let network = network(&reference, "depthwise");
    let mut net = Separable::zeros();
    net.layer1 = conv(&network["float_layers"][0]).0;
    net.layer2 = depthwise(&network["float_layers"][1]).0;
    net.layer4 = dense(&network["float_layers"][3]);
    let calibration: Vec<[f32; 147]> = numbers(&network["calibration"])
        .map(|x| array(x, float))
        .collect();
    let int8 = net.quantize(&calibration).expect("finite, not empty");
    let expected = conv_quantizations(network);
    assert_eq!(int8.input, expected[0]);
    check_conv(&int8.layer1, &network["layers"][0], expected[0]);
    assert_eq!(
        int8.layer2.weights,
        kernels::<4, 3>(&network["layers"][1]["weights"])
    );
    outputs_within::<147, 3>(network, 1, |x| int8.forward(x));
    let mut bytes = vec![0; SeparableQuantized::ENCODED_LEN];
    assert_eq!(int8.encode(&mut bytes), Ok(bytes.len()));
    assert_eq!(SeparableQuantized::from_weights(&bytes), Ok(int8));
}

/// The "residual" network's layers in int8: a 3x3 convolution of 2 channels to 4 with a fused
/// relu, a residual block of two more (the first with a relu) whose sum with the block's input
/// has a fused relu, 2x2 average pooling, a dense layer of the 36 values to 3.
struct ResidualLayers {
    convolutions: [QuantizedConv2d<4, 4, 3, 3>; 2],
    first: QuantizedConv2d<2, 4, 3, 3>,
    sum: QuantizedAdd,
    dense: QuantizedDense<36, 3>,
}

/// `same` padding of a 3x3 kernel, stride 1.
const SAME: Sliding = Sliding {
    stride: [1, 1],
    padding: [1, 1],
};

impl ResidualLayers {
    /// Each layer's int8 output, flat, channel by channel.
    fn forward(&self, x: &[i8; 72]) -> Vec<Vec<i8>> {
        let (x, mut z1): (&[[[i8; 6]; 6]; 2], _) = (reshape(x), [[[0; 6]; 6]; 4]);
        self.first.forward(x, SAME, &mut z1);
        let (mut z2, mut z3) = ([[[0; 6]; 6]; 4], [[[0; 6]; 6]; 4]);
        self.convolutions[0].forward(&z1, SAME, &mut z2);
        self.convolutions[1].forward(&z2, SAME, &mut z3);
        let z4: [i8; 144] = self.sum.forward(reshape(&z3), reshape(&z1));
        let (sum, mut z5): (&[[[i8; 6]; 6]; 4], _) = (reshape(&z4), [[[0; 3]; 3]; 4]);
        Pool2d::square(2).average_int8(sum, &mut z5);
        let z6 = self.dense.forward(reshape(&z5));
        let flat = |values: &[[[i8; 6]; 6]; 4]| values.as_flattened().as_flattened().to_vec();
        vec![
            flat(&z1),
            flat(&z2),
            flat(&z3),
            z4.to_vec(),
            z5.as_flattened().as_flattened().to_vec(),
            z6.to_vec(),
        ]
    }
}

#[test]
fn a_residual_network_is_the_references_to_the_bit() {
    let reference = reference();
    let network = network(&reference, "residual");
    let q = conv_quantizations(network);
    let layers = network["float_layers"].as_array().expect("layers");
    let relu = [Clamp::FromZero, Clamp::FromZero, Clamp::Whole];
    let first = QuantizedConv2d::quantize(&conv::<2, 4, 3>(&layers[0]).0, q[0], q[1], relu[0]);
    let convolutions = [1, 2].map(|index| {
        let float = conv::<4, 4, 3>(&layers[index]).0;
        QuantizedConv2d::quantize(&float, q[index], q[index + 1], relu[index])
    });
    // The block's last output plus its input, the first layer's output.
    let sum = QuantizedAdd::new([q[3], q[1]], q[4], Clamp::FromZero);
    let expected = &network["layers"][3];
    assert_eq!(
        sum.input_multipliers,
        array::<Multiplier, 2>(&expected["input_multipliers"], multiplier)
    );
    assert_eq!(
        sum.output_multiplier,
        multiplier(&expected["output_multiplier"])
    );
    assert_eq!(sum.output_min, integer::<i8>(&expected["output_min"]));
    let dense = QuantizedDense::quantize(&dense(&layers[5]), q[5], q[6], Clamp::Whole);
    let layers = ResidualLayers {
        convolutions,
        first,
        sum,
        dense,
    };
    check_conv(&layers.first, &network["layers"][0], q[0]);
    cases::<72>(network, q[0], |x| layers.forward(x));
}

#[test]
fn tensorflow_lites_residual_network_is_computed_to_the_bit() {
    let tflite = tflite();
    let network = network(&tflite, "residual");
    let converted = &network["layers"];
    let convolution = |index: usize| {
        let layer = &converted[index];
        let clamp = clamp(network, index);
        QuantizedConv2d::<4, 4, 3, 3>::from_parts(
            filters(&layer["weights"]),
            array(&layer["bias"], integer),
            array(&layer["weight_scales"], float),
            quantization(&layer["input"]),
            quantization(&layer["output"]),
            clamp,
        )
    };
    let sum = &converted[3];
    let addends = [
        quantization(&sum["input"]),
        quantization(&sum["shortcut_input"]),
    ];
    let layers = ResidualLayers {
        first: tflite_conv::<2, 4, 3>(network, 0).0,
        convolutions: [convolution(1), convolution(2)],
        sum: QuantizedAdd::new(addends, quantization(&sum["output"]), Clamp::FromZero),
        dense: tflite_dense(&converted[5]),
    };
    let input = quantization(&converted[0]["input"]);
    cases::<72>(network, input, |x| layers.forward(x));
}

/// `Residual::quantize` on the reference's weights and calibration inputs: the first
/// convolution's int8 filters are the reference's exactly, the outputs within a rounding;
/// written to nn's int8 format and read back, it is the same network.
#[test]
fn a_declared_residual_network_quantises_as_the_reference() {
    let reference = reference();
    let network = network(&reference, "residual");
    let layers = &network["float_layers"];
    let mut net = Residual::zeros();
    net.layer1 = conv(&layers[0]).0;
    net.layer2 = conv(&layers[1]).0;
    net.layer3 = conv(&layers[2]).0;
    net.layer6 = dense(&layers[5]);
    let calibration: Vec<[f32; 72]> = numbers(&network["calibration"])
        .map(|x| array(x, float))
        .collect();
    let int8 = net.quantize(&calibration).expect("finite, not empty");
    let expected = conv_quantizations(network);
    assert_eq!(int8.input, expected[0]);
    check_conv(&int8.layer1, &network["layers"][0], expected[0]);
    outputs_within::<72, 3>(network, 2, |x| int8.forward(x));
    let mut bytes = vec![0; ResidualQuantized::ENCODED_LEN];
    assert_eq!(int8.encode(&mut bytes), Ok(bytes.len()));
    assert_eq!(ResidualQuantized::from_weights(&bytes), Ok(int8));
}
