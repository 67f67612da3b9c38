"""Bug: on tied top probabilities the highest class index is predicted (argmax of the reversed row).
Caught by test_argmax_ties_go_to_the_lowest_class."""
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
    return (starts * n_bins // n)[inverse].astype(np.int64)


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


def multiclass_ece(y_true, probs, n_bins=10, kind="top-label"):
    """Calibration error of a K-class classifier (reference, part 3), on part 1's bins.

    y_true: (n,) ints in 0..K-1; probs: (n, K) predicted class probabilities.
    kind="top-label": the binary ECE of (predicted class is right, its probability), where the
    predicted class is the argmax of the row (ties: the lowest class index) (Guo et al., 2017).
    kind="classwise": the mean over all K classes of the binary ECE of (y == k, probs[:, k])
    (Kull et al., 2019). Raises ValueError for probs not 2-D, lengths that differ, a label outside
    0..K-1, or another kind. Returns a Python float.
    """
    if kind not in ("top-label", "classwise"):
        raise ValueError("kind must be 'top-label' or 'classwise'")
    y = np.asarray(y_true).ravel()
    P = np.asarray(probs, dtype=float)
    if P.ndim != 2:
        raise ValueError("probs must be a 2-D array (n, K)")
    n, k = P.shape
    if y.shape != (n,):
        raise ValueError("y_true must have one label per row of probs")
    if n and (y.min() < 0 or y.max() >= k):
        raise ValueError("labels must be in 0..K-1")
    if kind == "top-label":
        pred = k - 1 - np.argmax(P[:, ::-1], axis=1)
        conf = P[np.arange(n), pred]
        return expected_calibration_error((pred == y).astype(float), conf, n_bins=n_bins)
    return float(np.mean([expected_calibration_error((y == c).astype(float), P[:, c], n_bins=n_bins)
                          for c in range(k)]))
