import numpy as np


def best_split(X, y, criterion="gini"):
    """Best (feature, threshold) split of a decision-tree node.

    Args:
        X: array-like (n, d) of numbers. Must not be modified.
        y: array-like (n,) of class labels (ints or strings).
        criterion: "gini" (1 - sum p^2) or "entropy" (-sum p log2 p, in bits).

    Candidate thresholds: midpoints between consecutive DISTINCT sorted values of a
    feature; left child = X[:, j] <= threshold.
    gain = I(parent) - n_L/n * I(left) - n_R/n * I(right).
    Ties (gains within 1e-12): lowest feature index, then lowest threshold.

    Returns:
        (feature_index: int, threshold: float, gain: float), or (None, None, 0.0) when
        no candidate split exists.
    """
    raise NotImplementedError
