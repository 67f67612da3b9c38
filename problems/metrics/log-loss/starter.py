import numpy as np


def log_loss(y_true, y_prob, eps=1e-15):
    """Mean log loss (cross-entropy), natural log.

    Args:
        y_true: 1-D array-like of n int labels: 0/1 (binary) or column indices 0..K-1 (multi-class).
        y_prob: shape (n,) -> binary, P(class 1); shape (n, K), K >= 2 -> multi-class probabilities.
        eps: probabilities are clipped to [eps, 1 - eps] before the log.

    Returns:
        float: mean over samples of
            binary:      -(y log p + (1 - y) log(1 - p)),  p = clip(y_prob, eps, 1 - eps)
            multi-class: -log(clip(y_prob[i, y_true[i]], eps, 1 - eps))
        Rows are not renormalised. Finite for probabilities of exactly 0 and 1.

    Do not modify the inputs.
    """
    raise NotImplementedError
