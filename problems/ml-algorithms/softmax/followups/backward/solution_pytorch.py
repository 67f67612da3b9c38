import torch


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis` (PyTorch reference, part 1)."""
    z = torch.as_tensor(z, dtype=torch.float64)
    shifted = z - z.amax(dim=axis, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=axis, keepdim=True)


def log_softmax(z, axis=-1):
    """Numerically stable log-softmax of `z` along `axis` (PyTorch reference, part 2): z - logsumexp(z)."""
    z = torch.as_tensor(z, dtype=torch.float64)
    shifted = z - z.amax(dim=axis, keepdim=True)
    return shifted - torch.log(torch.exp(shifted).sum(dim=axis, keepdim=True))


def softmax_backward(dy, y, axis=-1):
    """Vector-Jacobian product of softmax (PyTorch reference, part 3), written out instead of autograd.

    dy, y: tensors of the same shape, y = softmax(z, axis). Returns a new float64 tensor
    dz = y * (dy - <dy, y>) slice by slice along `axis` (the Jacobian diag(y) - y y^T is
    symmetric, so J^T dy = J dy); O(n) per slice, the Jacobian is never formed."""
    dy = torch.as_tensor(dy, dtype=torch.float64)
    y = torch.as_tensor(y, dtype=torch.float64)
    s = (dy * y).sum(dim=axis, keepdim=True)
    return y * (dy - s)
