#!/usr/bin/env bash
# Instructions per call of W1, W2 (as `Optimizer::step_sample` and as the README's loop: `fill`,
# `backward`, `Sgd::step`), W3 and W4 (the digits CNN) (inference, one training step of 32 samples)
# with `nn` and with
# the hand-written loops of benches/workloads, counted by valgrind's callgrind: the same count for
# the same binary whatever else the machine runs, so the ratios hold where timings are noisy.
#
# Each workload runs N and 2N times; the difference over N is one call, without the set-up.
# Under valgrind the CPU has no AVX-512, so the large layers run their AVX2+FMA code.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }

binary=$(cargo bench --bench instructions --no-run 2>&1 |
    sed -n 's/^ *Executable benches\/instructions.rs (\(.*\))$/\1/p')

# Instructions of one run: callgrind's total.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" "$@" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Instructions of one call of workload $1 done by $2, from $3 and twice $3 runs.
per_call() {
    local once twice
    once=$(count "$1" "$2" "$3")
    twice=$(count "$1" "$2" $(($3 * 2)))
    echo $(((twice - once) / $3))
}

echo "| workload | nn, instructions per call | hand-written | nn / hand-written |"
echo "| --- | --- | --- | --- |"
for spec in W1:100000 W2:100000 W2-loop:100000 W3-inference:100 W3-training:10 \
    W4-inference:1000 W4-training:10; do
    workload=${spec%%:*}
    repeats=${spec##*:}
    nn=$(per_call "$workload" nn "$repeats")
    hand=$(per_call "$workload" hand "$repeats")
    echo "| $workload | $nn | $hand | $(awk "BEGIN { printf \"%.3f\", $nn / $hand }") |"
done
