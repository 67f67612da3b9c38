import numpy as np


def predict_proba(X, weights, bias):
    """Return sigmoid(X @ weights + bias), shape (n,), computed without overflow.

    Args:
        X: array-like (n, d).
        weights: array-like (d,).
        bias: float.
    """
    raise NotImplementedError


def fit_logistic_regression(X, y, lr=0.1, epochs=1000):
    """Binary logistic regression, full-batch gradient descent on the MEAN log loss.

    weights = zeros(d), bias = 0.0 at the start; `epochs` updates, each using both
    gradients computed at the current parameters:
        grad_w = X.T @ (p - y) / n,   grad_b = mean(p - y),   p = sigmoid(X @ w + b)

    Args:
        X: array-like (n, d) floats. Must not be modified.
        y: array-like (n,) of 0/1.
        lr: learning rate.
        epochs: number of gradient steps.

    Returns:
        weights: float array (d,)
        bias: float
    """
    raise NotImplementedError
