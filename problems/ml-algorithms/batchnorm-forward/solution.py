import numpy as np


def batchnorm_forward(x, gamma, beta, eps=1e-5, running_mean=None, running_var=None,
                      momentum=0.9, training=True):
    """Batch-norm forward pass (reference)."""
    x = np.asarray(x, dtype=np.float64)
    gamma = np.asarray(gamma, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    d = x.shape[1]
    rm = np.zeros(d) if running_mean is None else np.array(running_mean, dtype=np.float64)
    rv = np.ones(d) if running_var is None else np.array(running_var, dtype=np.float64)
    if training:
        mu = x.mean(axis=0)
        var = ((x - mu) ** 2).mean(axis=0)          # biased (ddof=0)
        out = gamma * (x - mu) / np.sqrt(var + eps) + beta
        new_rm = momentum * rm + (1.0 - momentum) * mu
        new_rv = momentum * rv + (1.0 - momentum) * var
        return out, new_rm, new_rv
    out = gamma * (x - rm) / np.sqrt(rv + eps) + beta
    return out, rm, rv
