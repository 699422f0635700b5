//! `nn` without its default `std` feature builds for a Cortex-M4F: no `std`, and no allocator
//! needed (the firmware in `examples/cortex-m` links without one); with `alloc` alone it builds
//! too, heap constructors included.

use std::process::Command;

/// `cargo build -p nn --no-default-features` with `features` for a Cortex-M4F.
fn build_for_cortex_m4f(features: &[&str]) {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "--quiet",
            "--package",
            "nn",
            "--no-default-features",
        ])
        .args(features.iter().flat_map(|feature| ["--features", feature]))
        .args(["--target", "thumbv7em-none-eabihf"])
        // A directory of its own, so this build does not wait for the one running the tests.
        .env("CARGO_TARGET_DIR", format!("{root}/target/no-std"))
        .current_dir(root)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo build -p nn --no-default-features {features:?} --target thumbv7em-none-eabihf` \
         failed (`rustup target add thumbv7em-none-eabihf` installs the target):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn builds_for_a_cortex_m4f_without_std() {
    build_for_cortex_m4f(&[]);
}

#[test]
fn builds_for_a_cortex_m4f_with_alloc_alone() {
    build_for_cortex_m4f(&["alloc"]);
}
