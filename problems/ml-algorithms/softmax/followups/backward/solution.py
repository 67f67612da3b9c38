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


def softmax_backward(dy, y, axis=-1):
    """Vector-Jacobian product of softmax (reference, part 3).

    dy, y: float arrays of the same shape, y = softmax(z, axis). Returns dz = y * (dy - <dy, y>)
    slice by slice along `axis` (the Jacobian diag(y) - y y^T is symmetric, so J^T dy = J dy)."""
    dy = np.asarray(dy, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = np.sum(dy * y, axis=axis, keepdims=True)
    return y * (dy - s)
