import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5, running_mean=None, running_var=None,
                      momentum=0.9, training=True):
    """Batch-norm forward pass for (N, D) inputs and, per channel, for (N, C, H, W) inputs
    (statistics over the batch and spatial axes 0, 2, 3; gamma/beta/running stats of shape (C,))."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim not in (2, 4):
        raise ValueError("x must have shape (N, D) or (N, C, H, W), got %s" % (x.shape,))
    gamma = np.asarray(gamma, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    c = x.shape[1]
    axes = (0,) if x.ndim == 2 else (0, 2, 3)
    shape = (1, c) if x.ndim == 2 else (1, c, 1, 1)       # broadcast per feature / channel
    rm = np.zeros(c) if running_mean is None else np.array(running_mean, dtype=np.float64)
    rv = np.ones(c) if running_var is None else np.array(running_var, dtype=np.float64)
    g, b = gamma.reshape(shape), beta.reshape(shape)
    if training:
        mu = x.mean(axis=axes)
        var = ((x - mu.reshape(shape)) ** 2).mean(axis=axes)          # biased (ddof=0)
        out = g * (x - mu.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) + b
        new_rm = momentum * rm + (1.0 - momentum) * mu
        new_rv = momentum * rv + (1.0 - momentum) * var
        return out, new_rm, new_rv
    out = g * (x - rm.reshape(shape)) / np.sqrt(rv.reshape(shape) + eps) + b
    return out, rm, rv
