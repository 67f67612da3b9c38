"""Bug: uses the mean squared error + l2 * ||w||^2 (l2 multiplied by n in the normal equations), a different convention from the stated sum. Caught by test_matches_ridge_closed_form and test_penalty_is_on_the_sum_not_the_mean."""
import numpy as np


def fit_linear_regression(X, y, l2=0.0):
    """Least squares with an unpenalised intercept and an optional ridge penalty.

    Minimises sum((X @ w + b - y) ** 2) + l2 * sum(w ** 2). l2 = 0: the minimum-norm least-squares
    weights (part 1). l2 > 0: the unique ridge solution w = (Xc.T Xc + l2 I)^-1 Xc.T yc on centred
    data, b = mean(y) - mean(X) @ w."""
    if not l2 >= 0:
        raise ValueError("l2 must be >= 0, got %r" % (l2,))
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x_mean = X.mean(axis=0)
    y_mean = y.mean()
    Xc, yc = X - x_mean, y - y_mean
    if l2 == 0:
        weights = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    else:
        d = X.shape[1]
        weights = np.linalg.solve(Xc.T @ Xc + X.shape[0] * l2 * np.eye(d), Xc.T @ yc)
    bias = float(y_mean - x_mean @ weights)
    return weights, bias
