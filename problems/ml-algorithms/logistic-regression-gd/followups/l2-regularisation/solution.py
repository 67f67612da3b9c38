import numpy as np


def _sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def predict_proba(X, weights, bias):
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    return _sigmoid(X @ w + float(bias))


def fit_logistic_regression(X, y, lr=0.1, epochs=1000, l2=0.0):
    if l2 < 0:
        raise ValueError("l2 must be >= 0, got %r" % (l2,))
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        err = _sigmoid(X @ w + b) - y          # (n,)
        grad_w = X.T @ err / n + l2 * w      # penalty (l2 / 2) * ||w||^2; the bias is not penalised
        grad_b = err.mean()
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)
