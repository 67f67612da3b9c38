import torch


def apply_rope(x, positions, base=10000.0):
    """Apply rotary position embeddings (RoPE) to x.

    Args:
        x: (..., L, d) float64 tensor (queries or keys), d even. Must not be modified.
        positions: (L,) int64 tensor, the absolute position of each of the L rows.
        base: float, the frequency base (10000 in the paper).

    Returns:
        A new tensor of x's shape and dtype. Interleaved pairs: (x[..., 2i], x[..., 2i+1]) at
        position m is rotated counter-clockwise by the angle m * base ** (-2i / d).

    Raises:
        ValueError: if d is odd.
    """
    raise NotImplementedError


def rope_attention(q, k, v, q_positions, k_positions, base=10000.0):
    """Causal scaled dot-product attention with RoPE on q and k (not on v).

    Args:
        q: (..., L_q, d), k: (..., L_k, d), v: (..., L_k, d_v) float64 tensors.
        q_positions: (L_q,), k_positions: (L_k,) int64 tensors.
        base: RoPE frequency base.

    Returns:
        (..., L_q, d_v) tensor: softmax(rope(q) rope(k)^T / sqrt(d)) v, where query i may
        attend to key j only if k_positions[j] <= q_positions[i].
    """
    raise NotImplementedError
