import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    """Multi-class confusion matrix.

    Args:
        y_true: 1-D array-like of n true labels (ints or strings, not necessarily 0..K-1).
        y_pred: 1-D array-like of n predicted labels, same kind as y_true.
        labels: None -> sorted union of labels in y_true and y_pred; otherwise the distinct
            labels to use, in this order (unseen labels give zero rows/columns, samples with a
            label outside this list are ignored).

    Returns:
        (C, labels_out): C is an integer array of shape (K, K) with rows = TRUE label and
        columns = PREDICTED label; labels_out is a 1-D array of the K labels in row order.

    Must handle n = 1_000_000 with 1_000 classes (no loop over label pairs). Do not modify inputs.
    """
    raise NotImplementedError
