"""Bug: weighted pair sum divided by P * N (sample counts) instead of the weight totals. Right
only when the weights average 1. Caught by test_none_and_constant_weights_equal_part_1 and
test_matches_weighted_pairwise_definition_with_ties."""
import numpy as np


def roc_auc(y_true, y_score, sample_weight=None):
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=np.float64).ravel()
    w = np.ones(s.shape) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64).ravel()
    if y.shape != s.shape or w.shape != s.shape:
        raise ValueError("lengths differ")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError("bad weights")
    pos = y == 1
    if w[pos].sum() <= 0 or w[~pos].sum() <= 0:
        raise ValueError("single class")
    _, inv = np.unique(s, return_inverse=True)
    inv = inv.ravel()
    wp = np.bincount(inv, weights=np.where(pos, w, 0.0))
    wn = np.bincount(inv, weights=np.where(pos, 0.0, w))
    wins = float(np.sum(wp * (np.cumsum(wn) - wn + 0.5 * wn)))
    return wins / (float(pos.sum()) * float((~pos).sum()))
