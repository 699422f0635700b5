"""A convolutional network trained by PyTorch on the digits of `examples/data/digits.csv.gz`, saved
with safetensors, and PyTorch's predictions for the last 100 images, which it did not train on;
`tests/cnn.rs` loads the file into the same network declared with `nn::network!`:

    [1, 8, 8] => relu conv2d(8, 3x3) => max_pool2d(2x2) => relu 32 => softmax 10

Run with PyTorch (Debian's `python3-torch`) and the `safetensors` package, from this directory:
    python3 -m venv --system-site-packages venv && venv/bin/pip install safetensors
    venv/bin/python torch_digits_cnn.py
(writes torch_digits_cnn.safetensors and torch_digits_cnn.json)
"""
import gzip
import json

import torch
from safetensors.torch import save_file

torch.manual_seed(2026)
with gzip.open("../../examples/data/digits.csv.gz", "rt") as f:
    rows = [[int(v) for v in line.split(",")] for line in f if line.strip()]
pixels = torch.tensor([row[:64] for row in rows], dtype=torch.float32) / 16.0
labels = torch.tensor([row[64] for row in rows])
images = pixels.reshape(-1, 1, 8, 8)
train_images, train_labels = images[:-100], labels[:-100]
held_out = images[-100:]

nn = torch.nn
model = nn.Sequential(
    nn.Conv2d(1, 8, 3),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(72, 32),
    nn.ReLU(),
    nn.Linear(32, 10),
)
optimizer = torch.optim.Adam(model.parameters(), lr=0.003)
for epoch in range(20):
    order = torch.randperm(len(train_images))
    for start in range(0, len(order), 32):
        batch = order[start : start + 32]
        loss = nn.functional.cross_entropy(model(train_images[batch]), train_labels[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

save_file({k: v.contiguous() for k, v in model.state_dict().items()}, "torch_digits_cnn.safetensors")
with torch.no_grad():
    probabilities = torch.softmax(model(held_out), dim=1)
classes = probabilities.argmax(dim=1)
print("held-out accuracy:", (classes == labels[-100:]).float().mean().item())
with open("torch_digits_cnn.json", "w") as out:
    json.dump(
        {
            "images": held_out.reshape(-1, 64).tolist(),
            "classes": classes.tolist(),
            "probabilities": probabilities.tolist(),
        },
        out,
    )
