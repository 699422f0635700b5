"""The steps of examples/wide_training.rs in PyTorch, on one thread: `784 => relu W => relu W =>
softmax 10` for W = 128, 512, 1,024 and 2,048, SGD on batches of 64 with cross entropy
(zero_grad, forward, loss, backward, step), in samples per second.

Run with Debian's python3-torch and libopenblas0-serial (without OpenBLAS, PyTorch falls back to
the reference BLAS, 10-20x slower): python3 benches/peers/wide.py
"""
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(1)
print("| network | samples/s |")
print("| --- | --- |")
for width in [128, 512, 1024, 2048]:
    model = torch.nn.Sequential(
        torch.nn.Linear(784, width),
        torch.nn.ReLU(),
        torch.nn.Linear(width, width),
        torch.nn.ReLU(),
        torch.nn.Linear(width, 10),
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
    loss_function = torch.nn.CrossEntropyLoss()
    x = torch.rand(64, 784)
    y = torch.arange(64) % 10

    def step():
        optimizer.zero_grad()
        loss_function(model(x), y).backward()
        optimizer.step()

    step()
    start, steps = time.time(), 0
    while time.time() - start < 3.0:
        step()
        steps += 1
    print(f"| `784 => relu {width} => relu {width} => softmax 10` | {steps * 64 / (time.time() - start):.0f} |")
