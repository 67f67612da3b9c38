import numpy as np


def mse_gradient(X, y, w, b):
    """Gradient of the mean squared error (reference)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    r = X @ w + b - y
    m = len(y)
    return (2.0 / m) * (X.T @ r), float((2.0 / m) * r.sum())


def sgd_linear_regression(X, y, lr=0.01, epochs=100, batch_size=32, seed=0):
    """Mini-batch SGD for linear regression (reference)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]      # last batch may be shorter; it is used
            grad_w, grad_b = mse_gradient(X[idx], y[idx], w, b)
            w = w - lr * grad_w
            b = b - lr * grad_b
    return w, float(b)
