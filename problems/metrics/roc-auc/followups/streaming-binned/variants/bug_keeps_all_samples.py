"""Bug: not streaming: every batch is appended to lists and auc() recomputes from all samples
(memory O(n), and the "binned" answer is really the exact AUC with a bound of 0). Caught by
test_memory_does_not_grow_with_the_stream and test_auc_equals_exact_auc_of_bin_indices."""
import numpy as np


def roc_auc(y_true, y_score, sample_weight=None):
    """Weighted ROC AUC with ties counting half (reference, part 2).

    y_true: n labels in {0, 1}; y_score: n finite scores; sample_weight: n finite weights >= 0
    (None = all ones, part 1). Each (positive i, negative j) pair weighs w_i * w_j. O(n log n):
    one sort (np.unique) and a running sum of the negative weight over tied-score groups.
    Raises ValueError on mismatched lengths, negative or non-finite weights, or a class whose
    total weight is 0."""
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError("y_true and y_score must have the same length")
    if sample_weight is None:
        w = np.ones(s.shape, dtype=np.float64)
    else:
        w = np.asarray(sample_weight, dtype=np.float64).ravel()
        if w.shape != s.shape:
            raise ValueError("sample_weight must have the same length as y_true")
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("sample_weight must be finite and non-negative")
    pos = y == 1
    w_pos_total = float(w[pos].sum())
    w_neg_total = float(w[~pos].sum())
    if w_pos_total <= 0 or w_neg_total <= 0:
        raise ValueError("ROC AUC is undefined: a class has no (weighted) samples")

    _, inverse = np.unique(s, return_inverse=True)
    inverse = inverse.ravel()
    groups = int(inverse.max()) + 1
    wp = np.bincount(inverse, weights=np.where(pos, w, 0.0), minlength=groups)
    wn = np.bincount(inverse, weights=np.where(pos, 0.0, w), minlength=groups)
    neg_below = np.cumsum(wn) - wn  # negative weight strictly below each group
    wins = float(np.sum(wp * (neg_below + 0.5 * wn)))
    return float(wins / (w_pos_total * w_neg_total))


class StreamingAUC:
    def __init__(self, n_bins=1024, lo=0.0, hi=1.0):
        if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
            raise ValueError("n_bins must be an int >= 1")
        if not hi > lo:
            raise ValueError("need lo < hi")
        self.ys, self.ss, self.ws = [], [], []

    def update(self, y_true, y_score, sample_weight=None):
        y = np.asarray(y_true).ravel()
        s = np.asarray(y_score, dtype=np.float64).ravel()
        if y.shape != s.shape or np.any(np.isnan(s)):
            raise ValueError("bad batch")
        w = np.ones(s.shape) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64).ravel()
        if w.shape != s.shape or not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("bad weights")
        self.ys.append(y.copy())
        self.ss.append(s.copy())
        self.ws.append(w.copy())

    def auc(self):
        if not self.ys:
            raise ValueError("no data")
        return roc_auc(np.concatenate(self.ys), np.concatenate(self.ss), sample_weight=np.concatenate(self.ws))

    def error_bound(self):
        self.auc()
        return 0.0
