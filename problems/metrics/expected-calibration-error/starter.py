import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    """Expected calibration error of a binary classifier.

    Args:
        y_true: array-like, shape (n,), labels in {0, 1} (int or bool).
        y_prob: array-like, shape (n,), predicted probability of class 1, in [0, 1].
        n_bins: int >= 1, number of equal-width bins over [0, 1].
            Bins are right-inclusive: [0, 1/n], (1/n, 2/n], ..., ((n-1)/n, 1].

    Returns:
        float: sum over non-empty bins of (n_b / n) * |mean(y_true in b) - mean(y_prob in b)|.
        Empty bins are skipped. Inputs must not be modified.
    """
    raise NotImplementedError
