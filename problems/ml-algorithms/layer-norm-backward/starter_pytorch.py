import torch


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """Layer normalisation forward pass, normalising over the LAST axis.

    x:     float64 tensor of shape (..., D) with at least 2 dimensions, e.g. (N, D) or (B, T, D).
    gamma: float64 tensor (D,) -- scale.   beta: float64 tensor (D,) -- shift.
    eps:   float >= 0, added to the variance INSIDE the square root.

    For every vector v = x[..., :] of length D:
        mu    = mean(v)
        var   = mean((v - mu) ** 2)            # biased variance (divide by D)
        x_hat = (v - mu) / sqrt(var + eps)
        out   = gamma * x_hat + beta

    Returns (out, cache): out is a float64 tensor with the shape of x; cache is any object you
    like -- it is passed unchanged to layer_norm_backward. Do not modify the inputs.
    """
    raise NotImplementedError


def layer_norm_backward(dout, cache):
    """Backward pass of layer_norm_forward.

    dout:  float64 tensor with the shape of out, the upstream gradient dL/dout.
    cache: the object returned by layer_norm_forward (may be used more than once).

    Returns (dx, dgamma, dbeta), float64 tensors (computed by hand: no autograd):
        dx     shape of x      dL/dx
        dgamma shape (D,)      dL/dgamma  (summed over every leading axis)
        dbeta  shape (D,)      dL/dbeta   (summed over every leading axis)
    Do not modify dout or cache.
    """
    raise NotImplementedError
