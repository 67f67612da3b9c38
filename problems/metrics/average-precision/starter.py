import numpy as np


def average_precision(y_true, y_score):
    """Average precision of one query from binary relevance and real scores.

    Args:
        y_true: array-like, shape (n,), values in {0, 1} (int or bool).
        y_score: array-like, shape (n,), finite floats; higher = more likely relevant.

    Returns:
        float in [0, 1]:
        sum over distinct scores t (descending) of (recall(t) - recall(prev t)) * precision(t),
        where the retrieved set at t is every item with y_score >= t (tied items enter together).
        Returns 0.0 when there is no relevant item. Inputs must not be modified.
    """
    raise NotImplementedError


def mean_average_precision(y_true_list, y_score_list):
    """Mean average precision over queries.

    Args:
        y_true_list: sequence of q array-likes (one y_true per query; lengths may differ).
        y_score_list: sequence of q array-likes (the matching y_score per query).

    Returns:
        float: the unweighted mean of average_precision over the q queries; a query without
        relevant items counts as 0.0 and is included in the mean.
    """
    raise NotImplementedError
