import torch


def batchnorm_forward(x, gamma, beta, eps=1e-5, running_mean=None, running_var=None,
                      momentum=0.9, training=True):
    """Batch-norm forward pass with torch ops for (N, D) inputs and, per channel, for (N, C, H, W)
    inputs (PyTorch reference, parts 1 and 2).

    Statistics over the batch axis (and the spatial axes 2, 3 for 4-D input), biased variance;
    gamma, beta and the running stats have shape (D,) or (C,) and are viewed as (1, C, 1, 1) to
    broadcast per channel (a reshape, never a transpose of x). The running stats keep `momentum`
    of the old value (torch.nn.BatchNorm2d's momentum is the opposite). Returns three new float64
    tensors (out, running_mean, running_var); the inputs are not modified.

    Raises ValueError for x that is neither 2-D nor 4-D."""
    x = torch.as_tensor(x, dtype=torch.float64)
    if x.ndim not in (2, 4):
        raise ValueError("x must have shape (N, D) or (N, C, H, W), got %s" % (tuple(x.shape),))
    gamma = torch.as_tensor(gamma, dtype=torch.float64)
    beta = torch.as_tensor(beta, dtype=torch.float64)
    c = x.shape[1]
    dims = (0,) if x.ndim == 2 else (0, 2, 3)
    shape = (1, c) if x.ndim == 2 else (1, c, 1, 1)
    rm = torch.zeros(c, dtype=torch.float64) if running_mean is None else torch.as_tensor(running_mean, dtype=torch.float64).clone()
    rv = torch.ones(c, dtype=torch.float64) if running_var is None else torch.as_tensor(running_var, dtype=torch.float64).clone()
    g, b = gamma.reshape(shape), beta.reshape(shape)
    if training:
        mu = x.mean(dim=dims)
        var = ((x - mu.reshape(shape)) ** 2).mean(dim=dims)          # biased (ddof=0)
        out = g * (x - mu.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps) + b
        return out, momentum * rm + (1.0 - momentum) * mu, momentum * rv + (1.0 - momentum) * var
    out = g * (x - rm.reshape(shape)) / torch.sqrt(rv.reshape(shape) + eps) + b
    return out, rm, rv
