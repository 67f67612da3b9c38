import numpy as np


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis` (reference)."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=axis, keepdims=True)  # new array, input untouched
    e = np.exp(shifted)                                 # largest entry per slice is e^0 = 1
    return e / np.sum(e, axis=axis, keepdims=True)
