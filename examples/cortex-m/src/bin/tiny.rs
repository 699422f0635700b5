//! The four MLPerf Tiny reference models (`examples/tiny/models.rs`), folded for inference, their
//! weights in flash: each runs on an input in its arena on the stack, and its output is checked
//! against the host's (`cargo run --release --example tiny -- target/tiny` writes both). Measured:
//! the arena's size, which the model declares at compile time (`INFERENCE_BYTES`), beside the
//! stack the call really used, and the instructions of one inference. The four run in int8 too,
//! quantised on the host, their int8 outputs equal to the host's. QEMU exits with status 0 only if every output agreed.
#![no_std]
#![no_main]

#[path = "../../../tiny/models.rs"]
mod models;

use core::hint::black_box;

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use models::{
    AnomalyDetectionFolded, AnomalyDetectionFoldedArena, AnomalyDetectionFoldedQuantized,
    ImageClassificationFolded, ImageClassificationFoldedArena, ImageClassificationFoldedQuantized,
    KeywordSpottingFolded, KeywordSpottingFoldedArena, KeywordSpottingFoldedQuantized,
    VisualWakeWordsFolded, VisualWakeWordsFoldedArena, VisualWakeWordsFoldedQuantized,
};
use nn_firmware::{exit, measure};
use panic_semihosting as _;

static ANOMALY_DETECTION: AnomalyDetectionFolded = nn::include_weights!(
    AnomalyDetectionFolded,
    "../../../../target/tiny/anomaly_detection.nnw"
);
static KEYWORD_SPOTTING: KeywordSpottingFolded = nn::include_weights!(
    KeywordSpottingFolded,
    "../../../../target/tiny/keyword_spotting.nnw"
);
static VISUAL_WAKE_WORDS: VisualWakeWordsFolded = nn::include_weights!(
    VisualWakeWordsFolded,
    "../../../../target/tiny/visual_wake_words.nnw"
);
static IMAGE_CLASSIFICATION: ImageClassificationFolded = nn::include_weights!(
    ImageClassificationFolded,
    "../../../../target/tiny/image_classification.nnw"
);

static ANOMALY_DETECTION_INT8: AnomalyDetectionFoldedQuantized = nn::include_weights!(
    AnomalyDetectionFoldedQuantized,
    "../../../../target/tiny/anomaly_detection_int8.nnq"
);
static KEYWORD_SPOTTING_INT8: KeywordSpottingFoldedQuantized = nn::include_weights!(
    KeywordSpottingFoldedQuantized,
    "../../../../target/tiny/keyword_spotting_int8.nnq"
);
static VISUAL_WAKE_WORDS_INT8: VisualWakeWordsFoldedQuantized = nn::include_weights!(
    VisualWakeWordsFoldedQuantized,
    "../../../../target/tiny/visual_wake_words_int8.nnq"
);
static IMAGE_CLASSIFICATION_INT8: ImageClassificationFoldedQuantized = nn::include_weights!(
    ImageClassificationFoldedQuantized,
    "../../../../target/tiny/image_classification_int8.nnq"
);

/// How far below the caller the stack is painted: more than the largest arena.
const PAINT: usize = 512 * 1024;

/// `N` little-endian `f32`s: an input or an output the host wrote.
fn values<const N: usize>(bytes: &[u8]) -> [f32; N] {
    let mut values = [0.0; N];
    for (value, chunk) in values.iter_mut().zip(bytes.chunks_exact(4)) {
        *value = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    values
}

/// The largest difference between `ours` and the host's `expected`, relative to the largest
/// value of `expected` (or 1).
fn difference(ours: &[f32], expected: &[f32]) -> f32 {
    let scale = expected.iter().fold(1.0_f32, |m, v| m.max(v.abs()));
    let worst = ours
        .iter()
        .zip(expected)
        .fold(0.0_f32, |m, (a, b)| m.max((a - b).abs()));
    worst / scale
}

/// Runs one model: checks its output against the host's, and prints its arena, the stack it
/// used, and its instructions. Whether the output agreed, and the instructions.
macro_rules! run {
    ($counter:expr, $name:literal, $net:expr, $network:ty, $arena:ty) => {{
        let input = values(include_bytes!(concat!(
            "../../../../target/tiny/",
            $name,
            ".input"
        )));
        let expected = values::<{ <$network>::OUTPUTS }>(include_bytes!(concat!(
            "../../../../target/tiny/",
            $name,
            ".output"
        )));
        /// Inference with its arena on the stack, in a frame of its own: below the
        /// measurement's.
        #[inline(never)]
        fn infer(input: &<$network as nn::Network>::Input) -> <$network as nn::Network>::Output {
            let mut arena = <$arena>::new();
            $net.forward_in(input, &mut arena)
        }
        let (output, stack) = measure::stack_used_within(PAINT, || infer(black_box(&input)));
        let mut arena = <$arena>::new();
        let instructions =
            $counter.instructions(1, || $net.forward_in(black_box(&input), &mut arena));
        let difference = difference(&output, &expected);
        hprintln!(
            "tiny {}: arena {} bytes (INFERENCE_BYTES), stack used {} bytes, {:.0} instructions, \
             weights {} bytes, output within {:e} of the host's",
            $name,
            <$arena>::BYTES,
            stack,
            instructions,
            core::mem::size_of_val(&$net),
            difference
        );
        (difference < 1e-4, instructions)
    }};
}

/// Runs one model in int8 on the same input, quantised: checks its int8 output against the
/// host's, and prints the stack it used and its instructions beside `f32` ones. Whether the
/// output was the host's.
macro_rules! run_int8 {
    ($counter:expr, $name:literal, $net:expr, $f32_instructions:expr) => {{
        let input = values(include_bytes!(concat!(
            "../../../../target/tiny/",
            $name,
            ".input"
        )));
        let expected: &[u8] =
            include_bytes!(concat!("../../../../target/tiny/", $name, ".int8_output"));
        let x = $net.quantize_input(&input);
        let (output, stack) = measure::stack_used_within(PAINT, || $net.forward(black_box(&x)));
        let instructions = $counter.instructions(1, || $net.forward(black_box(&x)));
        let same = output.map(i8::cast_unsigned) == *expected;
        hprintln!(
            "tiny {} in int8: stack used {} bytes, {:.0} instructions (f32 / int8 {:.2}), \
             weights {} bytes, output the host's: {}",
            $name,
            stack,
            instructions,
            $f32_instructions / instructions,
            core::mem::size_of_val(&$net),
            same
        );
        same
    }};
}

#[entry]
fn main() -> ! {
    let Some(peripherals) = cortex_m::Peripherals::take() else {
        hprintln!("the core peripherals were already taken");
        exit(false);
    };
    let mut counter = measure::Counter::new(peripherals.SYST);
    let results = [
        run!(
            counter,
            "anomaly_detection",
            ANOMALY_DETECTION,
            AnomalyDetectionFolded,
            AnomalyDetectionFoldedArena
        ),
        run!(
            counter,
            "keyword_spotting",
            KEYWORD_SPOTTING,
            KeywordSpottingFolded,
            KeywordSpottingFoldedArena
        ),
        run!(
            counter,
            "visual_wake_words",
            VISUAL_WAKE_WORDS,
            VisualWakeWordsFolded,
            VisualWakeWordsFoldedArena
        ),
        run!(
            counter,
            "image_classification",
            IMAGE_CLASSIFICATION,
            ImageClassificationFolded,
            ImageClassificationFoldedArena
        ),
    ];
    hprintln!(
        "tiny: {} parameters in flash",
        AnomalyDetectionFolded::PARAMETERS
            + KeywordSpottingFolded::PARAMETERS
            + VisualWakeWordsFolded::PARAMETERS
            + ImageClassificationFolded::PARAMETERS
    );
    let int8 = [
        run_int8!(
            counter,
            "anomaly_detection",
            ANOMALY_DETECTION_INT8,
            results[0].1
        ),
        run_int8!(
            counter,
            "keyword_spotting",
            KEYWORD_SPOTTING_INT8,
            results[1].1
        ),
        run_int8!(
            counter,
            "visual_wake_words",
            VISUAL_WAKE_WORDS_INT8,
            results[2].1
        ),
        run_int8!(
            counter,
            "image_classification",
            IMAGE_CLASSIFICATION_INT8,
            results[3].1
        ),
    ];
    exit(results.iter().all(|&(agreed, _)| agreed) && int8.iter().all(|&same| same));
}
