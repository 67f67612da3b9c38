import numpy as np


def fit_linear_regression(X, y):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x_mean = X.mean(axis=0)
    y_mean = y.mean()
    # centring removes the intercept; lstsq returns the minimum-norm weights when Xc is rank deficient
    weights = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    bias = float(y_mean - x_mean @ weights)
    return weights, bias
