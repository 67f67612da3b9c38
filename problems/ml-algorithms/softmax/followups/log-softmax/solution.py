import numpy as np


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis` (reference, part 1)."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    """Numerically stable log-softmax of `z` along `axis` (reference, part 2): z - logsumexp(z).

    The maximum is subtracted per slice, so the sum of exponentials is in [1, n] and its log is
    finite; no log is ever taken of an underflowed probability."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
