import math

import torch


def attention(Q, K, V, mask=None):
    """Scaled dot-product attention with torch ops (PyTorch reference, CPU)."""
    Q = torch.as_tensor(Q, dtype=torch.float64)
    K = torch.as_tensor(K, dtype=torch.float64)
    V = torch.as_tensor(V, dtype=torch.float64)
    scores = Q @ K.transpose(-1, -2) / math.sqrt(Q.shape[-1])      # (..., L_q, L_k)
    if mask is not None:
        scores = scores.masked_fill(~torch.as_tensor(mask, dtype=torch.bool), float("-inf"))
    row_max = scores.amax(dim=-1, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))  # fully masked rows
    e = torch.exp(scores - row_max)                                 # exp(-inf) = 0 for blocked keys
    denom = e.sum(dim=-1, keepdim=True)
    weights = torch.where(denom > 0, e / torch.where(denom > 0, denom, torch.ones_like(denom)), torch.zeros_like(e))
    return weights @ V, weights
