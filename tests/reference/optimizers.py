"""Reference values for nn's optimisers: the first three steps of each on a tiny network, in numpy float64.

Network 2 => tanh 2 => identity 1 (u = x·W + b, W shaped [inputs][outputs]), loss
mean((d - y)^2) / 2, one sample per step. Each optimiser starts from the same weights.
Run: python optimizers.py > optimizers.json
"""
import json, sys
import numpy as np

W1 = np.array([[0.5, -0.3], [0.2, 0.8]]); b1 = np.array([0.1, -0.2])
W2 = np.array([[0.7], [-0.4]]); b2 = np.array([0.05])
samples = [(np.array([0.5, -1.0]), np.array([0.25])),
           (np.array([-0.3, 0.9]), np.array([-0.5])),
           (np.array([1.2, 0.4]), np.array([1.0]))]

def gradient(p, x, d):
    u1 = x @ p["W1"] + p["b1"]; z1 = np.tanh(u1); y = z1 @ p["W2"] + p["b2"]
    dy = (y - d) / y.size
    du1 = (dy @ p["W2"].T) * (1 - z1 ** 2)
    return {"W1": np.outer(x, du1), "b1": du1, "W2": np.outer(z1, dy), "b2": dy}

def sgd(lr, wd=0.0):
    def step(p, g, s):
        for k in p: p[k] = p[k] - lr * (g[k] + wd * p[k])
    return step

def momentum(lr, mu, wd=0.0):
    def step(p, g, s):
        for k in p:
            s.setdefault(k, np.zeros_like(p[k]))
            s[k] = mu * s[k] - lr * (g[k] + wd * p[k]); p[k] = p[k] + s[k]
    return step

def adagrad(lr, eps=1e-7, wd=0.0):
    def step(p, g, s):
        for k in p:
            gk = g[k] + wd * p[k]; s[k] = s.get(k, 0) + gk * gk
            p[k] = p[k] - lr * gk / (np.sqrt(s[k]) + eps)
    return step

def rmsprop(lr, rho=0.99, eps=1e-7, wd=0.0):
    def step(p, g, s):
        for k in p:
            gk = g[k] + wd * p[k]; s[k] = rho * s.get(k, 0) + (1 - rho) * gk * gk
            p[k] = p[k] - lr * gk / (np.sqrt(s[k]) + eps)
    return step

def adam(lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0):
    def step(p, g, s):
        s["t"] = s.get("t", 0) + 1; t = s["t"]
        for k in p:
            gk = g[k] + wd * p[k]
            s["m" + k] = b1 * s.get("m" + k, 0) + (1 - b1) * gk
            s["v" + k] = b2 * s.get("v" + k, 0) + (1 - b2) * gk * gk
            m_hat = s["m" + k] / (1 - b1 ** t); v_hat = s["v" + k] / (1 - b2 ** t)
            p[k] = p[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
    return step

optimizers = {
    "sgd": (sgd(0.1), dict(learning_rate=0.1)),
    "sgd_weight_decay": (sgd(0.1, wd=0.05), dict(learning_rate=0.1, weight_decay=0.05)),
    "momentum": (momentum(0.1, 0.9), dict(learning_rate=0.1, momentum=0.9)),
    "momentum_weight_decay": (momentum(0.1, 0.9, wd=0.05), dict(learning_rate=0.1, momentum=0.9, weight_decay=0.05)),
    "adagrad": (adagrad(0.1), dict(learning_rate=0.1)),
    "rmsprop": (rmsprop(0.01), dict(learning_rate=0.01)),
    "adam": (adam(0.01), dict(learning_rate=0.01)),
    "adam_weight_decay": (adam(0.01, wd=0.05), dict(learning_rate=0.01, weight_decay=0.05)),
}

L = lambda a: np.asarray(a).tolist()
out = {"start": {k: L(v) for k, v in dict(W1=W1, b1=b1, W2=W2, b2=b2).items()},
       "samples": [{"x": L(x), "d": L(d)} for x, d in samples], "optimizers": {}}
for name, (step, hyper) in optimizers.items():
    p = dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy()); state = {}; steps = []
    for x, d in samples:
        step(p, gradient(p, x, d), state)
        steps.append({k: L(v) for k, v in p.items()})
    out["optimizers"][name] = {"hyperparameters": hyper, "steps": steps}
json.dump(out, sys.stdout, indent=1)
