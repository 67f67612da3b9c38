import torch


def rms_norm(x, gain, eps=1e-6):
    """RMSNorm forward over the last axis (Zhang and Sennrich, 2019), PyTorch reference.

    x: float tensor (..., D); gain: (D,); returns a tensor of x's dtype and shape:
    x / sqrt(mean(x**2, dim=-1) + eps) * gain.
    """
    rms = torch.sqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps)
    return x / rms * gain


def rms_norm_backward(dout, x, gain, eps=1e-6):
    """Gradients (dx, dgain) of a scalar loss through rms_norm, given dout = dL/dy, written with
    tensor operations (no autograd). dgain is summed over every leading axis, shape (D,)."""
    d = x.shape[-1]
    rms = torch.sqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps)
    x_hat = x / rms
    g = dout * gain                                   # dL/dx_hat
    dx = (g - x_hat * (g * x_hat).mean(dim=-1, keepdim=True)) / rms
    dgain = (dout * x_hat).reshape(-1, d).sum(dim=0)
    return dx, dgain
