#!/usr/bin/env bash
# What a busy machine costs training on two threads: examples/parallel_speedup on an idle
# machine, then beside one and two other busy processes (plain shell loops, stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --example parallel_speedup
program=target/release/examples/parallel_speedup

busy=()
stop_busy() {
    for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
    busy=()
}
trap stop_busy EXIT

for load in 0 1 2; do
    stop_busy
    for _ in $(seq "$load"); do
        sh -c 'while :; do :; done' &
        busy+=($!)
    done
    echo
    echo "with $load other busy process(es), on $(nproc) cores:"
    "$program"
done
