import numpy as np


def average_precision(y_true, y_score):
    y_true = np.asarray(y_true).ravel().astype(float)
    y_score = np.asarray(y_score, dtype=float).ravel()
    if y_true.shape != y_score.shape:
        raise ValueError("y_true and y_score must have the same length")
    n_pos = y_true.sum()
    if n_pos == 0:
        return 0.0
    order = np.argsort(-y_score, kind="stable")
    s = y_score[order]
    tp = np.cumsum(y_true[order])
    # last index of each group of equal scores
    ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    tp_at = tp[ends]
    precision = tp_at / (ends + 1.0)
    recall_gain = np.diff(np.r_[0.0, tp_at]) / n_pos
    return float(np.sum(recall_gain * precision))


def mean_average_precision(y_true_list, y_score_list):
    if len(y_true_list) != len(y_score_list):
        raise ValueError("y_true_list and y_score_list must have the same length")
    aps = [average_precision(t, s) for t, s in zip(y_true_list, y_score_list)]
    return float(np.mean(aps))
