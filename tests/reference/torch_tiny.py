"""The layers of the MLPerf Tiny models as PyTorch users build them, in float64, saved with
safetensors, with PyTorch's output and every parameter's gradient for one sample, for
`tests/cnn.rs` (as `torch_cnn.py`, whose conventions these follow).

Each network is also declared with `nn::network!` in the test, stage for stage:

    tiny_depthwise: [3, 7, 6] => relu depthwise_conv2d(3x2, stride 2, same) => tanh conv2d(4, 1x1)
                    => sigmoid depthwise_conv2d(3x3, padding 1) => identity 2
    tiny_residual:  [2, 6, 6] => relu conv2d(4, 3x3, same)
                    => relu residual { => relu conv2d(4, 3x3, same) => conv2d(4, 3x3, same) }
                    => relu residual { => relu conv2d(8, 3x3, stride 2, same) => conv2d(8, 3x3, same) }
                        shortcut { => conv2d(8, 1x1, stride 2) }
                    => global_avg_pool2d() => identity 3

A depthwise convolution is PyTorch's `nn.Conv2d` with `groups` equal to its channels; its weight
is `[channels, 1, kernel rows, kernel columns]`. A residual network is a module of its own, its
layers named as `nn` numbers them: in order, a block's stages, then its shortcut's, then the sum
(which has no parameters, but a number).

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


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Conv2d(2, 4, 3, padding=1)
        self.layer2 = nn.Conv2d(4, 4, 3, padding=1)
        self.layer3 = nn.Conv2d(4, 4, 3, padding=1)
        # layer4: the first block's sum.
        # `same`, stride 2, 3 x 3 on 6 x 6: 3 x 3 places, the one zero after.
        self.pad5 = nn.ZeroPad2d((0, 1, 0, 1))
        self.layer5 = nn.Conv2d(4, 8, 3, stride=2)
        self.layer6 = nn.Conv2d(8, 8, 3, padding=1)
        self.layer7 = nn.Conv2d(4, 8, 1, stride=2)
        # layer8: the second block's sum; layer9: the global pooling.
        self.layer10 = nn.Linear(8, 3)

    def forward(self, x):
        relu = torch.relu
        z1 = relu(self.layer1(x))
        z4 = relu(self.layer3(relu(self.layer2(z1))) + z1)
        block = self.layer6(relu(self.layer5(self.pad5(z4))))
        z8 = relu(block + self.layer7(z4))
        return self.layer10(z8.mean(dim=(1, 2)))


# name: (input shape, outputs, the model's constructor)
NETWORKS = {
    "tiny_depthwise": ((3, 7, 6), 2, depthwise),
    "tiny_residual": ((2, 6, 6), 3, Residual),
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
