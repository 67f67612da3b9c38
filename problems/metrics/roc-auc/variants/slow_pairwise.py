"""Known-slow variant: correct, but compares every positive with every negative (O(P*N), in
numpy blocks so memory stays small). The validator checks it passes every correctness test and
fails the scale test."""
import numpy as np


def roc_auc(y_true, y_score):
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError("y_true and y_score must have the same length")
    sp, sn = s[y == 1], s[y == 0]
    if len(sp) == 0 or len(sn) == 0:
        raise ValueError("ROC AUC is undefined when y_true contains a single class")
    wins = 0.0
    for i in range(0, len(sp), 256):
        block = sp[i:i + 256, None]
        wins += np.count_nonzero(block > sn[None, :]) + 0.5 * np.count_nonzero(block == sn[None, :])
    return float(wins / (float(len(sp)) * float(len(sn))))
