"""Bug: bin = floor(i / (n / n_bins)) in floating point instead of i * n_bins // n: when i * n_bins / n
is a whole number the float quotient can fall just below it (n = 18, n_bins = 14, i = 9 gives 6.999...),
so the item lands one bin too low. Caught by test_bin_index_in_integer_arithmetic."""
import numpy as np


def _bin_index(y_prob, n_bins, strategy):
    """0-based bin of every item under the given strategy (see expected_calibration_error)."""
    n = y_prob.size
    if strategy == "uniform":
        # right-inclusive equal-width bins: ceil(p * n_bins) - 1, with p = 0 in the first bin
        return np.clip(np.ceil(y_prob * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    # equal mass: a group of equal probabilities preceded by i smaller items (in sorted order)
    # goes, whole, to bin floor(i * n_bins / n)
    _, inverse, counts = np.unique(y_prob, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    starts = np.cumsum(counts) - counts
    return np.floor(starts / (n / n_bins)).astype(np.int64)[inverse]   # BUG: float bin width


def expected_calibration_error(y_true, y_prob, n_bins=10, strategy="uniform"):
    """Expected calibration error of a binary classifier (reference, parts 1 and 2).

    y_true: (n,) labels in {0, 1}; y_prob: (n,) probabilities of class 1 in [0, 1]; n_bins >= 1.
    strategy="uniform": equal-width, right-inclusive bins over [0, 1] (part 1).
    strategy="quantile": equal-mass bins by rank; ties are never split (part 2).
    ECE = sum over non-empty bins of (n_b / n) * |mean y - mean p| = sum_b |sum_y_b - sum_p_b| / n.
    Raises ValueError for another strategy or lengths that differ. Returns a Python float.
    """
    if strategy not in ("uniform", "quantile"):
        raise ValueError("strategy must be 'uniform' or 'quantile'")
    y_true = np.asarray(y_true).ravel().astype(float)
    y_prob = np.asarray(y_prob, dtype=float).ravel()
    if y_true.shape != y_prob.shape:
        raise ValueError("y_true and y_prob must have the same length")
    n = y_prob.size
    idx = _bin_index(y_prob, n_bins, strategy)
    sum_y = np.bincount(idx, weights=y_true, minlength=n_bins)
    sum_p = np.bincount(idx, weights=y_prob, minlength=n_bins)
    # (n_b / n) * |sum_y/n_b - sum_p/n_b| == |sum_y - sum_p| / n ; empty bins give 0
    return float(np.sum(np.abs(sum_y - sum_p)) / n)
