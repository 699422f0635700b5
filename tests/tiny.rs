//! The `MLPerf` Tiny reference models of `examples/tiny`: their parameters and multiply-adds are
//! those of the benchmark's Keras models (`examples/tiny/reference.py` counts them with Keras
//! into `reference.json`), each one's folded form infers what it does, and both compute in their
//! arenas (`forward_in`) what `forward` does.

#[path = "../examples/tiny/models.rs"]
mod models;

use models::{
    AnomalyDetection, AnomalyDetectionFolded, ImageClassification, ImageClassificationFolded,
    KeywordSpotting, KeywordSpottingFolded, VisualWakeWords, VisualWakeWordsFolded,
};
use nn::init::{Init, rng, standard_normal, uniform};
use nn::{Network, Scalar, TensorKind};
use serde_json::Value;

/// Keras's counts for model `name`: its parameters (every value, as `count_params` counts them)
/// and its convolutions' and dense layers' multiply-adds.
fn reference(name: &str) -> (usize, usize) {
    let all: Value = serde_json::from_str(include_str!("../examples/tiny/reference.json"))
        .expect("the reference file is valid JSON");
    let count = |key: &str| {
        let value = all[name][key].as_u64().expect("a count");
        usize::try_from(value).expect("it fits")
    };
    (count("parameters"), count("multiply_adds"))
}

/// The declared model's parameters are Keras's, its folded form's multiply-adds too (Keras's
/// count leaves the batch normalisations out, as folding does).
fn check_counts<N: Network, F: Network>(name: &str) {
    let (parameters, multiply_adds) = reference(name);
    assert_eq!(N::PARAMETERS, parameters, "{name}: parameters");
    assert_eq!(N::summary().parameters(), parameters, "{name}: summary");
    assert_eq!(
        F::summary().multiply_adds(),
        multiply_adds,
        "{name}: multiply-adds"
    );
}

#[test]
fn the_four_models_count_as_the_benchmarks() {
    check_counts::<AnomalyDetection, AnomalyDetectionFolded>("anomaly_detection");
    check_counts::<KeywordSpotting, KeywordSpottingFolded>("keyword_spotting");
    check_counts::<VisualWakeWords, VisualWakeWordsFolded>("visual_wake_words");
    check_counts::<ImageClassification, ImageClassificationFolded>("image_classification");
}

/// Random weights, and batch normalisations whose scale, shift and running averages are not
/// their initial ones, as after training.
fn randomize<N: Network>(net: &mut N, seed: u64) {
    let mut random = rng(seed);
    Init::He.apply(net, &mut random);
    for (index, tensor) in N::TENSORS.iter().enumerate() {
        let (centre, spread) = match tensor.kind {
            TensorKind::Scale | TensorKind::RunningVar => (1.0, 0.4),
            TensorKind::Bias | TensorKind::RunningMean => (0.0, 0.3),
            TensorKind::Weight => continue,
        };
        for value in net.tensor_mut(index) {
            *value = N::Scalar::from_f64(centre + spread * (2.0 * uniform(&mut random) - 1.0));
        }
    }
}

/// The folded form infers what the declared model does, on a few random inputs, within f32's
/// rounding of the reordered sums; each in its arena (`in_arena`, `folded_in_arena`) what its
/// `forward` does, bit for bit.
fn check_folding<N, F>(
    seed: u64,
    fold: impl Fn(&N, &mut F),
    in_arena: impl Fn(&N, &N::Input) -> N::Output,
    folded_in_arena: impl Fn(&F, &F::Input) -> F::Output,
) where
    N: Network<Scalar = f32>,
    F: Network<Scalar = f32, Input = N::Input, Output = N::Output>,
    N::Input: TryFrom<Vec<f32>>,
{
    let mut net = N::zeros_boxed();
    randomize(&mut *net, seed);
    let mut folded = F::zeros_boxed();
    fold(&net, &mut folded);
    let mut random = rng(seed + 1);
    for _ in 0..3 {
        let x: Vec<f32> = (0..N::INPUTS)
            .map(|_| f32::from_f64(standard_normal(&mut random)))
            .collect();
        let Ok(x) = N::Input::try_from(x) else {
            panic!("the input's width");
        };
        let (declared, by_folded) = (net.forward(&x), folded.forward(&x));
        assert!(
            in_arena(&net, &x).as_ref() == declared.as_ref(),
            "in the arena"
        );
        let in_its_arena = folded_in_arena(&folded, &x);
        assert!(
            in_its_arena.as_ref() == by_folded.as_ref(),
            "folded, in the arena"
        );
        let scale = declared
            .as_ref()
            .iter()
            .fold(1.0_f32, |m, v| m.max(v.abs()));
        for (i, (a, b)) in declared.as_ref().iter().zip(by_folded.as_ref()).enumerate() {
            assert!(
                (a - b).abs() <= 1e-4 * scale,
                "output {i}: {a} declared, {b} folded"
            );
        }
    }
}

#[test]
fn the_folded_models_infer_as_the_declared_ones_in_their_arenas_too() {
    // The models' activations take more than a test thread's stack.
    macro_rules! check {
        ($seed:literal, $declared:ident, $folded:ident) => {
            check_folding::<$declared, $folded>(
                $seed,
                $declared::fold_into,
                |net, x| net.forward_in(x, &mut nn::boxed::zeroed()),
                |net, x| net.forward_in(x, &mut nn::boxed::zeroed()),
            )
        };
    }
    let run = || {
        check!(1, AnomalyDetection, AnomalyDetectionFolded);
        check!(2, KeywordSpotting, KeywordSpottingFolded);
        check!(3, VisualWakeWords, VisualWakeWordsFolded);
        check!(4, ImageClassification, ImageClassificationFolded);
    };
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(run)
        .expect("a thread")
        .join()
        .expect("the checks pass");
}
