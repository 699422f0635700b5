//! The four `MLPerf` Tiny reference models declared with `network!` (`models.rs`): each one's
//! parameters and multiply-adds, as the benchmark counts them (`tests/tiny.rs` checks them
//! against its Keras models), and the memory its folded form takes in inference, known at
//! compile time: its weights, and its activations in the arena of `forward_in`, beside what
//! keeping every layer's output would take; then the memory of training the declared model, on
//! one sample (the arena of `backward_in`) and on a block of 32 (its workspace).
//!
//! ```text
//! cargo run --release --example tiny [DIRECTORY]
//! ```
//!
//! With a directory, it also writes there, for each folded model, weights (random, seeded: the
//! benchmark's data sets are not reachable from here), an input, and the output `forward_in`
//! computes for it: `examples/cortex-m`'s `tiny` firmware runs the four models on those and
//! checks its outputs against these. It also writes each folded model in int8 (quantised on eight random inputs, the test input the first)
//! and its int8 output for the input, which the firmware must reproduce exactly.

mod models;

use models::{
    AnomalyDetection, AnomalyDetectionFolded, AnomalyDetectionFoldedQuantized,
    AnomalyDetectionWorkspace, ImageClassification, ImageClassificationFolded,
    ImageClassificationFoldedQuantized, ImageClassificationWorkspace, KeywordSpotting,
    KeywordSpottingFolded, KeywordSpottingFoldedQuantized, KeywordSpottingWorkspace,
    VisualWakeWords, VisualWakeWordsFolded, VisualWakeWordsFoldedQuantized,
    VisualWakeWordsWorkspace,
};
use std::path::Path;

use nn::init::{Init, rng, standard_normal};
use nn::{Network, Scalar};

/// The bytes a model takes, each known at compile time: its folded form's weights and inference
/// arena, the declared network's training arena (one sample) and workspace (a block of 32).
struct Bytes {
    weights: usize,
    inference: usize,
    training: usize,
    workspace: usize,
}

/// One model's row: its declared network's parameters, its folded form's multiply-adds, weight
/// bytes and activation bytes, in the arena and all together, and the bytes of training.
fn row<N: Network, F: Network>(name: &str, bytes: &Bytes) {
    let (declared, folded) = (N::summary(), F::summary());
    let every_output: usize = folded.layers.iter().map(|layer| layer.outputs).sum();
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} |",
        declared.parameters(),
        folded.multiply_adds(),
        bytes.weights,
        bytes.inference,
        every_output * size_of::<f32>(),
        bytes.training,
        bytes.workspace,
    );
}

/// A folded model in int8, quantised on `calibration`: its file in `nn`'s int8 format and its
/// int8 output for an input; `None` if it could not be quantised.
type Int8<F> =
    fn(&F, &[<F as Network>::Input], &<F as Network>::Input) -> Option<(Vec<u8>, Vec<u8>)>;

/// Writes `NAME.nnw`, `NAME.input` and `NAME.output` (little-endian `f32`s) into `directory`:
/// the model with random weights, a random input and the model's output for it; and with
/// `NAME_int8.nnq` and `NAME.int8_output`, the model in int8 and its int8 output.
fn write<F: Network<Scalar = f32>>(
    directory: &Path,
    name: &str,
    seed: u64,
    forward: impl Fn(&F, &F::Input) -> F::Output,
    int8: Int8<F>,
) -> std::io::Result<()>
where
    F::Input: TryFrom<Vec<f32>>,
{
    let mut random = rng(seed);
    let net = F::initialized_boxed(Init::He, &mut random);
    let mut weights = vec![0; nn::bytes::encoded_len::<F>()];
    if let Err(error) = nn::bytes::encode(&*net, &mut weights) {
        return Err(std::io::Error::other(error.message().as_str().to_owned()));
    }
    let mut draw = || -> std::io::Result<(Vec<f32>, F::Input)> {
        let values: Vec<f32> = (0..F::INPUTS)
            .map(|_| f32::from_f64(standard_normal(&mut random)))
            .collect();
        let input = F::Input::try_from(values.clone())
            .map_err(|_| std::io::Error::other("the input's width"))?;
        Ok((values, input))
    };
    let (values, input) = draw()?;
    let bytes = |values: &[f32]| {
        values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<_>>()
    };
    std::fs::write(directory.join(format!("{name}.input")), bytes(&values))?;
    let output = forward(&net, &input);
    std::fs::write(
        directory.join(format!("{name}.output")),
        bytes(output.as_ref()),
    )?;
    std::fs::write(directory.join(format!("{name}.nnw")), weights)?;
    let mut calibration = vec![input];
    for _ in 1..8 {
        calibration.push(draw()?.1);
    }
    let Some((file, output)) = int8(&net, &calibration, &calibration[0]) else {
        return Err(std::io::Error::other(format!("{name} in int8")));
    };
    std::fs::write(directory.join(format!("{name}_int8.nnq")), file)?;
    std::fs::write(directory.join(format!("{name}.int8_output")), output)
}

/// [`Int8`] for a network `$quantized`, the int8 form of `$network`.
macro_rules! int8 {
    ($network:ty, $quantized:ty) => {
        |net: &$network,
         calibration: &[<$network as Network>::Input],
         x: &<$network as Network>::Input| {
            let int8 = net.quantize(calibration).ok()?;
            let mut file = vec![0; <$quantized>::ENCODED_LEN];
            int8.encode(&mut file).ok()?;
            let output = int8.forward(&int8.quantize_input(x));
            Some((file, output.map(i8::cast_unsigned).to_vec()))
        }
    };
}

/// The four folded models' files, for the firmware.
fn write_all(directory: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(directory)?;
    write::<AnomalyDetectionFolded>(
        directory,
        "anomaly_detection",
        1,
        |net, x| net.forward_in(x, &mut nn::boxed::zeroed()),
        int8!(AnomalyDetectionFolded, AnomalyDetectionFoldedQuantized),
    )?;
    write::<KeywordSpottingFolded>(
        directory,
        "keyword_spotting",
        2,
        |net, x| net.forward_in(x, &mut nn::boxed::zeroed()),
        int8!(KeywordSpottingFolded, KeywordSpottingFoldedQuantized),
    )?;
    write::<VisualWakeWordsFolded>(
        directory,
        "visual_wake_words",
        3,
        |net, x| net.forward_in(x, &mut nn::boxed::zeroed()),
        int8!(VisualWakeWordsFolded, VisualWakeWordsFoldedQuantized),
    )?;
    write::<ImageClassificationFolded>(
        directory,
        "image_classification",
        4,
        |net, x| net.forward_in(x, &mut nn::boxed::zeroed()),
        int8!(
            ImageClassificationFolded,
            ImageClassificationFoldedQuantized
        ),
    )
}

fn main() {
    println!(
        "| model | parameters | multiply-adds | weights (bytes) | activations in the arena (bytes) \
         | every layer's output (bytes) | training, one sample (bytes) | training, a block of 32 \
         (bytes) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    row::<AnomalyDetection, AnomalyDetectionFolded>(
        "anomaly detection (autoencoder)",
        &Bytes {
            weights: AnomalyDetectionFolded::PARAMETER_BYTES,
            inference: AnomalyDetectionFolded::INFERENCE_BYTES,
            training: AnomalyDetection::TRAINING_BYTES,
            workspace: AnomalyDetectionWorkspace::BYTES,
        },
    );
    row::<KeywordSpotting, KeywordSpottingFolded>(
        "keyword spotting (DS-CNN)",
        &Bytes {
            weights: KeywordSpottingFolded::PARAMETER_BYTES,
            inference: KeywordSpottingFolded::INFERENCE_BYTES,
            training: KeywordSpotting::TRAINING_BYTES,
            workspace: KeywordSpottingWorkspace::BYTES,
        },
    );
    row::<VisualWakeWords, VisualWakeWordsFolded>(
        "visual wake words (MobileNetV1 0.25)",
        &Bytes {
            weights: VisualWakeWordsFolded::PARAMETER_BYTES,
            inference: VisualWakeWordsFolded::INFERENCE_BYTES,
            training: VisualWakeWords::TRAINING_BYTES,
            workspace: VisualWakeWordsWorkspace::BYTES,
        },
    );
    row::<ImageClassification, ImageClassificationFolded>(
        "image classification (ResNet-8)",
        &Bytes {
            weights: ImageClassificationFolded::PARAMETER_BYTES,
            inference: ImageClassificationFolded::INFERENCE_BYTES,
            training: ImageClassification::TRAINING_BYTES,
            workspace: ImageClassificationWorkspace::BYTES,
        },
    );
    if let Some(directory) = std::env::args_os().nth(1)
        && let Err(error) = write_all(Path::new(&directory))
    {
        eprintln!("tiny: could not write the models' files: {error}");
        std::process::exit(1);
    }
}
