import numpy as np


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis`.

    Args:
        z: array-like of real numbers, any shape with ndim >= 1 (lists allowed,
           integers treated as float). Must not be modified.
        axis: axis to normalise over (int, negative counts from the end). Default -1.

    Returns:
        np.ndarray of float64, same shape as z; every slice along `axis` is >= 0
        and sums to 1. Must not overflow for logits like [1000, -1000] (underflow
        to 0.0 is fine).
    """
    raise NotImplementedError
