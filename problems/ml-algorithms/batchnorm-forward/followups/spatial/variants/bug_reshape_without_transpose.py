"""Bug: flattens with x.reshape(-1, C) without moving the channel axis last, so each 'channel' column mixes channels and positions. Caught by test_training_statistics_per_channel_over_batch_and_space and test_each_channel_is_normalised."""
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
        flat = x.reshape(-1, c)
        mu = flat.mean(axis=0)
        var = ((flat - mu) ** 2).mean(axis=0)
        out = g * (x - mu.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) + b
        new_rm = momentum * rm + (1.0 - momentum) * mu
        new_rv = momentum * rv + (1.0 - momentum) * var
        return out, new_rm, new_rv
    out = g * (x - rm.reshape(shape)) / np.sqrt(rv.reshape(shape) + eps) + b
    return out, rm, rv
