"""Bug: dx = gain * dout / rms, treating rms as a constant (the path through mean(x**2) is missing).
Caught by test_dx_matches_finite_differences and test_dx_orthogonal_to_x_when_eps_is_zero."""
import numpy as np


def rms_norm(x, gain, eps=1e-6):
    """RMSNorm forward over the last axis (Zhang and Sennrich, 2019) (reference).

    x: float array (..., D); gain: (D,); returns float64 with the shape of x:
    x / sqrt(mean(x**2, axis=-1) + eps) * gain.
    """
    x = np.asarray(x, dtype=np.float64)
    gain = np.asarray(gain, dtype=np.float64)
    rms = np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    return x / rms * gain


def rms_norm_backward(dout, x, gain, eps=1e-6):
    """Gradients (dx, dgain) of a scalar loss through rms_norm, given dout = dL/dy (reference).

    dx has the shape of x; dgain has shape (D,), summed over every leading axis.
    """
    dout = np.asarray(dout, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    gain = np.asarray(gain, dtype=np.float64)
    d = x.shape[-1]
    rms = np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    x_hat = x / rms
    g = dout * gain                                   # dL/dx_hat
    dx = g / rms
    dgain = (dout * x_hat).reshape(-1, d).sum(axis=0)
    return dx, dgain
