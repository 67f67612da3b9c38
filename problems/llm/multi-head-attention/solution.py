import numpy as np


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, n_kv_heads=None, causal=False, key_padding_mask=None):
    """Multi-head / grouped-query self-attention (reference).

    Args:
        x: (B, T, d_model) float array.
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model). d_head = Wq.shape[1] // n_heads.
        n_heads: number of query heads. n_kv_heads: number of key/value heads (None: n_heads);
            query head h uses key/value head h // (n_heads // n_kv_heads).
        causal: if True, query t attends only to keys s <= t.
        key_padding_mask: None or bool (B, T); True = real token, False = padding key.

    Returns:
        (B, T, d_model) float64. Rows with no allowed key give 0.

    Raises:
        ValueError: if n_kv_heads does not divide n_heads or the weight shapes disagree.
    """
    x = np.asarray(x, dtype=np.float64)
    Wq, Wk, Wv, Wo = (np.asarray(W, dtype=np.float64) for W in (Wq, Wk, Wv, Wo))
    n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
    if n_heads <= 0 or n_kv_heads <= 0 or n_heads % n_kv_heads:
        raise ValueError("n_kv_heads=%r must divide n_heads=%r" % (n_kv_heads, n_heads))
    B, T, _ = x.shape
    d_head = Wq.shape[1] // n_heads
    if (Wq.shape[1] != n_heads * d_head or Wk.shape[1] != n_kv_heads * d_head
            or Wv.shape[1] != n_kv_heads * d_head or Wo.shape[0] != n_heads * d_head):
        raise ValueError("weight shapes do not match n_heads=%d, n_kv_heads=%d" % (n_heads, n_kv_heads))

    def heads(W, n):                                            # (B, n, T, d_head)
        return (x @ W).reshape(B, T, n, d_head).transpose(0, 2, 1, 3)

    group = n_heads // n_kv_heads
    q = heads(Wq, n_heads)
    k = np.repeat(heads(Wk, n_kv_heads), group, axis=1)        # kv head g serves query heads g*group ... (g+1)*group - 1
    v = np.repeat(heads(Wv, n_kv_heads), group, axis=1)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_head)      # (B, H, T, T)

    allowed = np.ones((B, 1, T, T), dtype=bool)
    if causal:
        allowed = allowed & np.tril(np.ones((T, T), dtype=bool))
    if key_padding_mask is not None:
        allowed = allowed & np.asarray(key_padding_mask, dtype=bool)[:, None, None, :]
    scores = np.where(allowed, scores, -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)     # fully masked rows
    e = np.exp(scores - row_max)
    denom = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, denom, out=np.zeros_like(e), where=denom > 0)
    out = (weights @ v).transpose(0, 2, 1, 3).reshape(B, T, n_heads * d_head)
    return out @ Wo
