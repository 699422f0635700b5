#!/usr/bin/env bash
# Compile time of small crates using nn: one that declares the W3 network (784 => relu 128 =>
# softmax 10) and a 16-layer 64-wide network and trains both, and one that declares the digits CNN
# and a CNN of ten layers with parameters and trains both: a clean `cargo build --release`, then
# an incremental one after touching the source, with nn's default features and without them. The
# crates are generated under target/compile-time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
crate="$root/target/compile-time"
mkdir -p "$crate"
cat >"$crate/Cargo.toml" <<TOML
[package]
name = "compile-time"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
nn = { path = "$root", default-features = DEFAULT }

[workspace]
TOML
layers=$(for _ in $(seq 15); do printf ' => relu 64'; done)
dense_main=$(cat <<RUST
use nn::prelude::*;

nn::network! {
    struct Mlp = 784 => relu 128 => softmax 10;
    struct Deep = 64$layers => softmax 10;
}

fn main() {
    let mut rng = rng(1);
    let mut mlp = Box::new(Mlp::initialized(Init::He, &mut rng));
    let mut grad = Box::new(Mlp::zeros());
    let batch = vec![([0.5_f32; 784], 3_usize); 32];
    let loss = nn::train::step(&mut *mlp, &mut Sgd::new(0.01), &batch, CrossEntropy, &mut *grad);
    let mut deep = Deep::initialized(Init::He, &mut rng);
    let mut deep_grad = Deep::zeros();
    let deep_loss = deep.backward(&[0.5; 64], &7, CrossEntropy, &mut deep_grad);
    Sgd::new(0.01).step(&mut deep, &deep_grad);
    println!("{loss:?} {deep_loss}");
}
RUST
)
cnn_main=$(cat <<'RUST'
use nn::prelude::*;

nn::network! {
    struct DigitsCnn = [1, 8, 8] => relu conv2d(16, 3x3, same) => max_pool2d(2x2)
        => relu conv2d(32, 3x3, same) => max_pool2d(2x2) => relu 64 => softmax 10;
    struct Deep = [3, 32, 32] => relu conv2d(8, 3x3, same) => relu conv2d(8, 3x3, same)
        => max_pool2d(2x2) => relu conv2d(16, 3x3, same) => relu conv2d(16, 3x3, same)
        => max_pool2d(2x2) => relu conv2d(32, 3x3, same) => relu conv2d(32, 3x3, same)
        => max_pool2d(2x2) => relu conv2d(64, 3x3, same) => relu conv2d(64, 3x3, same)
        => global_avg_pool2d() => relu 32 => softmax 10;
}

fn main() {
    let mut rng = rng(1);
    let mut cnn = DigitsCnn::initialized(Init::He, &mut rng);
    let mut grad = DigitsCnn::zeros();
    let batch = vec![([0.5_f32; 64], 3_usize); 32];
    let loss = nn::train::step(&mut cnn, &mut Sgd::new(0.01), &batch, CrossEntropy, &mut grad);
    let mut deep = Box::new(Deep::initialized(Init::He, &mut rng));
    let mut deep_grad = Box::new(Deep::zeros());
    let deep_loss = deep.backward(&[0.5; 3 * 32 * 32], &7, CrossEntropy, &mut deep_grad);
    Sgd::new(0.01).step(&mut *deep, &deep_grad);
    println!("{loss:?} {deep_loss}");
}
RUST
)
for kind in dense cnn; do
    dir="$crate/$kind"
    mkdir -p "$dir/src"
    sed "s/name = \"compile-time\"/name = \"compile-time-$kind\"/" "$crate/Cargo.toml" >"$dir/Cargo.toml"
    if [ "$kind" = dense ]; then echo "$dense_main" >"$dir/src/main.rs"; else echo "$cnn_main" >"$dir/src/main.rs"; fi
    cd "$dir"
    for default in true false; do
        sed -i "s/default-features = [a-zA-Z]*/default-features = $default/" Cargo.toml
        cargo clean --quiet
        start=$(date +%s.%N)
        cargo build --release --quiet
        clean=$(echo "$(date +%s.%N) - $start" | bc)
        touch src/main.rs
        start=$(date +%s.%N)
        cargo build --release --quiet
        incremental=$(echo "$(date +%s.%N) - $start" | bc)
        printf '%-5s default features %-5s: clean release build %5.1f s, incremental (main.rs touched) %4.1f s\n' \
            "$kind" "$default" "$clean" "$incremental"
    done
done
