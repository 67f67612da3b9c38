"""Bug: the per-slice sum without keepdims, so it broadcasts against the wrong axis (right for
1-D input and for axis=0 of a 2-D array only). Caught by test_axis_0_and_negative_axis_on_3d."""
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
    s = np.sum(dy * y, axis=axis)  # no keepdims: broadcasts against the wrong axis
    return y * (dy - s)
