import numpy as np


def mse_gradient(X, y, w, b):
    """Gradient of L(w, b) = mean((X @ w + b - y) ** 2) (mean, no factor 1/2).

    Args:
        X: (m, d) float array, y: (m,) float array, w: (d,) float array, b: float.

    Returns:
        (grad_w, grad_b): (d,) float array and float.
    """
    raise NotImplementedError


def sgd_linear_regression(X, y, lr=0.01, epochs=100, batch_size=32, seed=0):
    """Mini-batch SGD for linear regression on the MSE loss.

    Procedure (fixed): w = zeros(d), b = 0.0; rng = np.random.default_rng(seed) created once;
    every epoch perm = rng.permutation(n), batches perm[i:i + batch_size] for
    i in range(0, n, batch_size) -- the last, smaller batch is used and averaged over its own
    rows; after each batch w -= lr * grad_w, b -= lr * grad_b (using mse_gradient).
    X and y must not be modified.

    Returns:
        (w, b): float64 array of shape (d,) and a float.
    """
    raise NotImplementedError
