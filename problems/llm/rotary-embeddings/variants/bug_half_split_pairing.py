"""Bug variant: half-split pairing (x[i], x[i + d/2]) instead of interleaved (x[2i], x[2i+1]). Caught by test_pairs_are_interleaved and test_matches_reference_with_leading_dims."""
import numpy as np


def apply_rope(x, positions, base=10000.0):
    """Rotary position embedding (RoFormer, Su et al. 2021), interleaved pairs (reference).

    x: (..., L, d) float array, d even; positions: (L,) int array; returns a new float64 array.
    Pair (x[2i], x[2i+1]) at position m is rotated by the angle m * base**(-2i/d).
    """
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    if d % 2 != 0:
        raise ValueError("the last dimension of x must be even, got %d" % d)
    inv_freq = base ** (-np.arange(0, d, 2, dtype=np.float64) / d)              # (d/2,)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq[None, :]  # (L, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    x0, x1 = x[..., : d // 2], x[..., d // 2:]
    out = np.empty_like(x)
    out[..., : d // 2] = x0 * cos - x1 * sin
    out[..., d // 2:] = x0 * sin + x1 * cos
    return out


def rope_attention(q, k, v, q_positions, k_positions, base=10000.0):
    """Causal attention by position with RoPE applied to queries and keys (never values) (reference)."""
    qr = apply_rope(q, q_positions, base)
    kr = apply_rope(k, k_positions, base)
    scores = qr @ np.swapaxes(kr, -1, -2) / np.sqrt(q.shape[-1])
    allowed = np.asarray(k_positions)[None, :] <= np.asarray(q_positions)[:, None]   # (L_q, L_k)
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(scores)
    w = e / e.sum(axis=-1, keepdims=True)
    return w @ np.asarray(v, dtype=np.float64)
