import torch


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis` (PyTorch reference, part 1)."""
    z = torch.as_tensor(z, dtype=torch.float64)
    shifted = z - z.amax(dim=axis, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=axis, keepdim=True)


def log_softmax(z, axis=-1):
    """Numerically stable log-softmax of `z` along `axis` (PyTorch reference, part 2): z - logsumexp(z).

    z: tensor of any shape with at least one dimension (integers are treated as float64).
    Returns a new float64 tensor of the same shape. The maximum is subtracted per slice, so the
    sum of exponentials is in [1, n] and its log is finite; no log is ever taken of an underflowed
    probability (torch.log_softmax does the same)."""
    z = torch.as_tensor(z, dtype=torch.float64)
    shifted = z - z.amax(dim=axis, keepdim=True)
    return shifted - torch.log(torch.exp(shifted).sum(dim=axis, keepdim=True))
