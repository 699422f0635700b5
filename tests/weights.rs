//! Saving and loading weights: round trips bit for bit, a file written by Python's `safetensors`
//! package, an `nn.Sequential` saved by PyTorch, and every kind of bad input, which must leave the
//! network untouched.

use nn::bytes::{self, BytesError};
use nn::safetensors::{self as st, SafetensorsError};
use nn::{Network, Scalar, init};

nn::network! {
    /// The network of `reference/torch_linear.py`.
    struct TorchNet = 4 => relu 5 => identity 3;
    /// The same in f64.
    struct TorchNet64: f64 = 4 => relu 5 => identity 3;
    /// Another architecture with the same input and output.
    struct Wider = 4 => relu 6 => identity 3;
    /// One more layer.
    struct Deeper = 4 => relu 5 => relu 5 => identity 3;
    /// The `nn.Sequential` of `reference/torch_sequential.py`.
    struct TorchSequential = 4 => relu 6 => tanh 5 => softmax 3;
    /// The same with a hidden layer of another width.
    struct NarrowSequential = 4 => relu 6 => tanh 4 => softmax 3;
    /// The same without its middle layer.
    struct ShortSequential = 4 => relu 6 => softmax 3;
}

/// A network whose parameters include values that a lossy format would change.
fn awkward() -> TorchNet {
    let mut net = TorchNet::initialized(init::Init::StandardNormal, &mut init::rng(5));
    net.layer1.weights[0][0] = -0.0;
    net.layer1.weights[1][2] = f32::MIN_POSITIVE / 8.0; // subnormal
    net.layer1.bias[4] = f32::MAX;
    net.layer2.weights[4][2] = 1.0 + f32::EPSILON;
    net
}

fn bits<N: Network<Scalar = f32>>(net: &N) -> Vec<u32> {
    (0..N::TENSORS.len())
        .flat_map(|t| {
            net.tensor(t)
                .iter()
                .map(|v| v.to_bits())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn encode<N: Network>(net: &N) -> Vec<u8> {
    let mut buffer = vec![0; bytes::encoded_len::<N>()];
    bytes::encode(net, &mut buffer).unwrap();
    buffer
}

#[test]
fn bytes_round_trip_bit_for_bit() {
    let net = awkward();
    let mut copy = TorchNet::ones();
    bytes::decode(&mut copy, &encode(&net)).unwrap();
    assert_eq!(bits(&copy), bits(&net));

    let net64 = TorchNet64::initialized(init::Init::StandardNormal, &mut init::rng(6));
    let mut copy64 = TorchNet64::zeros();
    bytes::decode(&mut copy64, &encode(&net64)).unwrap();
    assert_eq!(copy64, net64);
}

#[test]
fn safetensors_round_trip_bit_for_bit() {
    let net = awkward();
    let mut copy = TorchNet::ones();
    st::from_bytes(&mut copy, &st::to_bytes(&net).unwrap()).unwrap();
    assert_eq!(bits(&copy), bits(&net));

    let path = std::env::temp_dir().join(format!("nn-weights-{}.safetensors", std::process::id()));
    st::save(&net, &path).unwrap();
    let mut from_file = TorchNet::zeros();
    st::load(&mut from_file, &path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(bits(&from_file), bits(&net));
}

/// Weights written by Python's `safetensors` for two `torch.nn.Linear` layers give numpy's outputs.
#[test]
fn pytorch_shaped_file_gives_numpys_outputs() {
    let mut net = TorchNet::zeros();
    st::from_bytes(
        &mut net,
        include_bytes!("reference/torch_linear.safetensors"),
    )
    .unwrap();
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("reference/torch_linear.json")).unwrap();
    let rows = |key: &str| -> Vec<Vec<f32>> {
        reference[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                row.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| f32::from_f64(v.as_f64().unwrap()))
                    .collect()
            })
            .collect()
    };
    for (input, expected) in rows("inputs").iter().zip(rows("outputs")) {
        let y = net.forward(&[input[0], input[1], input[2], input[3]]);
        for (y, e) in y.iter().zip(&expected) {
            assert!(
                (y - e).abs() <= 1e-6 * e.abs().max(1.0),
                "{y} vs numpy's {e}"
            );
        }
    }
    // PyTorch's [out][in] became our [in][out]: layer1.weight is 5x4 in the file.
    assert_eq!(net.layer1.weights.len(), 4);
}

/// The same weights in `nn`'s byte format (made by `examples/convert_weights.rs`), read at
/// compile time.
static INCLUDED: TorchNet = nn::include_weights!(TorchNet, "reference/torch_linear.nnw");

#[test]
fn weights_included_at_compile_time_match_the_safetensors_file() {
    let mut from_safetensors = TorchNet::zeros();
    st::from_bytes(
        &mut from_safetensors,
        include_bytes!("reference/torch_linear.safetensors"),
    )
    .unwrap();
    assert_eq!(bits(&INCLUDED), bits(&from_safetensors));
    // `from_weights` is the same reader at run time.
    let at_run_time = TorchNet::from_weights(include_bytes!("reference/torch_linear.nnw")).unwrap();
    assert_eq!(bits(&at_run_time), bits(&INCLUDED));
    assert_eq!(
        TorchNet::from_weights(&encode(&Wider::zeros())),
        Err(BytesError::WrongShape {
            tensor: "layer1.weight",
            expected: (4, 5),
            found: (4, 6),
        })
    );
}

/// Every bad input is a typed error and leaves the network as it was.
#[track_caller]
fn rejects_bytes(input: &[u8], expected: BytesError) {
    let mut net = awkward();
    assert_eq!(bytes::decode(&mut net, input), Err(expected));
    assert_eq!(
        bits(&net),
        bits(&awkward()),
        "the network must be untouched"
    );
}

#[test]
fn bad_bytes_are_typed_errors() {
    let good = encode(&awkward());
    let len = good.len();
    rejects_bytes(&[], BytesError::NotWeights);
    rejects_bytes(b"PK\x03\x04 not weights at all", BytesError::NotWeights);
    rejects_bytes(
        &good[..len - 1],
        BytesError::WrongLength {
            expected: len,
            found: len - 1,
        },
    );
    rejects_bytes(
        &good[..6],
        BytesError::WrongLength {
            expected: len,
            found: 6,
        },
    );
    rejects_bytes(
        &[&good[..], &[0]].concat(),
        BytesError::WrongLength {
            expected: len,
            found: len + 1,
        },
    );
    rejects_bytes(
        &encode(&TorchNet64::zeros()),
        BytesError::WrongScalar {
            expected: "f32",
            found: *b"f64\0",
        },
    );
    rejects_bytes(
        &encode(&Wider::zeros()),
        BytesError::WrongShape {
            tensor: "layer1.weight",
            expected: (4, 5),
            found: (4, 6),
        },
    );
    rejects_bytes(
        &encode(&Deeper::zeros()),
        BytesError::WrongTensorCount {
            expected: 4,
            found: 6,
        },
    );

    let mut huge = good.clone();
    huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    rejects_bytes(
        &huge,
        BytesError::WrongTensorCount {
            expected: 4,
            found: u32::MAX as usize,
        },
    );

    let mut nan = good.clone();
    let last = len - 4; // the last value: layer2.bias[2]
    nan[last..].copy_from_slice(&f32::NAN.to_le_bytes());
    rejects_bytes(
        &nan,
        BytesError::NonFinite {
            tensor: "layer2.bias",
            index: 2,
        },
    );

    let message = BytesError::WrongShape {
        tensor: "layer1.weight",
        expected: (4, 5),
        found: (4, 6),
    };
    assert_eq!(
        message.to_string(),
        "`layer1.weight` is 4x6 in the weights but 4x5 in the network"
    );
    let mut small = [0_u8; 10];
    assert_eq!(
        bytes::encode(&awkward(), &mut small),
        Err(BytesError::BufferTooSmall {
            needed: len,
            available: 10
        })
    );
}

#[track_caller]
fn rejects_safetensors(input: &[u8]) -> SafetensorsError {
    let mut net = awkward();
    let error = st::from_bytes(&mut net, input).unwrap_err();
    assert_eq!(
        bits(&net),
        bits(&awkward()),
        "the network must be untouched"
    );
    error
}

/// A safetensors file with the given header and data.
fn safetensors_file(header: &str, data: &[u8]) -> Vec<u8> {
    let mut file = (header.len() as u64).to_le_bytes().to_vec();
    file.extend_from_slice(header.as_bytes());
    file.extend_from_slice(data);
    file
}

#[test]
fn bad_safetensors_are_typed_errors() {
    let good = st::to_bytes(&awkward()).unwrap();
    assert!(matches!(
        rejects_safetensors(&[]),
        SafetensorsError::Format(_)
    ));
    assert!(matches!(
        rejects_safetensors(&good[..good.len() - 3]),
        SafetensorsError::Format(_)
    ));
    assert!(matches!(
        rejects_safetensors(&good[..5]),
        SafetensorsError::Format(_)
    ));
    assert!(matches!(
        rejects_safetensors(&safetensors_file("not json", &[])),
        SafetensorsError::Format(_)
    ));

    // A header that claims to be larger than anything sane, in a 16-byte file: rejected before
    // any allocation of that size.
    let mut huge = (1_u64 << 60).to_le_bytes().to_vec();
    huge.extend_from_slice(b"{}      ");
    let error = rejects_safetensors(&huge);
    assert!(
        error
            .to_string()
            .starts_with("not a valid safetensors file"),
        "{error}"
    );

    let error = rejects_safetensors(&st::to_bytes(&TorchNet64::zeros()).unwrap());
    assert!(
        matches!(
            error,
            SafetensorsError::WrongDtype {
                tensor: "layer1.weight",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "`layer1.weight` is F64 in the file, the network needs F32"
    );

    let error = rejects_safetensors(&st::to_bytes(&Wider::zeros()).unwrap());
    assert_eq!(
        error.to_string(),
        "`layer1.weight` has shape [6, 4] in the file, the network needs [5, 4]"
    );

    let error = rejects_safetensors(&st::to_bytes(&Deeper::zeros()).unwrap());
    assert!(
        matches!(error, SafetensorsError::UnexpectedTensor { .. }),
        "{error:?}"
    );

    let one_tensor = r#"{"layer1.weight":{"dtype":"F32","shape":[5,4],"data_offsets":[0,80]}}"#;
    let error = rejects_safetensors(&safetensors_file(one_tensor, &[0; 80]));
    assert_eq!(error.to_string(), "the file has no tensor `layer1.bias`");

    let mut nan = awkward();
    nan.layer2.weights[1][0] = f32::INFINITY;
    let error = rejects_safetensors(&st::to_bytes(&nan).unwrap());
    // Our [1][0] is PyTorch's [0][1]: value 1 of layer2.weight in the file's layout.
    assert!(
        matches!(
            error,
            SafetensorsError::NonFinite {
                tensor: "layer2.weight",
                index: 1,
                ..
            }
        ),
        "{error:?}"
    );

    let missing = st::load(&mut TorchNet::zeros(), "/nonexistent/weights.safetensors").unwrap_err();
    assert!(
        matches!(missing, SafetensorsError::Read { .. }),
        "{missing:?}"
    );
    assert_eq!(
        missing.to_string(),
        "cannot read /nonexistent/weights.safetensors: No such file or directory (os error 2)"
    );
    let unwritable = st::save(&TorchNet::zeros(), "/nonexistent/weights.safetensors").unwrap_err();
    assert_eq!(
        unwritable.to_string(),
        "cannot write /nonexistent/weights.safetensors: No such file or directory (os error 2)"
    );
}

/// Each error's text, which `include_weights!` shows at compile time and `Display` at run time.
#[test]
fn every_bytes_error_says_what_differs() {
    for (error, text) in [
        (
            BytesError::BufferTooSmall {
                needed: 84,
                available: 0,
            },
            "the buffer holds 0 bytes, the weights need 84",
        ),
        (
            BytesError::NotWeights,
            "not an nn weights file: it does not start with `NNW1`",
        ),
        (
            BytesError::WrongScalar {
                expected: "f32",
                found: *b"f64\0",
            },
            "the weights are `f64`, the network computes in `f32`",
        ),
        (
            BytesError::WrongScalar {
                expected: "f64",
                found: *b"f32\0",
            },
            "the weights are `f32`, the network computes in `f64`",
        ),
        (
            BytesError::WrongScalar {
                expected: "f64",
                found: [0xff, 0xfe, 0, 0],
            },
            "the weights are `?`, the network computes in `f64`",
        ),
        (
            BytesError::WrongTensorCount {
                expected: 4,
                found: 6,
            },
            "the weights hold 6 tensors, the network has 4: another architecture",
        ),
        (
            BytesError::WrongShape {
                tensor: "layer2.bias",
                expected: (1, 10),
                found: (1, 12),
            },
            "`layer2.bias` is 1x12 in the weights but 1x10 in the network",
        ),
        (
            BytesError::WrongLength {
                expected: 100,
                found: 4_294_967_295,
            },
            "the weights are 4294967295 bytes long, their header says 100: truncated or padded",
        ),
        (
            BytesError::NonFinite {
                tensor: "layer1.weight",
                index: 7,
            },
            "`layer1.weight` value 7 is NaN or infinite",
        ),
    ] {
        assert_eq!(error.message().as_str(), text);
        assert_eq!(error.to_string(), text);
    }
}

/// A text longer than the message's capacity is cut at a character boundary.
#[test]
fn long_error_messages_are_cut_whole() {
    let name: &'static str = Box::leak("é".repeat(200).into_boxed_str());
    let error = BytesError::NonFinite {
        tensor: name,
        index: 0,
    };
    let message = error.message();
    assert_eq!(message.as_str().len(), bytes::Message::CAPACITY - 1);
    assert!(message.as_str().starts_with("`éé"));
    assert!(message.as_str().ends_with('é'));
}

/// A multi-layer perceptron saved by PyTorch from an `nn.Sequential` (`0.weight`, `2.weight`, …,
/// and under the prefix `net.`) loads, and gives PyTorch's outputs and classes.
#[test]
fn a_pytorch_sequential_loads_and_predicts_as_pytorch_does() {
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("reference/torch_sequential.json")).unwrap();
    let keys: Vec<&str> = reference["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key.as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"
        ]
    );
    let plain = include_bytes!("reference/torch_sequential.safetensors");
    let prefixed = include_bytes!("reference/torch_sequential_prefixed.safetensors");
    for file in [&plain[..], &prefixed[..]] {
        let mut net = TorchSequential::zeros();
        st::from_bytes(&mut net, file).unwrap();
        let inputs = reference["inputs"].as_array().unwrap();
        let outputs = reference["outputs"].as_array().unwrap();
        for (input, expected) in inputs.iter().zip(outputs) {
            let x: Vec<f32> = input
                .as_array()
                .unwrap()
                .iter()
                .map(|v| f32::from_f64(v.as_f64().unwrap()))
                .collect();
            let expected: Vec<f64> = expected
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let y = net.forward(&[x[0], x[1], x[2], x[3]]);
            for (y, e) in y.iter().zip(&expected) {
                assert!((f64::from(*y) - e).abs() <= 1e-6, "{y} vs PyTorch's {e}");
            }
            let class = |values: &[f64]| {
                (0..values.len())
                    .max_by(|&a, &b| values[a].total_cmp(&values[b]))
                    .unwrap()
            };
            let ours: Vec<f64> = y.iter().map(|&v| f64::from(v)).collect();
            assert_eq!(class(&ours), class(&expected));
        }
    }
}

#[test]
fn a_sequential_of_another_architecture_says_which_names_were_expected() {
    let file = include_bytes!("reference/torch_sequential.safetensors");
    let error = st::from_bytes(&mut NarrowSequential::zeros(), file).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`2.weight` (the network's `layer2.weight`) has shape [5, 6] in the file, the network \
         needs [4, 6]"
    );
    let error = st::from_bytes(&mut ShortSequential::zeros(), file).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the file is an nn.Sequential with 3 nn.Linear modules (0, 2, 4), the network has 2 \
         layers: another architecture"
    );
    // A file with names of neither kind lists the network's.
    let other = r#"{"fc.weight":{"dtype":"F32","shape":[5,4],"data_offsets":[0,80]}}"#;
    let error = rejects_safetensors(&safetensors_file(other, &[0; 80]));
    assert_eq!(
        error.to_string(),
        "the file has a tensor `fc.weight` that the network lacks: another architecture; the \
         network reads `layer1.weight`, `layer1.bias`, `layer2.weight`, `layer2.bias`, or an \
         nn.Sequential's `0.weight`, `0.bias`, … for as many nn.Linear"
    );
    // A Sequential's Linear without a bias.
    let no_bias = r#"{"0.weight":{"dtype":"F32","shape":[5,4],"data_offsets":[0,80]},"2.weight":{"dtype":"F32","shape":[3,5],"data_offsets":[80,140]},"2.bias":{"dtype":"F32","shape":[3],"data_offsets":[140,152]}}"#;
    let error = rejects_safetensors(&safetensors_file(no_bias, &[0; 152]));
    assert_eq!(error.to_string(), "the file has no tensor `0.bias`");
}
