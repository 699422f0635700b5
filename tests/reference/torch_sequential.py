"""A multi-layer perceptron built as PyTorch users build one, an `nn.Sequential`, saved with
safetensors from its state dict, and PyTorch's own outputs for a few inputs.

    model = torch.nn.Sequential(
        torch.nn.Linear(4, 6), torch.nn.ReLU(),
        torch.nn.Linear(6, 5), torch.nn.Tanh(),
        torch.nn.Linear(5, 3), torch.nn.Softmax(dim=-1),
    )

Its state dict names the tensors by module number: `0.weight`, `0.bias`, `2.weight`, `2.bias`,
`4.weight`, `4.bias` (the activations have none). The same model kept as the attribute `net` of
another module has `net.0.weight`, …: both files are written.

Run with PyTorch (Debian's `python3-torch`) and the `safetensors` package, from this directory:
    python3 -m venv --system-site-packages venv && venv/bin/pip install safetensors
    venv/bin/python torch_sequential.py
(writes torch_sequential.safetensors, torch_sequential_prefixed.safetensors and
torch_sequential.json)
"""
import json

import torch
from safetensors.torch import save_file

torch.manual_seed(2026)
model = torch.nn.Sequential(
    torch.nn.Linear(4, 6),
    torch.nn.ReLU(),
    torch.nn.Linear(6, 5),
    torch.nn.Tanh(),
    torch.nn.Linear(5, 3),
    torch.nn.Softmax(dim=-1),
)
save_file(model.state_dict(), "torch_sequential.safetensors")


class Wrapped(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net


save_file(Wrapped(model).state_dict(), "torch_sequential_prefixed.safetensors")

inputs = torch.rand(8, 4) * 4 - 2
with torch.no_grad():
    outputs = model(inputs)
with open("torch_sequential.json", "w") as f:
    json.dump(
        {
            "torch": torch.__version__,
            "keys": list(model.state_dict()),
            "inputs": inputs.tolist(),
            "outputs": outputs.tolist(),
        },
        f,
        indent=1,
    )
