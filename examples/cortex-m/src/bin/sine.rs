//! The sine model of TensorFlow Lite Micro's and MicroFlow's `hello_world` examples in int8, as a
//! minimal firmware: the network in flash, its outputs for 32 inputs checked against the host's
//! (`cargo run --release --example sine` writes both), and one line of integers printed, no float
//! formatting. `scripts/embedded.sh` reports its flash and RAM beside those engines' figures.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use nn_firmware::{exit, measure};
use panic_semihosting as _;

nn::network! {
    /// `x` in `[0, 2π]` in, `sin x` out: `examples/sine.rs`'s network.
    pub struct Sine = 1 => relu 16 => relu 16 => identity 1;
}

/// The int8 network, quantised on the host.
static SINE: SineQuantized =
    nn::include_weights!(SineQuantized, "../../../../target/sine/sine_int8.nnq");

/// The host's inputs and the int8 outputs it computed: a little-endian `f32` and an `i8` each.
static CASES: &[u8] = include_bytes!("../../../../target/sine/cases.bin");

/// How many of the cases the int8 network computes as the host did.
fn agreeing() -> usize {
    CASES
        .chunks_exact(5)
        .filter(|case| {
            let x = f32::from_le_bytes([case[0], case[1], case[2], case[3]]);
            let y = SINE.forward(&SINE.quantize_input(&[core::hint::black_box(x)]));
            y[0].to_le_bytes()[0] == case[4]
        })
        .count()
}

#[entry]
fn main() -> ! {
    let cases = CASES.len() / 5;
    // Everything the program does, printing included, inside the measurement.
    let (right, stack) = measure::stack_peak(|| {
        let right = agreeing();
        hprintln!("sine int8: {} of {} outputs as the host's", right, cases);
        right
    });
    hprintln!("sine stack: {} bytes at most", stack);
    exit(right == cases && cases > 0);
}
