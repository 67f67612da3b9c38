"""Bug: only the diagonal of the Jacobian, dz = y * (1 - y) * dy (the sigmoid's derivative
pattern). Caught by test_matches_explicit_jacobian_1d and the finite-difference check."""
import numpy as np


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    s = z - np.max(z, axis=axis, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=axis, keepdims=True))


def softmax_backward(dy, y, axis=-1):
    dy = np.asarray(dy, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return y * (1 - y) * dy
