"""Bug: log_softmax as z - log(sum(exp(z))) without subtracting the maximum: exp(1000)
overflows. Caught by test_large_equal_logits_no_overflow and test_underflowed_probabilities_*."""
import numpy as np


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))
