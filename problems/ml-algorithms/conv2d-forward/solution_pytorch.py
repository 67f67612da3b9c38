import torch
import torch.nn.functional as F


def conv2d(x, w, b, stride=1, padding=0):
    """2-D convolution layer forward pass (cross-correlation) with torch ops (PyTorch reference, CPU):
    zero padding, then every KH x KW window at stride steps (Tensor.unfold) contracted with the
    filters. torch.nn.functional.conv2d(x, w, b, stride, padding) gives the same numbers."""
    x = torch.as_tensor(x, dtype=torch.float64)
    w = torch.as_tensor(w, dtype=torch.float64)
    b = torch.as_tensor(b, dtype=torch.float64)
    KH, KW = w.shape[2], w.shape[3]
    xp = F.pad(x, (padding, padding, padding, padding))                        # zeros
    win = xp.unfold(2, KH, stride).unfold(3, KW, stride)                        # (N, C, H_out, W_out, KH, KW)
    out = torch.einsum("nchwij,fcij->nfhw", win, w)
    return out + b[None, :, None, None]
