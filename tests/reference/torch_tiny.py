"""The layers of the MLPerf Tiny models as PyTorch users build them, in float64, saved with
safetensors, with PyTorch's output and every parameter's gradient for one sample, for
`tests/cnn.rs` (as `torch_cnn.py`, whose conventions these follow).

Each network is also declared with `nn::network!` in the test, stage for stage:

    tiny_depthwise: [3, 7, 6] => relu depthwise_conv2d(3x2, stride 2, same) => tanh conv2d(4, 1x1)
                    => sigmoid depthwise_conv2d(3x3, padding 1) => identity 2

A depthwise convolution is PyTorch's `nn.Conv2d` with `groups` equal to its channels; its weight
is `[channels, 1, kernel rows, kernel columns]`.

Run with PyTorch (Debian's `python3-torch`) and the `safetensors` package, from this directory:
    python3 -m venv --system-site-packages venv && venv/bin/pip install safetensors
    venv/bin/python torch_tiny.py
(writes torch_tiny_*.safetensors and torch_tiny.json)
"""
import json

import torch
from safetensors.torch import save_file

torch.set_default_dtype(torch.float64)
nn = torch.nn


def depthwise():
    return nn.Sequential(
        # `same`, stride 2, a 3 x 2 kernel on 7 x 6: 4 x 3 places, rows padded 1 above and 1
        # below, columns not at all.
        nn.ZeroPad2d((0, 0, 1, 1)),
        nn.Conv2d(3, 3, (3, 2), stride=2, groups=3),
        nn.ReLU(),
        nn.Conv2d(3, 4, (1, 1)),
        nn.Tanh(),
        nn.Conv2d(4, 4, (3, 3), padding=1, groups=4),
        nn.Sigmoid(),
        nn.Flatten(0),
        nn.Linear(48, 2),
    )


# name: (input shape, outputs, the model's constructor)
NETWORKS = {
    "tiny_depthwise": ((3, 7, 6), 2, depthwise),
}

cases = {}
for seed, (name, (shape, outputs, make)) in enumerate(NETWORKS.items()):
    # Each case from its own seed: adding one leaves the others as they are.
    torch.manual_seed(2026 + seed)
    model = make()
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

with open("torch_tiny.json", "w") as out:
    json.dump(cases, out, indent=1)
