"""PyTorch's 2-D convolution, forward and backward, in float64, for the conv layer's tests.

Each case is a convolution of a random input `x` [C, H, W] with a random weight [F, C, KH, KW]
(PyTorch's layout) and bias [F], the input padded with `pad = [top, bottom, left, right]` zeros
(TensorFlow's `same` padding puts the odd one at the bottom and right, which `torch.nn.Conv2d`'s
own padding cannot, so the input is padded first) and the kernel stepping `stride`. The gradients
are those of `sum(u * du)` for a random `du`: `du` is the gradient with respect to `u` that
backpropagation brings, and PyTorch's autograd gives the weight's, the bias's and the input's.

Run: /usr/bin/python3 torch_conv.py  (Debian's python3-torch; writes torch_conv.json)
"""
import json

import torch

torch.manual_seed(2026)

# name: channels, filters, kernel [rows, columns], input [rows, columns], stride, pad
CASES = {
    "valid_non_square": (2, 3, (3, 2), (7, 6), (1, 1), (0, 0, 0, 0)),
    "same_stride_2": (2, 3, (3, 3), (7, 6), (2, 2), (1, 1, 0, 1)),
    "same_even_kernel": (2, 2, (4, 4), (6, 6), (1, 1), (1, 2, 1, 2)),
    "stride_1x2_padded_rows": (1, 4, (2, 4), (8, 8), (1, 2), (1, 1, 0, 0)),
    "pointwise": (4, 2, (1, 1), (5, 5), (1, 1), (0, 0, 0, 0)),
}

cases = {}
for name, (c, f, kernel, size, stride, pad) in CASES.items():
    x = torch.randn(c, *size, dtype=torch.float64, requires_grad=True)
    weight = torch.randn(f, c, *kernel, dtype=torch.float64, requires_grad=True)
    bias = torch.randn(f, dtype=torch.float64, requires_grad=True)
    top, bottom, left, right = pad
    padded = torch.nn.functional.pad(x, (left, right, top, bottom))
    u = torch.nn.functional.conv2d(padded[None], weight, bias, stride=stride)[0]
    du = torch.randn(u.shape, dtype=torch.float64)
    (u * du).sum().backward()
    cases[name] = {
        "stride": list(stride),
        "padding": [top, left],
        "x": x.tolist(),
        "weight": weight.tolist(),
        "bias": bias.tolist(),
        "u": u.tolist(),
        "du": du.tolist(),
        "grad_x": x.grad.tolist(),
        "grad_weight": weight.grad.tolist(),
        "grad_bias": bias.grad.tolist(),
    }

with open("torch_conv.json", "w") as out:
    json.dump(cases, out, indent=1)
