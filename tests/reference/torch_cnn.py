"""Convolutional networks as PyTorch users build them, `nn.Sequential`s in float64, saved with
safetensors, with PyTorch's output and every parameter's gradient for one sample, for
`tests/cnn.rs`.

Each network is also declared with `nn::network!` in the test, stage for stage:

    cnn_valid_max:  [1, 8, 8] => relu conv2d(4, 3x3) => max_pool2d(2x2) => relu 8 => identity 3
    cnn_same_avg:   [2, 7, 6] => tanh conv2d(3, 3x2, stride 2x1, same)
                    => sigmoid conv2d(2, 2x2, padding 1) => avg_pool2d(2x2, stride 1) => identity 2
    cnn_pointwise:  [3, 5, 5] => relu conv2d(4, 1x1) => global_avg_pool2d() => identity 2
    cnn_1d:         [2, 20] => relu conv1d(4, 3, stride 2, same) => max_pool1d(2)
                    => tanh conv1d(3, 2, padding 1) => avg_pool1d(2, stride 1) => identity 2

`same` is TensorFlow's: the odd zero of the padding after (below, right), which `nn.Conv2d`'s
own padding cannot do, so a `ZeroPad2d` comes first. Dense layers after a convolution read its
output flattened in PyTorch's order (`nn.Flatten`: channel, row, column). The loss is `nn`'s `Mse`,
`mean((d - y)^2) / 2`.

Run with PyTorch (Debian's `python3-torch`) and the `safetensors` package, from this directory:
    python3 -m venv --system-site-packages venv && venv/bin/pip install safetensors
    venv/bin/python torch_cnn.py
(writes torch_cnn_*.safetensors and torch_cnn.json)
"""
import json

import torch
from safetensors.torch import save_file

torch.manual_seed(2026)
torch.set_default_dtype(torch.float64)
nn = torch.nn

NETWORKS = {
    "cnn_valid_max": (
        (1, 8, 8),
        3,
        nn.Sequential(
            nn.Conv2d(1, 4, (3, 3)),
            nn.ReLU(),
            nn.MaxPool2d((2, 2)),
            nn.Flatten(0),
            nn.Linear(36, 8),
            nn.ReLU(),
            nn.Linear(8, 3),
        ),
    ),
    "cnn_same_avg": (
        (2, 7, 6),
        2,
        nn.Sequential(
            # `same`, stride 2 x 1: 4 x 6 places; rows padded 1 above and 1 below, columns 0
            # before and 1 after.
            nn.ZeroPad2d((0, 1, 1, 1)),
            nn.Conv2d(2, 3, (3, 2), stride=(2, 1)),
            nn.Tanh(),
            nn.Conv2d(3, 2, (2, 2), padding=1),
            nn.Sigmoid(),
            nn.AvgPool2d((2, 2), stride=1),
            nn.Flatten(0),
            nn.Linear(48, 2),
        ),
    ),
    "cnn_1d": (
        (2, 20),
        2,
        nn.Sequential(
            # `same`, stride 2: 10 places, the input padded 0 before and 1 after.
            nn.ConstantPad1d((0, 1), 0.0),
            nn.Conv1d(2, 4, 3, stride=2),
            nn.ReLU(),
            nn.MaxPool1d(2),
            nn.Conv1d(4, 3, 2, padding=1),
            nn.Tanh(),
            nn.AvgPool1d(2, stride=1),
            nn.Flatten(0),
            nn.Linear(15, 2),
        ),
    ),
    "cnn_pointwise": (
        (3, 5, 5),
        2,
        nn.Sequential(
            nn.Conv2d(3, 4, (1, 1)),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten(0),
            nn.Linear(4, 2),
        ),
    ),
}

cases = {}
for name, (shape, outputs, model) in NETWORKS.items():
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, f"torch_{name}.safetensors")
    x = torch.randn(*shape)
    d = torch.randn(outputs)
    y = model(x)
    loss = ((d - y) ** 2).mean() / 2
    model.zero_grad()
    loss.backward()
    cases[name] = {
        "x": x.flatten().tolist(),
        "d": d.tolist(),
        "y": y.tolist(),
        "loss": loss.item(),
        # In the state dict's order, each flattened in PyTorch's layout.
        "gradients": [p.grad.flatten().tolist() for p in model.parameters()],
    }

with open("torch_cnn.json", "w") as out:
    json.dump(cases, out, indent=1)
