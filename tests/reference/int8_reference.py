"""int8 networks by TensorFlow Lite's quantisation spec, in numpy and Python integers.

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
  rounded to 31 bits);
- `CONV_2D` per channel as `reference_integer_ops::ConvPerChannel` computes it: the same sum over
  each filter's weights and the input under the kernel, places off the input left out (padding
  as TensorFlow's `same`: the odd one after), rescaled in gemmlowp's two roundings, as
  TensorFlow Lite's runtime does for `CONV_2D` (`SaturatingRoundingDoublingHighMul`, then
  `RoundingDivideByPOT`);
- `DEPTHWISE_CONV_2D` per channel as `reference_integer_ops::DepthwiseConvPerChannel`: each
  channel's kernel over that channel, rescaled in the same two roundings;
- `MAX_POOL_2D`: the largest int8 value of each window, its output quantised as its input;
- `AVERAGE_POOL_2D`: each window's sum divided by its count, rounded half away from zero, its
  output quantised as its input.

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


def multiply_rounding_twice(x, multiplier, shift):
    """MultiplyByQuantizedMultiplier in gemmlowp's two roundings, as TensorFlow Lite's runtime
    rescales `CONV_2D`'s sums."""
    left, right = max(shift, 0), max(-shift, 0)
    x = x * (1 << left)
    if x == multiplier == -(2**31):
        high = 2**31 - 1
    else:
        product = x * multiplier
        nudge = (1 << 30) if product >= 0 else 1 - (1 << 30)
        total = product + nudge
        high = total // (1 << 31) if total >= 0 else -((-total) // (1 << 31))
    mask = (1 << right) - 1
    threshold = (mask >> 1) + (1 if high < 0 else 0)
    return (high >> right) + (1 if (high & mask) > threshold else 0)


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


def conv_float(x, w, b, stride, pad):
    """A float32 convolution, channels first, w shaped [C][KH][KW][F]."""
    c, h, wd = x.shape
    _, kh, kw, f = w.shape
    oh, ow = (h + pad[0] + pad[1] - kh) // stride + 1, (wd + pad[2] + pad[3] - kw) // stride + 1
    padded = np.zeros((c, h + pad[0] + pad[1], wd + pad[2] + pad[3]), np.float32)
    padded[:, pad[0]:pad[0] + h, pad[2]:pad[2] + wd] = x
    u = np.zeros((f, oh, ow), np.float32)
    for oy in range(oh):
        for ox in range(ow):
            patch = padded[:, oy * stride:oy * stride + kh, ox * stride:ox * stride + kw]
            u[:, oy, ox] = np.tensordot(patch, w, axes=([0, 1, 2], [0, 1, 2])) + b
    return u


def depthwise_float(x, w, b, stride, pad):
    """A float32 depthwise convolution, channels first, w shaped [KH][KW][C]."""
    c, h, wd = x.shape
    kh, kw, _ = w.shape
    oh, ow = (h + pad[0] + pad[1] - kh) // stride + 1, (wd + pad[2] + pad[3] - kw) // stride + 1
    padded = np.zeros((c, h + pad[0] + pad[1], wd + pad[2] + pad[3]), np.float32)
    padded[:, pad[0]:pad[0] + h, pad[2]:pad[2] + wd] = x
    u = np.zeros((c, oh, ow), np.float32)
    for oy in range(oh):
        for ox in range(ow):
            patch = padded[:, oy * stride:oy * stride + kh, ox * stride:ox * stride + kw]
            u[:, oy, ox] = (patch * w.transpose(2, 0, 1)).sum(axis=(1, 2)) + b
    return u


def avg_pool_float(x, size):
    c, h, w = x.shape
    oh, ow = h // size, w // size
    return x[:, :oh * size, :ow * size].reshape(c, oh, size, ow, size).mean(axis=(2, 4))


def max_pool_float(x, size):
    c, h, w = x.shape
    oh, ow = h // size, w // size
    return x[:, :oh * size, :ow * size].reshape(c, oh, size, ow, size).max(axis=(2, 4))


def same_padding(size, kernel, stride):
    """TensorFlow's `same`: rows before and after, the odd one after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv_network(name, shape, stages, calibration=48, tests=4):
    """A network of convolutions (`("conv", filters, kernel, stride, activation)`, `("depthwise",
    kernel, stride, activation)`), pooling (`("pool", size)`, `("avgpool", size)`), residual
    blocks (`("residual", stages, activation)`: the stages, then their output plus the block's
    input) and dense layers (`("dense", outputs, activation)`), channels first, the dense layers
    reading the values flattened channel by channel."""
    layers, shapes = [], [shape]

    def append(layer, output_shape, reads=None):
        """A layer reading value `reads` (the previous one by default)."""
        layer["input"] = len(layers) if reads is None else reads
        layers.append(layer)
        shapes.append(output_shape)

    def add_stage(stage):
        values_shape = shapes[-1]
        if stage[0] == "residual":
            _, inner, activation = stage
            block_input = len(layers)
            for inner_stage in inner:
                add_stage(inner_stage)
            append(dict(kind="add", shortcut=block_input, activation=activation), shapes[-1])
        elif stage[0] == "conv":
            _, filters, kernel, stride, activation = stage
            c, h, w = values_shape
            fan_in = c * kernel * kernel
            weights = rng.normal(0.0, 1.0 / math.sqrt(fan_in), size=(c, kernel, kernel, filters)).astype(np.float32)
            bias = rng.normal(0.0, 0.3, size=filters).astype(np.float32)
            pad = same_padding(h, kernel, stride) + same_padding(w, kernel, stride)
            append(dict(kind="conv", weights=weights, bias=bias, stride=stride, padding=pad, activation=activation),
                   (filters, -(-h // stride), -(-w // stride)))
        elif stage[0] == "depthwise":
            _, kernel, stride, activation = stage
            c, h, w = values_shape
            weights = rng.normal(0.0, 1.0 / kernel, size=(kernel, kernel, c)).astype(np.float32)
            bias = rng.normal(0.0, 0.3, size=c).astype(np.float32)
            pad = same_padding(h, kernel, stride) + same_padding(w, kernel, stride)
            append(dict(kind="depthwise", weights=weights, bias=bias, stride=stride, padding=pad, activation=activation),
                   (c, -(-h // stride), -(-w // stride)))
        elif stage[0] in ("pool", "avgpool"):
            c, h, w = values_shape
            append(dict(kind=stage[0], size=stage[1], activation="identity"), (c, h // stage[1], w // stage[1]))
        else:
            _, outputs, activation = stage
            inputs = int(np.prod(values_shape))
            weights = rng.normal(0.0, 1.0 / math.sqrt(inputs), size=(inputs, outputs)).astype(np.float32)
            bias = rng.normal(0.0, 0.3, size=outputs).astype(np.float32)
            append(dict(kind="dense", weights=weights, bias=bias, activation=activation), (outputs,))

    for stage in stages:
        add_stage(stage)
    xs = rng.normal(0.4, 1.0, size=(calibration + tests,) + shape).astype(np.float32)

    def float_forward(x):
        values = [x]
        for layer in layers:
            v = values[layer["input"]]
            if layer["kind"] == "add":
                u = v + values[layer["shortcut"]]
            elif layer["kind"] == "conv":
                u = conv_float(v, layer["weights"], layer["bias"], layer["stride"], layer["padding"])
            elif layer["kind"] == "depthwise":
                u = depthwise_float(v, layer["weights"], layer["bias"], layer["stride"], layer["padding"])
            elif layer["kind"] == "pool":
                u = max_pool_float(v, layer["size"])
            elif layer["kind"] == "avgpool":
                u = avg_pool_float(v, layer["size"])
            else:
                u = v.reshape(-1) @ layer["weights"] + layer["bias"]
            values.append(relu(u) if layer["activation"] == "relu" else u)
        return values

    forwards = [float_forward(x) for x in xs[:calibration]]
    ranges = [(float(min(f[i].min() for f in forwards)), float(max(f[i].max() for f in forwards)))
              for i in range(len(layers) + 1)]
    quantizations = []
    for index, r in enumerate(ranges):
        if index > 0 and layers[index - 1]["kind"] in ("pool", "avgpool"):
            quantizations.append(quantizations[layers[index - 1]["input"]])
        else:
            quantizations.append(choose_quantization(*r))

    quantized = []
    for index, layer in enumerate(layers):
        (in_scale, in_zero), (out_scale, out_zero) = quantizations[layer["input"]], quantizations[index + 1]
        if layer["kind"] in ("pool", "avgpool"):
            quantized.append(dict(kind=layer["kind"], size=layer["size"], input=layer["input"]))
            continue
        if layer["kind"] == "add":
            # TensorFlow Lite's ADD: both addends at twice the larger scale, 20 bits up.
            other_scale, other_zero = quantizations[layer["shortcut"]]
            twice = 2 * max(in_scale, other_scale)
            quantized.append(dict(
                kind="add", input=layer["input"], shortcut=layer["shortcut"],
                input_zero_points=[in_zero, other_zero],
                input_multipliers=[quantize_multiplier(in_scale / twice), quantize_multiplier(other_scale / twice)],
                output_multiplier=quantize_multiplier(twice / ((1 << 20) * out_scale)),
                output_zero_point=out_zero, output_min=out_zero if layer["activation"] == "relu" else -128,
                output_max=127))
            continue
        w = layer["weights"]
        filters = w.shape[-1]
        per_output, bias, multipliers = [], [], []
        for o in range(filters):
            scale, values = symmetric_channel(w[..., o].reshape(-1))  # a depthwise kernel: [KH][KW]
            per_output.append(values)
            bias.append(quantize_bias(layer["bias"][o], in_scale, scale))
            multipliers.append(quantize_multiplier(in_scale * scale / out_scale))
        low = out_zero if layer["activation"] == "relu" else -128
        quantized.append(dict(kind=layer["kind"], input=layer["input"], shape=w.shape, weights=per_output, bias=bias,
                              multipliers=multipliers, input_zero_point=in_zero, output_zero_point=out_zero,
                              output_min=low, output_max=127, stride=layer.get("stride"),
                              padding=layer.get("padding")))

    def requantize(acc, layer, o):
        twice = layer["kind"] in ("conv", "depthwise")
        rescale = multiply_rounding_twice if twice else multiply_by_quantized_multiplier
        acc = rescale(acc, *layer["multipliers"][o]) + layer["output_zero_point"]
        return min(max(acc, layer["output_min"]), layer["output_max"])

    def int8_forward(x):
        """x: a list of int8 values, channels first, shaped as the input."""
        outputs = []
        for index, layer in enumerate(quantized):
            q = ([x] + outputs)[layer["input"]]
            shape_now = shapes[layer["input"]]
            if layer["kind"] == "add":
                other = ([x] + outputs)[layer["shortcut"]]
                (m1, s1), (m2, s2) = layer["input_multipliers"]
                z1, z2 = layer["input_zero_points"]
                result = []
                for a, b in zip(q, other):
                    total = (multiply_rounding_twice((a - z1) << 20, m1, s1)
                             + multiply_rounding_twice((b - z2) << 20, m2, s2))
                    value = multiply_rounding_twice(total, *layer["output_multiplier"]) + layer["output_zero_point"]
                    result.append(min(max(value, layer["output_min"]), layer["output_max"]))
            elif layer["kind"] == "conv":
                c, kh, kw, f = layer["shape"]
                _, h, w = shape_now
                s, (top, _, left, _) = layer["stride"], layer["padding"]
                oh, ow = -(-h // s), -(-w // s)
                result = [0] * (f * oh * ow)
                for o in range(f):
                    for oy in range(oh):
                        for ox in range(ow):
                            acc = layer["bias"][o]
                            for ci in range(c):
                                for ky in range(kh):
                                    for kx in range(kw):
                                        iy, ix = oy * s + ky - top, ox * s + kx - left
                                        if 0 <= iy < h and 0 <= ix < w:
                                            xi = q[(ci * h + iy) * w + ix]
                                            wi = layer["weights"][o][(ci * kh + ky) * kw + kx]
                                            acc += (xi - layer["input_zero_point"]) * wi
                            result[(o * oh + oy) * ow + ox] = requantize(acc, layer, o)
                shape_now = (f, oh, ow)
            elif layer["kind"] == "depthwise":
                kh, kw, c = layer["shape"]
                _, h, w = shape_now
                s, (top, _, left, _) = layer["stride"], layer["padding"]
                oh, ow = -(-h // s), -(-w // s)
                result = [0] * (c * oh * ow)
                for ci in range(c):
                    for oy in range(oh):
                        for ox in range(ow):
                            acc = layer["bias"][ci]
                            for ky in range(kh):
                                for kx in range(kw):
                                    iy, ix = oy * s + ky - top, ox * s + kx - left
                                    if 0 <= iy < h and 0 <= ix < w:
                                        xi = q[(ci * h + iy) * w + ix]
                                        acc += (xi - layer["input_zero_point"]) * layer["weights"][ci][ky * kw + kx]
                            result[(ci * oh + oy) * ow + ox] = requantize(acc, layer, ci)
                shape_now = (c, oh, ow)
            elif layer["kind"] in ("pool", "avgpool"):
                c, h, w = shape_now
                k = layer["size"]
                oh, ow = h // k, w // k

                def window(ci, oy, ox):
                    return [q[(ci * h + oy * k + dy) * w + ox * k + dx] for dy in range(k) for dx in range(k)]

                def average(values):
                    total, count = sum(values), len(values)
                    half = count // 2 if total > 0 else -(count // 2)
                    return min(127, max(-128, int((total + half) / count)))

                reduce = max if layer["kind"] == "pool" else average
                result = [reduce(window(ci, oy, ox)) for ci in range(c) for oy in range(oh) for ox in range(ow)]
                shape_now = (c, oh, ow)
            else:
                inputs, outputs_count = layer["shape"]
                result = []
                for o in range(outputs_count):
                    acc = layer["bias"][o]
                    for i in range(inputs):
                        acc += (q[i] - layer["input_zero_point"]) * layer["weights"][o][i]
                    result.append(requantize(acc, layer, o))
                shape_now = (outputs_count,)
            outputs.append(result)
        return outputs

    cases = []
    for x in xs[calibration:]:
        q = quantize(x.reshape(-1), *quantizations[0])
        cases.append(dict(x=[float(v) for v in x.reshape(-1)], x_int8=q, layers=int8_forward(q)))

    def float_layer(layer):
        if layer["kind"] == "add":
            return dict(kind="add", input=layer["input"], shortcut=layer["shortcut"])
        if layer["kind"] in ("pool", "avgpool"):
            return dict(kind=layer["kind"], size=layer["size"])
        convolution = layer["kind"] in ("conv", "depthwise")
        extra = dict(stride=layer["stride"], padding=list(layer["padding"])) if convolution else {}
        return dict(kind=layer["kind"], weights=layer["weights"].astype(float).tolist(),
                    bias=layer["bias"].astype(float).tolist(), **extra)

    return dict(
        name=name,
        shape=list(shape),
        activations=[layer["activation"] for layer in layers],
        float_layers=[float_layer(layer) for layer in layers],
        ranges=ranges,
        quantizations=[dict(scale=s, zero_point=z) for s, z in quantizations],
        layers=[
            dict(kind=l["kind"]) if l["kind"] in ("pool", "avgpool") else
            dict(kind="add", input_zero_points=l["input_zero_points"], input_multipliers=l["input_multipliers"],
                 output_multiplier=l["output_multiplier"], output_min=l["output_min"], output_max=l["output_max"])
            if l["kind"] == "add" else
            dict(kind=l["kind"], weights=l["weights"], bias=l["bias"], multipliers=l["multipliers"],
                 output_min=l["output_min"], output_max=l["output_max"])
            for l in quantized
        ],
        calibration=[[float(v) for v in x.reshape(-1)] for x in xs[:calibration]],
        cases=cases,
    )


out = {
    "networks": [
        network("chain", [4, 8, 3], ["relu", "identity"]),
        network("wide", [16, 32, 16, 10], ["relu", "relu", "identity"]),
        network("single", [5, 2], ["identity"]),
        conv_network("conv", (2, 6, 6), [
            ("conv", 4, 3, 1, "relu"),
            ("pool", 2),
            ("conv", 3, 3, 2, "identity"),
            ("dense", 5, "identity"),
        ]),
        conv_network("depthwise", (3, 7, 7), [
            ("conv", 4, 3, 2, "relu"),
            ("depthwise", 3, 1, "relu"),
            ("avgpool", 2),
            ("dense", 3, "identity"),
        ]),
        conv_network("residual", (2, 6, 6), [
            ("conv", 4, 3, 1, "relu"),
            ("residual", [("conv", 4, 3, 1, "relu"), ("conv", 4, 3, 1, "identity")], "relu"),
            ("avgpool", 2),
            ("dense", 3, "identity"),
        ]),
    ]
}
path = sys.argv[1] if len(sys.argv) > 1 else "int8_reference.json"
with open(path, "w") as f:
    json.dump(out, f)
