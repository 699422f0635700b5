//! The digits network alone: classify the ten images and exit. Against `scaffolding`, its size is
//! what inference with the network costs.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use panic_semihosting as _;

#[entry]
fn main() -> ! {
    let right = nn_firmware::classify();
    nn_firmware::exit(right > 0);
}
