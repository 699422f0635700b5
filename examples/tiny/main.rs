//! The four `MLPerf` Tiny reference models declared with `network!` (`models.rs`): each one's
//! parameters and multiply-adds, as the benchmark counts them (`tests/tiny.rs` checks them
//! against its Keras models), and the memory its folded form takes in inference, known at
//! compile time: its weights, and its activations in the arena of `forward_in`, beside what
//! keeping every layer's output would take.
//!
//! ```text
//! cargo run --release --example tiny [DIRECTORY]
//! ```
//!
//! With a directory, it also writes there, for each folded model, weights (random, seeded: the
//! benchmark's data sets are not reachable from here), an input, and the output `forward_in`
//! computes for it: `examples/cortex-m`'s `tiny` firmware runs the four models on those and
//! checks its outputs against these.

mod models;

use models::{
    AnomalyDetection, AnomalyDetectionFolded, ImageClassification, ImageClassificationFolded,
    KeywordSpotting, KeywordSpottingFolded, VisualWakeWords, VisualWakeWordsFolded,
};
use std::path::Path;

use nn::init::{Init, rng, standard_normal};
use nn::{Network, Scalar};

/// One model's row: its declared network's parameters, its folded form's multiply-adds, weight
/// bytes and activation bytes, in the arena and all together.
fn row<N: Network, F: Network>(name: &str, weight_bytes: usize, inference_bytes: usize) {
    let (declared, folded) = (N::summary(), F::summary());
    let every_output: usize = folded.layers.iter().map(|layer| layer.outputs).sum();
    println!(
        "| {name} | {} | {} | {weight_bytes} | {inference_bytes} | {} |",
        declared.parameters(),
        folded.multiply_adds(),
        every_output * size_of::<f32>(),
    );
}

/// Writes `NAME.nnw`, `NAME.input` and `NAME.output` (little-endian `f32`s) into `directory`:
/// the model with random weights, a random input and the model's output for it.
fn write<F: Network<Scalar = f32>>(
    directory: &Path,
    name: &str,
    seed: u64,
    forward: impl Fn(&F, &F::Input) -> F::Output,
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
    let input: Vec<f32> = (0..F::INPUTS)
        .map(|_| f32::from_f64(standard_normal(&mut random)))
        .collect();
    let bytes = |values: &[f32]| {
        values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<_>>()
    };
    std::fs::write(directory.join(format!("{name}.input")), bytes(&input))?;
    let Ok(input) = F::Input::try_from(input) else {
        return Err(std::io::Error::other("the input's width"));
    };
    let output = forward(&net, &input);
    std::fs::write(
        directory.join(format!("{name}.output")),
        bytes(output.as_ref()),
    )?;
    std::fs::write(directory.join(format!("{name}.nnw")), weights)
}

/// The four folded models' files, for the firmware.
fn write_all(directory: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(directory)?;
    write::<AnomalyDetectionFolded>(directory, "anomaly_detection", 1, |net, x| {
        net.forward_in(x, &mut nn::boxed::zeroed())
    })?;
    write::<KeywordSpottingFolded>(directory, "keyword_spotting", 2, |net, x| {
        net.forward_in(x, &mut nn::boxed::zeroed())
    })?;
    write::<VisualWakeWordsFolded>(directory, "visual_wake_words", 3, |net, x| {
        net.forward_in(x, &mut nn::boxed::zeroed())
    })?;
    write::<ImageClassificationFolded>(directory, "image_classification", 4, |net, x| {
        net.forward_in(x, &mut nn::boxed::zeroed())
    })
}

fn main() {
    println!(
        "| model | parameters | multiply-adds | weights (bytes) | activations in the arena (bytes) \
         | every layer's output (bytes) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    row::<AnomalyDetection, AnomalyDetectionFolded>(
        "anomaly detection (autoencoder)",
        AnomalyDetectionFolded::PARAMETER_BYTES,
        AnomalyDetectionFolded::INFERENCE_BYTES,
    );
    row::<KeywordSpotting, KeywordSpottingFolded>(
        "keyword spotting (DS-CNN)",
        KeywordSpottingFolded::PARAMETER_BYTES,
        KeywordSpottingFolded::INFERENCE_BYTES,
    );
    row::<VisualWakeWords, VisualWakeWordsFolded>(
        "visual wake words (MobileNetV1 0.25)",
        VisualWakeWordsFolded::PARAMETER_BYTES,
        VisualWakeWordsFolded::INFERENCE_BYTES,
    );
    row::<ImageClassification, ImageClassificationFolded>(
        "image classification (ResNet-8)",
        ImageClassificationFolded::PARAMETER_BYTES,
        ImageClassificationFolded::INFERENCE_BYTES,
    );
    if let Some(directory) = std::env::args_os().nth(1)
        && let Err(error) = write_all(Path::new(&directory))
    {
        eprintln!("tiny: could not write the models' files: {error}");
        std::process::exit(1);
    }
}
