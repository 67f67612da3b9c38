import torch


def rms_norm(x, gain, eps=1e-6):
    """RMSNorm over the LAST axis.

    x: float64 tensor (..., D), at least 1-D.  gain: float64 tensor (D,).  eps: float >= 0.
    For every vector v = x[..., :]:
        rms = sqrt(mean(v ** 2) + eps)      # eps inside the square root, no mean subtraction
        y   = gain * v / rms
    Returns y: a float64 tensor with the shape of x. Do not modify the inputs.
    """
    raise NotImplementedError


def rms_norm_backward(dout, x, gain, eps=1e-6):
    """Backward pass of rms_norm, written with tensor operations (autograd is not needed).

    dout: dL/dy, the shape of x.  x, gain, eps: as given to rms_norm.
    Returns (dx, dgain), float64 tensors:
        dx    the shape of x   dL/dx (rms depends on x too)
        dgain shape (D,)       dL/dgain, summed over every leading axis
    Do not modify the inputs.
    """
    raise NotImplementedError
