"""A safetensors file as PyTorch writes one for a model of two nn.Linear layers, made with the
`safetensors` and `numpy` packages (no PyTorch needed: the layout is the same), and numpy's outputs
for a few inputs.

The model, in PyTorch terms:

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layer1 = torch.nn.Linear(4, 5)
            self.layer2 = torch.nn.Linear(5, 3)
        def forward(self, x):
            return self.layer2(torch.relu(self.layer1(x)))

`nn.Linear` keeps its weight as [out_features][in_features] and computes y = x W^T + b.
Run: python torch_linear.py  (writes torch_linear.safetensors and torch_linear.json)
"""
import json
import numpy as np
from safetensors.numpy import save_file

rng = np.random.default_rng(4253)
tensors = {
    "layer1.weight": rng.uniform(-1, 1, (5, 4)).astype(np.float32),
    "layer1.bias": rng.uniform(-1, 1, 5).astype(np.float32),
    "layer2.weight": rng.uniform(-1, 1, (3, 5)).astype(np.float32),
    "layer2.bias": rng.uniform(-1, 1, 3).astype(np.float32),
}
save_file(tensors, "torch_linear.safetensors")

inputs = rng.uniform(-2, 2, (6, 4)).astype(np.float32)
h = np.maximum(0, inputs @ tensors["layer1.weight"].T + tensors["layer1.bias"])
outputs = h @ tensors["layer2.weight"].T + tensors["layer2.bias"]
with open("torch_linear.json", "w") as f:
    json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f, indent=1)
