import numpy as np


def mlp_forward(x, weights, biases):
    h = np.asarray(x, dtype=np.float64)
    L = len(weights)
    for i in range(L):
        h = h @ np.asarray(weights[i], dtype=np.float64) + np.asarray(biases[i], dtype=np.float64)
        if i < L - 1:
            h = np.maximum(h, 0.0)
    z = h - h.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
