import numpy as np


class KVCacheAttention:
    """Causal multi-head / grouped-query self-attention with a key/value cache.

    Args:
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model) float arrays (d_head = Wq.shape[1] // n_heads).
        pos_emb: (max_len, d_model); the token at position p enters as x + pos_emb[p].
        n_heads: query heads. n_kv_heads: key/value heads (None means n_heads); query head h
            uses key/value head h // (n_heads // n_kv_heads). ValueError if it does not divide.

    Attributes (the whole state; the tests read and replace them):
        k_cache, v_cache: float64 arrays (n_kv_heads, t, d_head) of the t tokens seen so far,
            empty (n_kv_heads, 0, d_head) after construction. The next position is t.
    """

    def __init__(self, Wq, Wk, Wv, Wo, pos_emb, n_heads, n_kv_heads=None):
        raise NotImplementedError

    def prefill(self, x):
        """New sequence from the prompt x (T, d_model): set the caches to its T keys/values and
        return the causal attention output (T, d_model). ValueError if T > max_len."""
        raise NotImplementedError

    def step(self, x_t):
        """One token x_t (d_model,) at position t = k_cache.shape[1]: append its key/value, return
        its output (d_model,) = attention over positions 0..t. ValueError if t == max_len."""
        raise NotImplementedError
