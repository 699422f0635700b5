//! Puts `memory.x` where the linker finds it, and rebuilds when the weights or images change.

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("memory.x"), include_bytes!("memory.x")).expect("OUT_DIR is writable");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed=../../target/digits/digits.nnw");
    println!("cargo:rerun-if-changed=../../target/digits/images.bin");
    println!("cargo:rerun-if-changed=../../target/digits_cnn/digits_cnn.nnw");
}
