import numpy as np


def online_softmax_attention(Q, K, V, block_size=128):
    """softmax(Q K^T / sqrt(d)) V computed over blocks of keys with a running maximum and sum
    (the online softmax of FlashAttention, Dao et al. 2022), never holding more than one
    (n_q, block_size) block of scores (reference).

    Args:
        Q: (n_q, d) float array; K: (n_k, d); V: (n_k, d_v); n_q, n_k >= 1.
        block_size: int >= 1, the number of consecutive keys per block (the last may be shorter).

    Returns:
        (n_q, d_v) float64 array.

    Raises:
        ValueError: if block_size < 1.
    """
    if block_size < 1:
        raise ValueError("block_size must be >= 1, got %r" % (block_size,))
    Q = np.asarray(Q, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    V = np.asarray(V, dtype=np.float64)
    n_q, d = Q.shape
    scale = 1.0 / np.sqrt(d)
    m = np.full(n_q, -np.inf)                     # running max of the scores seen so far
    l = np.zeros(n_q)                             # running sum of exp(score - m)
    acc = np.zeros((n_q, V.shape[1]))             # running sum of exp(score - m) * v
    for start in range(0, K.shape[0], block_size):
        s = Q @ K[start:start + block_size].T     # (n_q, b) scores of this block
        s *= scale
        m_new = np.maximum(m, s.max(axis=1))
        alpha = np.exp(m - m_new)                 # rescales the old sums; exp(-inf) = 0 at the start
        s -= m_new[:, None]
        np.exp(s, out=s)                          # in place: one block-sized buffer
        l = l * alpha + s.sum(axis=1)
        acc *= alpha[:, None]
        acc += s @ V[start:start + block_size]
        m = m_new
    return acc / l[:, None]
