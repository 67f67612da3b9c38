import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    yt = np.asarray(y_true).ravel()
    yp = np.asarray(y_pred).ravel()
    if yt.shape != yp.shape:
        raise ValueError("y_true and y_pred must have the same length")
    if labels is None:
        labels_out = np.unique(np.concatenate([yt, yp]))
    else:
        labels_out = np.asarray(labels).ravel()
    k = labels_out.shape[0]
    if k == 0:
        return np.zeros((0, 0), dtype=np.int64), labels_out

    sorter = np.argsort(labels_out, kind="stable")
    sorted_labels = labels_out[sorter]

    def to_index(values):
        pos = np.searchsorted(sorted_labels, values)
        pos = np.minimum(pos, k - 1)
        found = sorted_labels[pos] == values
        return sorter[pos], found

    i, ok_t = to_index(yt)
    j, ok_p = to_index(yp)
    keep = ok_t & ok_p
    flat = i[keep].astype(np.int64) * k + j[keep]
    C = np.bincount(flat, minlength=k * k).reshape(k, k).astype(np.int64)
    return C, labels_out
