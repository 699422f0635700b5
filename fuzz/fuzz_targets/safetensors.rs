//! Any bytes given to the safetensors loader give `Ok` or a typed error, never a panic, and an
//! error leaves the network untouched.
#![no_main]

use libfuzzer_sys::fuzz_target;

nn::network! {
    struct Net = 4 => relu 5 => identity 3;
}

fuzz_target!(|data: &[u8]| {
    let mut net = Net::ones();
    if nn::safetensors::from_bytes(&mut net, data).is_err() {
        assert_eq!(net, Net::ones());
    }
});
