import math

import torch


def apply_rope(x, positions, base=10000.0):
    """Rotary position embedding, interleaved pairs, with torch ops (reference).

    x: (..., L, d) float tensor, d even; positions: (L,) int tensor; returns a new tensor of x's dtype.
    """
    d = x.shape[-1]
    if d % 2 != 0:
        raise ValueError("the last dimension of x must be even, got %d" % d)
    inv_freq = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    angles = positions.to(torch.float64)[:, None] * inv_freq[None, :]
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    x0, x1 = x[..., 0::2], x[..., 1::2]
    out = torch.empty_like(x)
    out[..., 0::2] = x0 * cos - x1 * sin
    out[..., 1::2] = x0 * sin + x1 * cos
    return out


def rope_attention(q, k, v, q_positions, k_positions, base=10000.0):
    """Causal attention by position with RoPE on queries and keys, not values (reference)."""
    qr = apply_rope(q, q_positions, base)
    kr = apply_rope(k, k_positions, base)
    scores = qr @ kr.transpose(-1, -2) / math.sqrt(q.shape[-1])
    allowed = k_positions[None, :] <= q_positions[:, None]
    scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
