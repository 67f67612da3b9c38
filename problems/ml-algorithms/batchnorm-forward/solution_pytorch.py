import torch


def batchnorm_forward(x, gamma, beta, eps=1e-5, running_mean=None, running_var=None,
                      momentum=0.9, training=True):
    """Batch-norm forward pass with torch ops (PyTorch reference, CPU). Note the convention: the
    running stats keep `momentum` of the old value (torch.nn.BatchNorm1d's momentum is the opposite)."""
    x = torch.as_tensor(x, dtype=torch.float64)
    gamma = torch.as_tensor(gamma, dtype=torch.float64)
    beta = torch.as_tensor(beta, dtype=torch.float64)
    d = x.shape[1]
    rm = torch.zeros(d, dtype=torch.float64) if running_mean is None else torch.as_tensor(running_mean, dtype=torch.float64).clone()
    rv = torch.ones(d, dtype=torch.float64) if running_var is None else torch.as_tensor(running_var, dtype=torch.float64).clone()
    if training:
        mu = x.mean(dim=0)
        var = ((x - mu) ** 2).mean(dim=0)          # biased (ddof=0)
        out = gamma * (x - mu) / torch.sqrt(var + eps) + beta
        return out, momentum * rm + (1.0 - momentum) * mu, momentum * rv + (1.0 - momentum) * var
    out = gamma * (x - rm) / torch.sqrt(rv + eps) + beta
    return out, rm, rv
