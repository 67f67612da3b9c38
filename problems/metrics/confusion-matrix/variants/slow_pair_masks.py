"""Known-slow variant: correct, but counts every (true label, predicted label) pair with its own
boolean mask (O(K^2 * n)). The validator checks it passes every correctness test and fails the
scale test."""
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    yt = np.asarray(y_true).ravel()
    yp = np.asarray(y_pred).ravel()
    if yt.shape != yp.shape:
        raise ValueError("y_true and y_pred must have the same length")
    labels_out = np.unique(np.concatenate([yt, yp])) if labels is None else np.asarray(labels).ravel()
    k = labels_out.shape[0]
    C = np.zeros((k, k), dtype=np.int64)
    for i in range(k):
        is_true = yt == labels_out[i]
        for j in range(k):
            C[i, j] = np.count_nonzero(is_true & (yp == labels_out[j]))
    return C, labels_out
