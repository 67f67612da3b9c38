import torch


def attention(Q, K, V, mask=None):
    """Scaled dot-product attention with torch ops.

    Args:
        Q: (..., L_q, d_k) float64 tensor (CPU).
        K: (..., L_k, d_k) float64 tensor.
        V: (..., L_k, d_v) float64 tensor. Leading dims "..." are the same for Q, K, V.
        mask: None or bool tensor broadcastable to (..., L_q, L_k); True = may attend.

    Returns:
        (output, weights): float64 tensors of shapes (..., L_q, d_v) and (..., L_q, L_k).
        weights = softmax over the last axis of Q K^T / sqrt(d_k) restricted to allowed
        keys (blocked keys get 0.0); a fully masked row gives all-zero weights and output.
        Must be numerically stable for large scores. Inputs must not be modified.
    """
    raise NotImplementedError
