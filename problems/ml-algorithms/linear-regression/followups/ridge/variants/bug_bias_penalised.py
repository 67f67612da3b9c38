"""Bug: ridge on [X, 1] without centring, so the intercept is shrunk too. Caught by test_matches_ridge_closed_form and test_bias_is_not_shrunk."""
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
        A = np.hstack([X, np.ones((X.shape[0], 1))])
        coef = np.linalg.solve(A.T @ A + l2 * np.eye(A.shape[1]), A.T @ y)
        return coef[:-1], float(coef[-1])
    bias = float(y_mean - x_mean @ weights)
    return weights, bias
