"""Bug: keeps part 1's statistics over axis 0 only (one per channel AND position), then averages them for the running statistics. Caught by test_training_statistics_per_channel_over_batch_and_space and others."""
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
        mu_full = x.mean(axis=0, keepdims=True)
        var_full = ((x - mu_full) ** 2).mean(axis=0, keepdims=True)
        out = g * (x - mu_full) / np.sqrt(var_full + eps) + b
        mu = mu_full.reshape(x.shape[1:]).reshape(c, -1).mean(axis=1)
        var = var_full.reshape(x.shape[1:]).reshape(c, -1).mean(axis=1)
        new_rm = momentum * rm + (1.0 - momentum) * mu
        new_rv = momentum * rv + (1.0 - momentum) * var
        return out, new_rm, new_rv
    out = g * (x - rm.reshape(shape)) / np.sqrt(rv.reshape(shape) + eps) + b
    return out, rm, rv
