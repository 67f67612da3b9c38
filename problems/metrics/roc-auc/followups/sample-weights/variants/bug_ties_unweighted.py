"""Bug: strict wins are weighted but a tie adds 0.5 per pair regardless of the weights (the
part-1 tie rule pasted in). Caught by test_tied_pair_counts_half_its_weight."""
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
    cp = np.bincount(inv, weights=pos.astype(float))
    cn = np.bincount(inv, weights=(~pos).astype(float))
    wins = float(np.sum(wp * (np.cumsum(wn) - wn)) + 0.5 * np.sum(cp * cn))
    return wins / (float(w[pos].sum()) * float(w[~pos].sum()))
