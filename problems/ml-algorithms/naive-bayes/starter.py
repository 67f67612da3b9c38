import numpy as np


def fit_gaussian_nb(X, y, var_smoothing=1e-9):
    """Fit Gaussian naive Bayes.

    Args:
        X: (n, d) float array. y: (n,) labels (any sortable values, e.g. [3, 7] or strings).
        var_smoothing: eps = var_smoothing * max_j Var(X[:, j]) (biased, whole X) is added
            to every per-class variance.

    Returns:
        dict with keys
          "classes": np.unique(y), shape (K,)
          "priors":  class frequencies count_k / n, shape (K,)
          "means":   per-class feature means, shape (K, d)
          "vars":    per-class biased (ddof=0) feature variances + eps, shape (K, d)
    """
    raise NotImplementedError


def predict_gaussian_nb(model, X):
    """Predict labels for X (m, d) with a model from fit_gaussian_nb.

    Uses log space: argmax_k log prior_k + sum_j log N(x_j; mean_kj, var_kj).
    Exact ties go to the first class in model["classes"] (the smallest label).

    Returns:
        np.ndarray of shape (m,) with labels from model["classes"].
    """
    raise NotImplementedError
