import torch


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis` (PyTorch reference, CPU).

    torch.softmax would do; this spells out the max-subtraction the NumPy reference uses."""
    z = torch.as_tensor(z).to(torch.float64)
    shifted = z - z.amax(dim=axis, keepdim=True)   # new tensor, input untouched
    e = torch.exp(shifted)                          # largest entry per slice is e^0 = 1
    return e / e.sum(dim=axis, keepdim=True)
