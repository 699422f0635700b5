#!/usr/bin/env bash
# Large networks in an unoptimised build, as a user's `cargo build` and `cargo test` make them
# (opt-level 0; this project's own test profile optimises a little, which hides both problems):
#
# - tests/large_network.rs trains a 20 M-parameter network (80 MB) on a thread with a 2 MiB
#   stack: it must not overflow it.
# - Code that copies `Network::ZERO` at run time keeps the whole zero network as a constant in
#   the binary's `.rodata` (160 MB for that network before the heap constructors); the test
#   binary's `.rodata` must stay far below one network.
set -euo pipefail
cd "$(dirname "$0")/.."

# A tenth of the network: one copy of it would be 80 MB.
limit_bytes=$((8 * 1024 * 1024))

export CARGO_TARGET_DIR=target/opt-level-0 CARGO_PROFILE_TEST_OPT_LEVEL=0
cargo test --test large_network
binary=$(cargo test --test large_network --no-run 2>&1 |
    sed -n 's/^ *Executable tests\/large_network.rs (\(.*\))$/\1/p')

rodata=$(size -A "$binary" | awk '$1 == ".rodata" { print $2 }')
echo "unoptimised test binary of the 20 M-parameter network: $(stat -c %s "$binary") bytes," \
    ".rodata $rodata bytes (limit $limit_bytes)"
if [ "$rodata" -gt "$limit_bytes" ]; then
    echo "error: .rodata holds a network-sized constant" >&2
    exit 1
fi
