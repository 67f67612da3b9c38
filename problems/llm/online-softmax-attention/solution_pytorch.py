import math

import torch


def online_softmax_attention(Q, K, V, block_size=128):
    """softmax(Q K^T / sqrt(d)) V over blocks of keys with a running maximum and sum (the online
    softmax of FlashAttention, Dao et al. 2022); PyTorch reference, CPU, float64.

    Args:
        Q: (n_q, d) float64 tensor; K: (n_k, d); V: (n_k, d_v).
        block_size: int >= 1, consecutive keys per block (the last may be shorter).

    Returns:
        (n_q, d_v) float64 tensor.

    Raises:
        ValueError: if block_size < 1.
    """
    if block_size < 1:
        raise ValueError("block_size must be >= 1, got %r" % (block_size,))
    n_q, d = Q.shape
    scale = 1.0 / math.sqrt(d)
    m = torch.full((n_q,), float("-inf"), dtype=torch.float64)
    l = torch.zeros(n_q, dtype=torch.float64)
    acc = torch.zeros((n_q, V.shape[1]), dtype=torch.float64)
    for start in range(0, K.shape[0], block_size):
        s = (Q @ K[start:start + block_size].T) * scale        # (n_q, b)
        m_new = torch.maximum(m, s.amax(dim=1))
        alpha = torch.exp(m - m_new)                           # exp(-inf) = 0 for the first block
        p = torch.exp(s - m_new[:, None])
        l = l * alpha + p.sum(dim=1)
        acc = acc * alpha[:, None] + p @ V[start:start + block_size]
        m = m_new
    return acc / l[:, None]
