import numpy as np


def fit_linear_regression(X, y):
    """Ordinary least squares with an intercept, closed form.

    Minimise sum((X @ w + b - y) ** 2). If several (w, b) are optimal (rank-deficient X),
    return the one with the smallest ||w||; the bias is not included in the norm.

    Args:
        X: array-like (n, d). Must not be modified.
        y: array-like (n,).

    Returns:
        weights: float array (d,)
        bias: float
    """
    raise NotImplementedError
