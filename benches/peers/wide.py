"""The wide networks of src/bin/wide.rs with PyTorch and numpy, on one thread each:
`784 => relu W => relu W => softmax 10` for W = 128, 512, 1,024 and 2,048.

Prints a JSON list of rows, [library, figures]: for each library, the training samples/s (SGD on batches of 64 with cross
entropy: PyTorch's zero_grad, forward, loss, backward, step; numpy's forward and backward written
out) and the inference samples/s (one sample's forward pass), one figure per width, each the
median of three rounds. src/bin/wide.rs runs this script and adds the figures to its table.

Needs Debian's python3-torch and libopenblas0-serial: without OpenBLAS, PyTorch and Debian's numpy
fall back to the reference BLAS, 10-20x slower.
"""
import json, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

WIDTHS = [128, 512, 1024, 2048]
BATCH = 64


def per_second(f, samples):
    """Samples per second of `f`, which processes `samples`: the median of three rounds."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            f()
        if time.perf_counter() - start > 0.1:
            break
        calls *= 2
    calls *= 5
    rounds = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls):
            f()
        rounds.append(samples * calls / (time.perf_counter() - start))
    return sorted(rounds)[1]


def numpy_figures(width):
    rng = np.random.default_rng(width)
    f32 = np.float32
    shapes = [(784, width), (width, width), (width, 10)]
    weights = [(rng.standard_normal(s) * np.sqrt(2 / s[0])).astype(f32) for s in shapes]
    biases = [np.zeros(s[1], f32) for s in shapes]
    images = rng.random((BATCH, 784)).astype(f32)
    onehot = np.eye(10, dtype=f32)[np.arange(BATCH) % 10]

    def forward(x):
        zs = [x]
        for i, (w, b) in enumerate(zip(weights, biases)):
            u = zs[-1] @ w + b
            zs.append(np.maximum(u, 0) if i < 2 else u)
        e = np.exp(zs[-1] - zs[-1].max(axis=-1, keepdims=True))
        return zs, e / e.sum(axis=-1, keepdims=True)

    def train():
        zs, y = forward(images)
        du = (y - onehot) / BATCH
        for i in reversed(range(3)):
            dz = du @ weights[i].T if i > 0 else None
            weights[i] -= f32(0.001) * (zs[i].T @ du)
            biases[i] -= f32(0.001) * du.sum(axis=0)
            if i > 0:
                du = dz * (zs[i] > 0)

    image = images[:1]
    return per_second(train, BATCH), per_second(lambda: forward(image), 1)


def torch_figures(width):
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(width)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, width),
        torch.nn.ReLU(),
        torch.nn.Linear(width, width),
        torch.nn.ReLU(),
        torch.nn.Linear(width, 10),
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
    loss_function = torch.nn.CrossEntropyLoss()
    x = torch.rand(BATCH, 784)
    y = torch.arange(BATCH) % 10

    def train():
        optimizer.zero_grad()
        loss_function(model(x), y).backward()
        optimizer.step()

    image = x[0]

    def infer():
        with torch.no_grad():
            torch.softmax(model(image), dim=-1)

    return per_second(train, BATCH), per_second(infer, 1)


rows = []
try:
    rows.append(["PyTorch", [torch_figures(width) for width in WIDTHS]])
except ImportError:
    print("PyTorch is not installed: no PyTorch row", file=sys.stderr)
rows.append(["numpy", [numpy_figures(width) for width in WIDTHS]])
json.dump(rows, sys.stdout)
