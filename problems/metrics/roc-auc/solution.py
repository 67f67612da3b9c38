import numpy as np


def roc_auc(y_true, y_score):
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError("y_true and y_score must have the same length")
    pos = y == 1
    n_pos = int(np.count_nonzero(pos))
    n_neg = int(y.size - n_pos)
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC is undefined when y_true contains a single class")

    # Average (1-based) ranks: a tied group occupying ranks start+1 .. start+count
    # gets start + (count + 1) / 2.
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    starts = np.cumsum(counts) - counts
    avg_rank = starts + (counts + 1) / 2.0
    rank_sum_pos = float(avg_rank[inverse][pos].sum())

    u = rank_sum_pos - n_pos * (n_pos + 1) / 2.0
    return float(u / (float(n_pos) * float(n_neg)))
