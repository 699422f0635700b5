"""The workloads of benches/peers with numpy, and with PyTorch on the CPU if it is installed.

Prints one JSON object: for each library, ns per sample of W1 (seed3 forward), W2 (regression
step), W3 inference and W3 training (batch 32), W4 (the digits CNN), W5 (MLPerf Tiny's DS-CNN)
and W6 (its ResNet-8) inference and training (batch 32), each the median of three rounds; null
where a library has no such workload (numpy has no convolutions). The Rust harness
(src/main.rs) runs this script and adds the figures to its table.

Setup: see src/main.rs (numpy from PyPI, PyTorch from Debian's python3-torch).
numpy uses OpenBLAS's own threads (two on this machine); PyTorch is set to one thread.
"""
import json, sys, time
import numpy as np

def timed(f):
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls): f()
        if time.perf_counter() - start > 0.05: break
        calls *= 2
    calls *= 10
    rounds = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls): f()
        rounds.append((time.perf_counter() - start) * 1e9 / calls)
    return sorted(rounds)[1]

rng = np.random.default_rng(0)
f32 = np.float32
relu = lambda u: np.maximum(u, 0)

def softmax(u):
    e = np.exp(u - u.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def numpy_row():
    s = [(rng.standard_normal((i, o)).astype(f32), rng.standard_normal(o).astype(f32)) for i, o in [(2, 3), (3, 2), (2, 2)]]
    x = np.array([1.0, 2.0], f32)
    w1 = timed(lambda: relu(relu(x @ s[0][0] + s[0][1]) @ s[1][0] + s[1][1]) @ s[2][0] + s[2][1])

    p = {"W1": rng.standard_normal((2, 10)).astype(f32), "b1": rng.standard_normal(10).astype(f32),
         "W2": rng.standard_normal((10, 1)).astype(f32), "b2": rng.standard_normal(1).astype(f32)}
    xr, d = np.array([0.25, 0.75], f32), np.array([2.25], f32)
    def step():
        u1 = xr @ p["W1"] + p["b1"]; z1 = relu(u1); y = z1 @ p["W2"] + p["b2"]
        delta2 = y - d
        delta1 = (delta2 @ p["W2"].T) * (u1 > 0)
        p["W2"] -= f32(0.07) * np.outer(z1, delta2); p["b2"] -= f32(0.07) * delta2
        p["W1"] -= f32(0.07) * np.outer(xr, delta1); p["b1"] -= f32(0.07) * delta1
    w2 = timed(step)

    m = {"W1": (rng.standard_normal((784, 128)) * np.sqrt(2 / 784)).astype(f32), "b1": np.zeros(128, f32),
         "W2": (rng.standard_normal((128, 10)) * np.sqrt(2 / 128)).astype(f32), "b2": np.zeros(10, f32)}
    images = rng.random((32, 784)).astype(f32)
    onehot = np.eye(10, dtype=f32)[np.arange(32) % 10]
    image = images[0]
    w3 = timed(lambda: softmax(relu(image @ m["W1"] + m["b1"]) @ m["W2"] + m["b2"]))
    def train():
        u1 = images @ m["W1"] + m["b1"]; z1 = relu(u1); y = softmax(z1 @ m["W2"] + m["b2"])
        du2 = (y - onehot) / 32
        du1 = (du2 @ m["W2"].T) * (u1 > 0)
        m["W2"] -= f32(0.01) * (z1.T @ du2); m["b2"] -= f32(0.01) * du2.sum(axis=0)
        m["W1"] -= f32(0.01) * (images.T @ du1); m["b1"] -= f32(0.01) * du1.sum(axis=0)
    t = timed(train) / 32
    return [w1, w2, w3, t, None, None, None, None, None, None]

def torch_row():
    import torch
    torch.set_num_threads(1)
    with torch.no_grad():
        s = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2), torch.nn.ReLU(), torch.nn.Linear(2, 2))
        x = torch.tensor([1.0, 2.0])
        w1 = timed(lambda: s(x))
    r = torch.nn.Sequential(torch.nn.Linear(2, 10), torch.nn.ReLU(), torch.nn.Linear(10, 1))
    opt = torch.optim.SGD(r.parameters(), lr=0.07)
    xr, d = torch.tensor([0.25, 0.75]), torch.tensor([2.25])
    def step():
        opt.zero_grad(); loss = ((r(xr) - d) ** 2).mean() / 2; loss.backward(); opt.step()
    w2 = timed(step)
    m = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    images = torch.rand(32, 784); labels = torch.arange(32) % 10
    with torch.no_grad():
        w3 = timed(lambda: torch.softmax(m(images[0]), dim=-1))
    opt = torch.optim.SGD(m.parameters(), lr=0.01)
    def train():
        opt.zero_grad(); torch.nn.functional.cross_entropy(m(images), labels).backward(); opt.step()
    t = timed(train) / 32
    nn = torch.nn
    cnn = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    digits = torch.rand(32, 1, 8, 8)
    with torch.no_grad():
        cnn_inference = timed(lambda: torch.softmax(cnn(digits[:1]), dim=-1))
    opt = torch.optim.SGD(cnn.parameters(), lr=0.01)
    def cnn_train():
        opt.zero_grad(); torch.nn.functional.cross_entropy(cnn(digits), labels).backward(); opt.step()
    cnn_t = timed(cnn_train) / 32
    return [w1, w2, w3, t, cnn_inference, cnn_t] + tiny(labels)

def torch_nn():
    import torch
    return torch.nn

def normalized(conv, filters, relu=True):
    """A convolution, batch normalisation as Keras's (eps 1e-3, momentum 0.99), perhaps ReLU."""
    layers = [conv, torch_nn().BatchNorm2d(filters, eps=1e-3, momentum=0.01)]
    return layers + [torch_nn().ReLU()] if relu else layers

def ds_cnn():
    """MLPerf Tiny's DS-CNN for keyword spotting (as examples/tiny/models.rs declares it)."""
    nn = torch_nn()
    # `same` for the 10 x 4 kernel at stride 2 on 49 x 10: rows padded 4 and 5, columns 1 and 1.
    layers = [nn.ZeroPad2d((1, 1, 4, 5))] + normalized(nn.Conv2d(1, 64, (10, 4), stride=2), 64)
    for _ in range(4):
        layers += normalized(nn.Conv2d(64, 64, 3, padding=1, groups=64), 64)
        layers += normalized(nn.Conv2d(64, 64, 1), 64)
    return nn.Sequential(*layers, nn.AvgPool2d((24, 5)), nn.Flatten(), nn.Linear(64, 12))

def resnet8():
    """MLPerf Tiny's ResNet-8 for image classification."""
    import torch
    nn = torch.nn
    class Stack(nn.Module):
        def __init__(self, channels, filters, stride):
            super().__init__()
            pad = [nn.ZeroPad2d((0, 1, 0, 1))] if stride == 2 else []
            self.block = nn.Sequential(*pad, *normalized(nn.Conv2d(channels, filters, 3, stride=stride, padding=0 if stride == 2 else 1), filters),
                                       *normalized(nn.Conv2d(filters, filters, 3, padding=1), filters, relu=False))
            self.shortcut = nn.Conv2d(channels, filters, 1, stride=stride) if stride == 2 else nn.Identity()
        def forward(self, x):
            return torch.relu(self.block(x) + self.shortcut(x))
    return nn.Sequential(*normalized(nn.Conv2d(3, 16, 3, padding=1), 16), Stack(16, 16, 1), Stack(16, 32, 2),
                         Stack(32, 64, 2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))

def tiny(labels):
    """W5 and W6: DS-CNN and ResNet-8 inference in eval mode on one sample, and a training step on 32."""
    import torch
    row = []
    for model, shape in [(ds_cnn(), (1, 49, 10)), (resnet8(), (3, 32, 32))]:
        inputs = torch.rand(32, *shape)
        model.eval()
        with torch.no_grad():
            row.append(timed(lambda: torch.softmax(model(inputs[:1]), dim=-1)))
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        def step():
            opt.zero_grad(); torch.nn.functional.cross_entropy(model(inputs), labels).backward(); opt.step()
        row.append(timed(step) / 32)
    return row

rows = {"numpy": numpy_row()}
try:
    rows["PyTorch"] = torch_row()
except ImportError:
    print("PyTorch is not installed: no PyTorch column", file=sys.stderr)
json.dump(rows, sys.stdout)
