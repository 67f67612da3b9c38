import numpy as np


def bce_with_logits(logits, targets):
    """Mean binary cross-entropy from raw logits.

    Args:
        logits: array-like of floats, any shape (list or np.ndarray), not empty.
        targets: array-like of floats in [0, 1] (hard 0/1 labels or soft labels), same shape.

    Returns:
        float: mean over all elements of
            -( y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)) ),
        computed in float64 without overflow or any floating-point warning, even for
        |z| = 1e4 (tests run under np.errstate(all="raise")).
        Different shapes or empty input raise ValueError. Do not modify the inputs.
    """
    raise NotImplementedError
