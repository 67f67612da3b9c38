"""Bug: correct weighted AUC but no validation of sample_weight (negative weights and zero class
totals pass through, giving nonsense or nan). Caught by test_invalid_weights_raise_value_error."""
import numpy as np


def roc_auc(y_true, y_score, sample_weight=None):
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=np.float64).ravel()
    w = np.ones(s.shape) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64).ravel()
    if y.shape != s.shape or w.shape != s.shape:
        raise ValueError("lengths differ")
    pos = y == 1
    if pos.all() or not pos.any():
        raise ValueError("single class")
    _, inv = np.unique(s, return_inverse=True)
    inv = inv.ravel()
    wp = np.bincount(inv, weights=np.where(pos, w, 0.0))
    wn = np.bincount(inv, weights=np.where(pos, 0.0, w))
    wins = float(np.sum(wp * (np.cumsum(wn) - wn + 0.5 * wn)))
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.float64(wins) / (w[pos].sum() * w[~pos].sum()))
