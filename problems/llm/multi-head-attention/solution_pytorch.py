import math

import torch


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, n_kv_heads=None, causal=False, key_padding_mask=None):
    """Multi-head / grouped-query self-attention (PyTorch reference, CPU, no autograd needed).

    Args:
        x: (B, T, d_model) float64 tensor.
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model). d_head = Wq.shape[1] // n_heads.
        n_heads, n_kv_heads (None: n_heads): query head h uses key/value head h // (n_heads // n_kv_heads).
        causal: if True, query t attends only to keys s <= t.
        key_padding_mask: None or bool tensor (B, T); True = real token, False = padding key.

    Returns:
        (B, T, d_model) float64 tensor. Rows with no allowed key give 0.

    Raises:
        ValueError: if n_kv_heads does not divide n_heads or the weight shapes disagree.
    """
    n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
    if n_heads <= 0 or n_kv_heads <= 0 or n_heads % n_kv_heads:
        raise ValueError("n_kv_heads=%r must divide n_heads=%r" % (n_kv_heads, n_heads))
    B, T, _ = x.shape
    d_head = Wq.shape[1] // n_heads
    if (Wq.shape[1] != n_heads * d_head or Wk.shape[1] != n_kv_heads * d_head
            or Wv.shape[1] != n_kv_heads * d_head or Wo.shape[0] != n_heads * d_head):
        raise ValueError("weight shapes do not match n_heads=%d, n_kv_heads=%d" % (n_heads, n_kv_heads))

    def heads(W, n):                                            # (B, n, T, d_head)
        return (x @ W).reshape(B, T, n, d_head).transpose(1, 2)

    group = n_heads // n_kv_heads
    q = heads(Wq, n_heads)
    k = heads(Wk, n_kv_heads).repeat_interleave(group, dim=1)  # kv head g serves query heads g*group ...
    v = heads(Wv, n_kv_heads).repeat_interleave(group, dim=1)
    scores = q @ k.transpose(-1, -2) / math.sqrt(d_head)       # (B, H, T, T)

    allowed = torch.ones((B, 1, T, T), dtype=torch.bool)
    if causal:
        allowed = allowed & torch.ones((T, T), dtype=torch.bool).tril()
    if key_padding_mask is not None:
        allowed = allowed & key_padding_mask.bool()[:, None, None, :]
    scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)                    # max-subtracted inside
    weights = torch.nan_to_num(weights, nan=0.0)               # fully masked rows: 0/0 -> 0
    out = (weights @ v).transpose(1, 2).reshape(B, T, n_heads * d_head)
    return out @ Wo
