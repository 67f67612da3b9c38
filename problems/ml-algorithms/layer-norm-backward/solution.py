import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """Layer-norm forward pass over the last axis (reference)."""
    x = np.asarray(x, dtype=np.float64)
    gamma = np.asarray(gamma, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(axis=-1, keepdims=True)      # biased, from centred values
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv_std
    out = gamma * x_hat + beta
    cache = (x_hat, inv_std, gamma)
    return out, cache


def layer_norm_backward(dout, cache):
    """Gradients of a scalar loss w.r.t. x, gamma, beta given dL/dout (reference)."""
    x_hat, inv_std, gamma = cache
    dout = np.asarray(dout, dtype=np.float64)
    d = x_hat.shape[-1]
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat
                    - dx_hat.mean(axis=-1, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=-1, keepdims=True))
    dgamma = (dout * x_hat).reshape(-1, d).sum(axis=0)
    dbeta = dout.reshape(-1, d).sum(axis=0)
    return dx, dgamma, dbeta
