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

and, with batch normalisation, trained on a batch of 5 samples and on one alone, and run in
inference on the 5 with the running averages PyTorch saved:

    tiny_batch_norm:       [2, 6, 6] => conv2d(4, 3x3, same) => relu batch_norm()
                           => relu residual { => conv2d(4, 3x3, same)
                               => relu batch_norm(eps 0.001, momentum 0.01)
                               => conv2d(4, 3x3, same) => batch_norm() }
                           => global_avg_pool2d() => identity 3
    tiny_batch_norm_dense: 6 => identity 8 => relu batch_norm() => identity 3

A depthwise convolution is PyTorch's `nn.Conv2d` with `groups` equal to its channels; its weight
is `[channels, 1, kernel rows, kernel columns]`. A residual network is a module of its own, its
layers named as `nn` numbers them: in order, a block's stages, then its shortcut's, then the sum
(which has no parameters, but a number).

Run with PyTorch (Debian's `python3-torch`) and the `safetensors` package, from this directory:
    python3 -m venv --system-site-packages venv && venv/bin/pip install safetensors
    venv/bin/python torch_tiny.py
(writes torch_tiny_*.safetensors and torch_tiny.json)
"""
import copy
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


class Normalized(nn.Module):
    """ResNet-8's block: convolutions each followed by batch normalisation, the sum's ReLU last."""

    def __init__(self):
        super().__init__()
        self.layer1 = nn.Conv2d(2, 4, 3, padding=1)
        self.layer2 = nn.BatchNorm2d(4)
        self.layer3 = nn.Conv2d(4, 4, 3, padding=1)
        self.layer4 = nn.BatchNorm2d(4, eps=1e-3, momentum=0.01)
        self.layer5 = nn.Conv2d(4, 4, 3, padding=1)
        self.layer6 = nn.BatchNorm2d(4)
        # layer7: the sum; layer8: the global pooling.
        self.layer9 = nn.Linear(4, 3)

    def forward(self, x):
        relu = torch.relu
        z2 = relu(self.layer2(self.layer1(x)))
        z4 = relu(self.layer4(self.layer3(z2)))
        z7 = relu(self.layer6(self.layer5(z4)) + z2)
        return self.layer9(z7.mean(dim=(2, 3)))


def normalized_dense():
    return nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))


# With batch normalisation: name: (input shape, outputs, the model's constructor)
NORMALIZED = {
    "tiny_batch_norm": ((2, 6, 6), 3, Normalized),
    "tiny_batch_norm_dense": ((6,), 3, normalized_dense),
}
SAMPLES = 5


def gradients(model, x, d):
    """The loss of a batch, the sum of each sample's `Mse`, and its gradients, in train mode."""
    model.train()
    y = model(x)
    loss = (((d - y) ** 2).mean(dim=1) / 2).sum()
    model.zero_grad()
    loss.backward()
    return loss.item(), [p.grad.flatten().tolist() for p in model.parameters()]


def running(model):
    return [
        t.flatten().tolist()
        for name, t in model.state_dict().items()
        if name.endswith("running_mean") or name.endswith("running_var")
    ]


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

for seed, (name, (shape, outputs, make)) in enumerate(NORMALIZED.items()):
    torch.manual_seed(2126 + seed)
    model = make()
    # Running averages other than the initial ones, so that inference shows them.
    for module in model.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 1.5)
    save_file(
        {k: v.contiguous() for k, v in model.state_dict().items()},
        f"torch_{name}.safetensors",
    )
    x = torch.randn(SAMPLES, *shape)
    d = torch.randn(SAMPLES, outputs)
    model.eval()
    y_eval = model(x)
    alone = copy.deepcopy(model)
    loss, grads = gradients(model, x, d)
    one_loss, one_grads = (None, None)
    if len(shape) > 1:  # PyTorch normalises one sample only over places, of which a dense layer has one.
        one_loss, one_grads = gradients(alone, x[:1], d[:1])
    cases[name] = {
        "x": x.flatten().tolist(),
        "d": d.flatten().tolist(),
        "y_eval": y_eval.flatten().tolist(),
        "loss": loss,
        "gradients": grads,
        # After the batch's forward pass in train mode.
        "running": running(model),
        "one_loss": one_loss,
        "one_gradients": one_grads,
    }

with open("torch_tiny.json", "w") as out:
    json.dump(cases, out, indent=1)
