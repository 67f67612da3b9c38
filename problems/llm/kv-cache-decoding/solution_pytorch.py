import math

import torch


class KVCacheAttention:
    """Causal multi-head / grouped-query self-attention with a key/value cache for incremental
    decoding (PyTorch reference, CPU, float64, no autograd needed).

    Args:
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model) float64 tensors.
        pos_emb: (max_len, d_model); the token at position p enters as x + pos_emb[p].
        n_heads: query heads; n_kv_heads: key/value heads (None: n_heads), query head h uses
            key/value head h // (n_heads // n_kv_heads).

    Attributes:
        k_cache, v_cache: float64 tensors (n_kv_heads, t, d_head), the whole state of the sequence.

    Raises:
        ValueError: if n_kv_heads does not divide n_heads.
    """

    def __init__(self, Wq, Wk, Wv, Wo, pos_emb, n_heads, n_kv_heads=None):
        self.Wq, self.Wk, self.Wv, self.Wo, self.pos_emb = (
            W.detach().clone().to(torch.float64) for W in (Wq, Wk, Wv, Wo, pos_emb))
        self.n_heads = n_heads
        self.n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
        if n_heads <= 0 or self.n_kv_heads <= 0 or n_heads % self.n_kv_heads:
            raise ValueError("n_kv_heads=%r must divide n_heads=%r" % (n_kv_heads, n_heads))
        self.d_head = self.Wq.shape[1] // n_heads
        self.group = n_heads // self.n_kv_heads
        self.k_cache = torch.zeros((self.n_kv_heads, 0, self.d_head), dtype=torch.float64)
        self.v_cache = torch.zeros((self.n_kv_heads, 0, self.d_head), dtype=torch.float64)

    def _project(self, x, start):
        T = x.shape[0]
        if start + T > self.pos_emb.shape[0]:
            raise ValueError("position %d is beyond max_len=%d" % (start + T - 1, self.pos_emb.shape[0]))
        h = x.to(torch.float64) + self.pos_emb[start:start + T]

        def split(a, n):
            return a.reshape(T, n, self.d_head).transpose(0, 1)

        return (split(h @ self.Wq, self.n_heads), split(h @ self.Wk, self.n_kv_heads),
                split(h @ self.Wv, self.n_kv_heads))

    def _attend(self, q, start):
        k = self.k_cache.repeat_interleave(self.group, dim=0)     # (n_heads, t, d_head)
        v = self.v_cache.repeat_interleave(self.group, dim=0)
        scores = q @ k.transpose(1, 2) / math.sqrt(self.d_head)   # (n_heads, T, t)
        T, t = q.shape[1], k.shape[1]
        allowed = torch.arange(t)[None, :] <= (start + torch.arange(T))[:, None]
        w = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
        return (w @ v).transpose(0, 1).reshape(T, self.n_heads * self.d_head) @ self.Wo

    def prefill(self, x):
        """New sequence from the prompt x (T, d_model); returns the causal output (T, d_model)."""
        q, k, v = self._project(x, 0)
        self.k_cache, self.v_cache = k, v
        return self._attend(q, 0)

    def step(self, x_t):
        """One token x_t (d_model,) at position t = k_cache.shape[1]: append, return (d_model,)."""
        t = self.k_cache.shape[1]
        q, k, v = self._project(x_t[None, :], t)
        self.k_cache = torch.cat([self.k_cache, k], dim=1)
        self.v_cache = torch.cat([self.v_cache, v], dim=1)
        return self._attend(q, t)[0]
