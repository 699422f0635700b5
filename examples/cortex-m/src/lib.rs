//! What the firmware binaries share: the networks, the weights and images baked into flash, and
//! the measurements.
//!
//! The weights and images come from the host: `cargo run --release --example digits` writes them
//! to `target/digits/` at the repository root, `--example digits_cnn` the convolutional network's
//! to `target/digits_cnn/`, and `scripts/embedded.sh` runs both first.
#![no_std]

pub mod measure;
pub mod plain;

use cortex_m_semihosting::{debug, hprintln};
use nn::metrics::argmax;

nn::network! {
    /// The digits classifier of `examples/digits.rs`; its weights are trained on the host.
    pub struct Digits = 64 => relu 32 => softmax 10;
    /// The seed's regression network, trained on the device.
    pub struct Regression = 2 => relu 10 => identity 1;
    /// A layer of 4,096 weights: trained on the device in blocks of 32 samples, whose buffers are
    /// a `static` (`BlockedWorkspace`).
    pub struct Blocked = 64 => relu 64 => softmax 10;
    /// The convolutional digits classifier of `examples/digits_cnn.rs`, trained on the host.
    pub struct DigitsCnn = [1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2)
        => relu conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10;
}

/// The host's trained weights, in flash; a file of another shape does not compile.
pub static DIGITS: Digits = nn::include_weights!(Digits, "../../../target/digits/digits.nnw");

/// The digits classifier in int8, quantised on the host, in flash: a quarter of the weights'
/// bytes.
pub static DIGITS_INT8: DigitsQuantized =
    nn::include_weights!(DigitsQuantized, "../../../target/digits/digits_int8.nnq");

/// The convolutional network's weights, trained on the host, in flash.
pub static DIGITS_CNN: DigitsCnn =
    nn::include_weights!(DigitsCnn, "../../../target/digits_cnn/digits_cnn.nnw");

/// The convolutional network in int8, quantised on the host, in flash.
pub static DIGITS_CNN_INT8: DigitsCnnQuantized = nn::include_weights!(
    DigitsCnnQuantized,
    "../../../target/digits_cnn/digits_cnn_int8.nnq"
);

/// Ten held-out images: 64 little-endian f32 pixels and a label byte each.
static IMAGES: &[u8] = include_bytes!("../../../target/digits/images.bin");
const IMAGE_BYTES: usize = 64 * 4 + 1;

/// The embedded images with their labels.
pub fn images() -> impl Iterator<Item = ([f32; 64], usize)> {
    IMAGES.chunks_exact(IMAGE_BYTES).map(|chunk| {
        let mut pixels = [0.0; 64];
        for (pixel, bytes) in pixels.iter_mut().zip(chunk.chunks_exact(4)) {
            *pixel = f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        (pixels, usize::from(chunk[64 * 4]))
    })
}

/// Ends the program: QEMU exits with status 0 on success, 1 otherwise.
pub fn exit(success: bool) -> ! {
    debug::exit(if success {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    // Only reached without a semihosting host, e.g. on a real board without a debugger.
    loop {
        cortex_m::asm::wfi();
    }
}

/// Classifies every embedded image and prints a line per image in the host's format
/// (`target/digits/predictions.txt`); returns how many were classified right.
pub fn classify() -> usize {
    classify_with("", 6, |pixels| DIGITS.forward(pixels))
}

/// [`classify`] with the int8 network, integers only but for quantising the pixels, in the
/// host's format (`target/digits/predictions_int8.txt`): the score is its int8 output.
pub fn classify_int8() -> usize {
    classify_int8_with("int8 ", |pixels| {
        DIGITS_INT8.forward(&DIGITS_INT8.quantize_input(pixels))
    })
}

/// [`classify_int8`] with the convolutional network in int8, in the host's format
/// (`target/digits_cnn/predictions_int8.txt`).
pub fn classify_cnn_int8() -> usize {
    classify_int8_with("cnn int8 ", |pixels| {
        DIGITS_CNN_INT8.forward(&DIGITS_CNN_INT8.quantize_input(pixels))
    })
}

/// Classifies the ten images with the int8 scores `forward` gives, printing a line per image
/// that starts with `prefix`; returns how many it got right.
fn classify_int8_with(prefix: &str, forward: impl Fn(&[f32; 64]) -> [i8; 10]) -> usize {
    let mut right = 0;
    for (index, (pixels, digit)) in images().enumerate() {
        let scores = forward(&pixels);
        let predicted = argmax(&scores);
        hprintln!(
            "{}image {}: digit {}, predicted {} (score {})",
            prefix,
            index,
            digit,
            predicted,
            scores[predicted]
        );
        right += usize::from(predicted == digit);
    }
    right
}

/// [`classify`] with the convolutional network, in the host's format
/// (`target/digits_cnn/predictions.txt`).
pub fn classify_cnn() -> usize {
    classify_with("cnn ", 3, |pixels| DIGITS_CNN.forward(pixels))
}

/// Classifies the ten images with `forward`, printing a line per image that starts with
/// `prefix`, the probability to `decimals` digits; returns how many it got right.
fn classify_with(
    prefix: &str,
    decimals: usize,
    forward: impl Fn(&[f32; 64]) -> [f32; 10],
) -> usize {
    let mut right = 0;
    for (index, (pixels, digit)) in images().enumerate() {
        let y = forward(&pixels);
        let predicted = argmax(&y);
        hprintln!(
            "{}image {}: digit {}, predicted {} (p = {:.*})",
            prefix,
            index,
            digit,
            predicted,
            decimals,
            y[predicted]
        );
        right += usize::from(predicted == digit);
    }
    right
}
