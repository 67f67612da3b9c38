import torch


def multi_head_attention(x, Wq, Wk, Wv, Wo, n_heads, n_kv_heads=None, causal=False, key_padding_mask=None):
    """Multi-head / grouped-query self-attention.

    Args:
        x: (B, T, d_model) float64 tensor (weights are float64 tensors too).
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model), with d_head = Wq.shape[1] // n_heads.
        n_heads: number of query heads.
        n_kv_heads: number of key/value heads (None means n_heads); must divide n_heads.
            Query head h uses key/value head h // (n_heads // n_kv_heads).
        causal: if True, query t attends only to keys s <= t.
        key_padding_mask: None or bool tensor (B, T); True = real token, False = padding
            (padding keys are never attended to).

    Returns:
        torch.Tensor float64 of shape (B, T, d_model). Scores are scaled by 1/sqrt(d_head); a
        query with no allowed key gets an all-zero row. Inputs must not be modified.

    Raises:
        ValueError: if n_kv_heads does not divide n_heads.
    """
    raise NotImplementedError
