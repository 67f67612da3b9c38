"""Bug: log_softmax computed as np.log(softmax(z)). Exact in exact arithmetic, but e^{-2000}
underflows to 0 and log(0) = -inf (a divide error under np.errstate). Caught by
test_underflowed_probabilities_stay_finite_and_exact."""
import numpy as np


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    return np.log(softmax(z, axis=axis))
