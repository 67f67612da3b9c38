import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y_true = np.asarray(y_true).ravel().astype(float)
    y_prob = np.asarray(y_prob, dtype=float).ravel()
    if y_true.shape != y_prob.shape:
        raise ValueError("y_true and y_prob must have the same length")
    n = y_prob.size
    idx = np.clip(np.ceil(y_prob * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    sum_y = np.bincount(idx, weights=y_true, minlength=n_bins)
    sum_p = np.bincount(idx, weights=y_prob, minlength=n_bins)
    # (n_b / n) * |sum_y/n_b - sum_p/n_b| == |sum_y - sum_p| / n ; empty bins give 0
    return float(np.sum(np.abs(sum_y - sum_p)) / n)
