//! The runtime without a network: start-up, semihosting, float formatting and exit, printing a
//! line like `inference`'s. Its size is what every firmware here pays before any network.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use panic_semihosting as _;

#[entry]
fn main() -> ! {
    let p: f32 = core::hint::black_box(0.999_9);
    let (digit, predicted) = core::hint::black_box((8_usize, 8_usize));
    hprintln!(
        "image {}: digit {}, predicted {} (p = {:.6})",
        0,
        digit,
        predicted,
        p
    );
    nn_firmware::exit(true);
}
