"""int8 dense networks by TensorFlow Lite's quantisation spec, in numpy and Python integers.

An independent reference for nn's int8 arithmetic (`nn::quant`, `nn::quantized_dense`),
written from the spec and TensorFlow Lite's reference kernels, not from nn's code:

- activations int8 asymmetric per tensor, chosen from the calibrated range as the post-training
  quantiser's `GetAsymmetricQuantizationParams` does, in float32 (range widened to hold 0, 255
  steps, zero point `-128 - min / scale` rounded half away from zero);
- weights int8 symmetric per output channel (`SymmetricPerChannelQuantization`, float32): scale
  `max |w| / 127`, values `round(w * (127 / max |w|))` in [-127, 127]; bias int32
  (`SymmetricPerChannelBiasQuantize`): `round(b * inverse)` with the inverse of
  `input scale * weight scale` divided in double and kept in float32;
- `FULLY_CONNECTED` per channel as `reference_integer_ops::FullyConnected` computes it:
  `acc = bias + sum((x + input_offset) * w)`, then `MultiplyByQuantizedMultiplier` in the
  single-rounding form TensorFlow Lite's runtime is built with (`TFLITE_SINGLE_ROUNDING`:
  `(acc * multiplier + 2^(30 - shift)) >> (31 - shift)`), plus the output zero point, clamped to
  the fused activation's range; the multiplier from `QuantizeMultiplier` (`frexp`, the fraction
  rounded to 31 bits).

Each network: float32 weights and calibration inputs drawn from a seeded generator, the
calibration ranges of every tensor from a float32 forward pass, the quantised parameters, and
the int8 outputs of every layer for a few test inputs. Writes int8_reference.json.
"""
import json
import math
import sys

import numpy as np

rng = np.random.default_rng(2026)


def round_away(value):
    """C's round: halves away from zero."""
    return math.copysign(math.floor(abs(value) + 0.5), value)


F32 = np.float32


def choose_quantization(rmin, rmax):
    """GetAsymmetricQuantizationParams, in float32."""
    rmin, rmax = min(F32(rmin), F32(0)), max(F32(rmax), F32(0))
    scale = (rmax - rmin) / F32(255)
    from_min = F32(-128) - rmin / scale if scale != 0 else F32(-128)
    zero_point = int(min(127, max(-128, round_away(float(from_min)))))
    return float(scale), zero_point


def quantize(x, scale, zero_point):
    """QUANTIZE: round(x / scale) + zero_point in float32, saturated."""
    if scale == 0.0:
        return [zero_point for _ in x]
    return [int(min(127, max(-128, round_away(float(F32(v) / F32(scale))) + zero_point))) for v in x]


def symmetric_channel(column):
    """SymmetricPerChannelQuantization, in float32: the scale and the int8 values."""
    largest = F32(np.abs(column).max())
    inverse = F32(127) / largest if largest != 0 else F32(0)
    values = [int(min(127, max(-127, round_away(float(F32(w) * inverse))))) for w in column]
    return float(largest / F32(127)), values


def quantize_bias(bias, input_scale, weight_scale):
    """SymmetricPerChannelBiasQuantize, in float32 (the inverse divided in double)."""
    scale = F32(input_scale) * F32(weight_scale)
    inverse = F32(1.0 / float(scale)) if scale != 0 else F32(0)
    limit = 2**31 - 1
    return int(min(limit, max(-limit, round_away(float(F32(bias) * inverse)))))


def quantize_multiplier(real):
    if real == 0.0:
        return 0, 0
    fraction, shift = math.frexp(real)
    fixed = int(round_away(fraction * 2**31))
    if fixed == 2**31:
        fixed //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    return fixed, shift


def multiply_by_quantized_multiplier(x, multiplier, shift):
    """MultiplyByQuantizedMultiplier as TensorFlow Lite's runtime is built (single rounding)."""
    total_shift = 31 - shift
    result = (x * multiplier + (1 << (total_shift - 1))) >> total_shift
    return min(max(result, -(2**31)), 2**31 - 1)


def relu(u):
    return np.maximum(u, np.float32(0))


def network(name, widths, activations, calibration=64, tests=6):
    layers = []
    for inputs, outputs in zip(widths, widths[1:]):
        w = rng.normal(0.0, 1.0 / math.sqrt(inputs), size=(inputs, outputs)).astype(np.float32)
        b = rng.normal(0.0, 0.3, size=outputs).astype(np.float32)
        layers.append((w, b))
    # Inputs shifted off zero, so that the input's zero point is not -128 or 0.
    xs = (rng.normal(0.4, 1.0, size=(calibration + tests, widths[0]))).astype(np.float32)
    values = [xs]
    for (w, b), activation in zip(layers, activations):
        u = values[-1] @ w + b
        values.append(relu(u) if activation == "relu" else u)
    ranges = [(float(v[:calibration].min()), float(v[:calibration].max())) for v in values]
    quantizations = [choose_quantization(*r) for r in ranges]

    quantized_layers = []
    for index, ((w, b), activation) in enumerate(zip(layers, activations)):
        (in_scale, in_zero), (out_scale, out_zero) = quantizations[index], quantizations[index + 1]
        wq = [[0] * w.shape[1] for _ in range(w.shape[0])]
        bias = []
        multipliers = []
        for o in range(w.shape[1]):
            scale, column = symmetric_channel(w[:, o])
            for i, q in enumerate(column):
                wq[i][o] = q
            bias.append(quantize_bias(b[o], in_scale, scale))
            multipliers.append(quantize_multiplier(in_scale * scale / out_scale))
        low = out_zero if activation == "relu" else -128
        quantized_layers.append(
            dict(weights=wq, bias=bias, multipliers=multipliers, input_zero_point=in_zero,
                 output_zero_point=out_zero, output_min=low, output_max=127)
        )

    cases = []
    for x in xs[calibration:]:
        q = quantize(x, *quantizations[0])
        outputs = []
        for layer in quantized_layers:
            result = []
            for o in range(len(layer["bias"])):
                acc = layer["bias"][o]
                for i, xi in enumerate(q):
                    acc += (xi - layer["input_zero_point"]) * layer["weights"][i][o]
                acc = multiply_by_quantized_multiplier(acc, *layer["multipliers"][o])
                acc += layer["output_zero_point"]
                result.append(min(max(acc, layer["output_min"]), layer["output_max"]))
            outputs.append(result)
            q = result
        cases.append(dict(x=[float(v) for v in x], x_int8=quantize(x, *quantizations[0]), layers=outputs))

    return dict(
        name=name,
        activations=activations,
        float_layers=[dict(weights=w.astype(float).tolist(), bias=b.astype(float).tolist()) for w, b in layers],
        ranges=ranges,
        quantizations=[dict(scale=s, zero_point=z) for s, z in quantizations],
        layers=[
            dict(weights=l["weights"], bias=l["bias"], multipliers=l["multipliers"],
                 output_min=l["output_min"], output_max=l["output_max"])
            for l in quantized_layers
        ],
        calibration=[[float(v) for v in x] for x in xs[:calibration]],
        cases=cases,
    )


out = {
    "networks": [
        network("chain", [4, 8, 3], ["relu", "identity"]),
        network("wide", [16, 32, 16, 10], ["relu", "relu", "identity"]),
        network("single", [5, 2], ["identity"]),
    ]
}
path = sys.argv[1] if len(sys.argv) > 1 else "int8_reference.json"
with open(path, "w") as f:
    json.dump(out, f)
