import numpy as np


def precision_recall_f1(y_true, y_pred):
    """Precision, recall and F1 of binary predictions (positive class = 1).

    Args:
        y_true: 1-D array-like of n true labels in {0, 1} (ints or bools).
        y_pred: 1-D array-like of n predicted labels in {0, 1} (ints or bools).

    Returns:
        (precision, recall, f1) as three floats, in this order.
        precision = TP / (TP + FP), recall = TP / (TP + FN), f1 = 2PR / (P + R);
        each is 0.0 when its denominator is zero (never nan).

    Do not modify the inputs.
    """
    raise NotImplementedError
