#!/usr/bin/env bash
# nn on microcontrollers, end to end: trains the digits networks (dense and convolutional) on the
# host and quantises both to int8, bakes their weights into the firmware in
# examples/cortex-m, runs the firmware under QEMU (Cortex-M4F, and the Cortex-M0 build on a
# Cortex-M3), checks that its predictions (int8's to the integer) equal the host's and that it passes, and
# reports flash, RAM, stack and instruction counts. Then one layer of each kind the MLPerf Tiny
# models spend their time in, f32 beside int8, and the four models (folded, random weights in
# flash) on the Cortex-M4F, each output checked against the host's, with each one's arena (its
# RAM known at compile time) beside the stack it really used. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/target/embedded"
mkdir -p "$out"

rustup target add thumbv7em-none-eabihf thumbv6m-none-eabi >/dev/null
if ! command -v qemu-system-arm >/dev/null || ! command -v arm-none-eabi-size >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq qemu-system-arm binutils-arm-none-eabi >/dev/null
fi

# The host trains the networks and writes their weights, ten held-out images and their predictions.
cargo run --release --quiet --example digits -- target/digits >/dev/null
cargo run --release --quiet --example digits_cnn -- target/digits_cnn >/dev/null
cargo run --release --quiet --example tiny -- target/tiny >/dev/null
cargo run --release --quiet --example sine -- target/sine >/dev/null

cd examples/cortex-m
# The paths below are under the firmware's own target directory, whatever the environment says.
export CARGO_TARGET_DIR="$root/examples/cortex-m/target"
cargo fmt --check
cargo clippy --release --quiet --bins -- -D warnings
cargo build --release --quiet
# The MLPerf Tiny models run on the Cortex-M4F only: the Cortex-M0 build has no FPU.
cargo build --release --quiet --target thumbv6m-none-eabi --bin scaffolding --bin inference --bin sine --bin firmware

qemu=(qemu-system-arm -nographic -semihosting-config enable=on,target=native -icount shift=0)
run() { # run NAME CPU MACHINE ELF
    local status=0
    timeout 120 "${qemu[@]}" -cpu "$2" -machine "$3" -kernel "$4" >"$out/$1.log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        cat "$out/$1.log"
        echo "embedded: the $1 firmware failed (QEMU exit status $status)" >&2
        exit 1
    fi
    if ! diff <(grep '^image ' "$out/$1.log") "$root/target/digits/predictions.txt"; then
        echo "embedded: the $1 firmware's predictions differ from the host's" >&2
        exit 1
    fi
    if ! diff <(grep '^int8 image ' "$out/$1.log") "$root/target/digits/predictions_int8.txt"; then
        echo "embedded: the $1 firmware's int8 predictions differ from the host's" >&2
        exit 1
    fi
    if ! diff <(grep '^cnn image ' "$out/$1.log") "$root/target/digits_cnn/predictions.txt"; then
        echo "embedded: the $1 firmware's CNN predictions differ from the host's" >&2
        exit 1
    fi
    if ! diff <(grep '^cnn int8 image ' "$out/$1.log") "$root/target/digits_cnn/predictions_int8.txt"; then
        echo "embedded: the $1 firmware's CNN int8 predictions differ from the host's" >&2
        exit 1
    fi
    echo "$1: the networks' predictions (f32, int8, CNN, CNN int8) identical to the host's; $(grep -c '^image ' "$out/$1.log") images"
}
run cortex-m4 cortex-m4 mps2-an386 target/thumbv7em-none-eabihf/release/firmware
run cortex-m0-build-on-m3 cortex-m3 mps2-an385 target/thumbv6m-none-eabi/release/firmware
cat "$out/cortex-m4.log"

echo
echo "Flash (.vector_table + .text + .rodata + .data) and RAM (.data + .bss), in bytes:"
printf '%-24s %-12s %8s %8s %18s\n' target binary flash ram "of flash, .rodata"
for target in thumbv7em-none-eabihf thumbv6m-none-eabi; do
    for binary in scaffolding inference sine firmware; do
        arm-none-eabi-size -A "target/$target/release/$binary" | awk -v t="$target" -v b="$binary" '
            /^\.(vector_table|text|rodata|data|bss) / { size[$1] = $2 }
            END {
                flash = size[".vector_table"] + size[".text"] + size[".rodata"] + size[".data"]
                printf "%-24s %-12s %8d %8d %18d\n", t, b, flash, size[".data"] + size[".bss"], size[".rodata"]
            }'
    done
done
weights=$(arm-none-eabi-nm -S -C target/thumbv7em-none-eabihf/release/inference | awk '/ nn_firmware::DIGITS$/ { print $2 }')
echo "of which the digits weights (symbol nn_firmware::DIGITS): $((16#$weights)) bytes"
int8=$(arm-none-eabi-nm -S -C target/thumbv7em-none-eabihf/release/firmware | awk '/ nn_firmware::DIGITS_INT8$/ { print $2 }')
echo "in the firmware, the digits network in int8 (symbol nn_firmware::DIGITS_INT8): $((16#$int8)) bytes"
cnn=$(arm-none-eabi-nm -S -C target/thumbv7em-none-eabihf/release/firmware | awk '/ nn_firmware::DIGITS_CNN$/ { print $2 }')
echo "and in the firmware, the digits CNN's (symbol nn_firmware::DIGITS_CNN): $((16#$cnn)) bytes"
cnn_int8=$(arm-none-eabi-nm -S -C target/thumbv7em-none-eabihf/release/firmware | awk '/ nn_firmware::DIGITS_CNN_INT8$/ { print $2 }')
echo "and the digits CNN in int8 (symbol nn_firmware::DIGITS_CNN_INT8): $((16#$cnn_int8)) bytes"

# The sine model in int8, a minimal firmware: its outputs equal the host's, or QEMU exits with
# status 1. RAM is .data + .bss and the stack it printed.
for target in thumbv7em-none-eabihf:cortex-m4:mps2-an386 thumbv6m-none-eabi:cortex-m3:mps2-an385; do
    IFS=: read -r triple cpu machine <<<"$target"
    status=0
    timeout 60 "${qemu[@]}" -cpu "$cpu" -machine "$machine" -kernel "target/$triple/release/sine" \
        >"$out/sine-$triple.log" 2>&1 || status=$?
    cat "$out/sine-$triple.log"
    if [ "$status" -ne 0 ]; then
        echo "embedded: the sine firmware failed on $triple (QEMU exit status $status)" >&2
        exit 1
    fi
    stack=$(sed -n 's/^sine stack: \([0-9]*\) bytes.*/\1/p' "$out/sine-$triple.log")
    arm-none-eabi-size -A "target/$triple/release/sine" | awk -v t="$triple" -v stack="$stack" '
        /^\.(vector_table|text|rodata|data|bss) / { size[$1] = $2 }
        END {
            flash = size[".vector_table"] + size[".text"] + size[".rodata"] + size[".data"]
            printf "sine firmware on %s: flash %d bytes, RAM %d bytes (.data + .bss %d, stack %d)\n", t, flash, size[".data"] + size[".bss"] + stack, size[".data"] + size[".bss"], stack
        }'
done

# One layer of each kind the MLPerf Tiny models spend their time in, f32 beside int8, each int8
# output checked on the device against the arithmetic written out, or QEMU exits with status 1.
status=0
timeout 300 "${qemu[@]}" -cpu cortex-m4 -machine mps2-an386 -kernel target/thumbv7em-none-eabihf/release/layers \
    >"$out/layers.log" 2>&1 || status=$?
cat "$out/layers.log"
if [ "$status" -ne 0 ]; then
    echo "embedded: the layers firmware failed (QEMU exit status $status)" >&2
    exit 1
fi

# The MLPerf Tiny models: each output within 1e-4 of the host's, or QEMU exits with status 1.
status=0
timeout 600 "${qemu[@]}" -cpu cortex-m4 -machine mps2-an386 -kernel target/thumbv7em-none-eabihf/release/tiny \
    >"$out/tiny.log" 2>&1 || status=$?
cat "$out/tiny.log"
if [ "$status" -ne 0 ]; then
    echo "embedded: the MLPerf Tiny firmware failed (QEMU exit status $status)" >&2
    exit 1
fi
arm-none-eabi-size -A target/thumbv7em-none-eabihf/release/tiny | awk '
    /^\.(vector_table|text|rodata|data|bss) / { size[$1] = $2 }
    END {
        flash = size[".vector_table"] + size[".text"] + size[".rodata"] + size[".data"]
        printf "tiny firmware: flash %d bytes (.text %d), RAM .data + .bss %d bytes\n", flash, size[".text"], size[".data"] + size[".bss"]
    }'
arm-none-eabi-nm -S -C --size-sort target/thumbv7em-none-eabihf/release/tiny |
    while read -r _ size _ name; do
        case "$name" in tiny::[A-Z]*) echo "weights $name: $((16#$size)) bytes" ;; esac
    done
