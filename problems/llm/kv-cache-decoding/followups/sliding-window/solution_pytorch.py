import math

import torch


class KVCacheAttention:
    """Causal multi-head / grouped-query self-attention with a key/value cache for incremental
    decoding, optionally with a sliding window (PyTorch reference, parts 1 and 2; CPU, float64).

    Args:
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model) float64 tensors.
        pos_emb: (max_len, d_model); the token at position p enters as x + pos_emb[p].
        n_heads: query heads; n_kv_heads: key/value heads (None: n_heads), query head h uses
            key/value head h // (n_heads // n_kv_heads).
        window: None (full causal attention) or W >= 1: sliding-window attention, a token at
            position p attends to positions p - W + 1 .. p, and the caches keep only the last W
            positions (oldest first); the next position is then the attribute n_seen.

    Attributes:
        k_cache, v_cache: float64 tensors (n_kv_heads, t, d_head), t <= W with a window.
        n_seen: tokens processed so far.

    Raises:
        ValueError: if n_kv_heads does not divide n_heads, window is not None or an integer >= 1,
            or a position is beyond max_len.
    """

    def __init__(self, Wq, Wk, Wv, Wo, pos_emb, n_heads, n_kv_heads=None, window=None):
        self.Wq, self.Wk, self.Wv, self.Wo, self.pos_emb = (
            W.detach().clone().to(torch.float64) for W in (Wq, Wk, Wv, Wo, pos_emb))
        self.n_heads = n_heads
        self.n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
        if n_heads <= 0 or self.n_kv_heads <= 0 or n_heads % self.n_kv_heads:
            raise ValueError("n_kv_heads=%r must divide n_heads=%r" % (n_kv_heads, n_heads))
        if window is not None and (int(window) != window or window < 1):
            raise ValueError("window must be None or an integer >= 1, got %r" % (window,))
        self.window = None if window is None else int(window)
        self.d_head = self.Wq.shape[1] // n_heads
        self.group = n_heads // self.n_kv_heads
        self.k_cache = torch.zeros((self.n_kv_heads, 0, self.d_head), dtype=torch.float64)
        self.v_cache = torch.zeros((self.n_kv_heads, 0, self.d_head), dtype=torch.float64)
        self.n_seen = 0          # tokens processed; the next position when a window is set

    def _next_position(self):
        return self.k_cache.shape[1] if self.window is None else self.n_seen

    def _project(self, x, start):
        T = x.shape[0]
        if start + T > self.pos_emb.shape[0]:
            raise ValueError("position %d is beyond max_len=%d" % (start + T - 1, self.pos_emb.shape[0]))
        h = x.to(torch.float64) + self.pos_emb[start:start + T]

        def split(a, n):
            return a.reshape(T, n, self.d_head).transpose(0, 1)

        return (split(h @ self.Wq, self.n_heads), split(h @ self.Wk, self.n_kv_heads),
                split(h @ self.Wv, self.n_kv_heads))

    def _attend(self, q, start, k_cache=None, v_cache=None):
        """Attention of queries q (n_heads, T, d_head) at positions start.. over the cache (or the
        given keys and values), whose last entry is the last query's position. With a window W a
        query at position p sees the keys of positions p - W + 1 .. p."""
        if k_cache is None:
            k_cache, v_cache = self.k_cache, self.v_cache
        k = k_cache.repeat_interleave(self.group, dim=0)          # (n_heads, t, d_head)
        v = v_cache.repeat_interleave(self.group, dim=0)
        scores = q @ k.transpose(1, 2) / math.sqrt(self.d_head)   # (n_heads, T, t)
        T, t = q.shape[1], k.shape[1]
        kpos = torch.arange(start + T - t, start + T)             # positions of the keys
        qpos = start + torch.arange(T)
        allowed = kpos[None, :] <= qpos[:, None]
        if self.window is not None:
            allowed &= kpos[None, :] > qpos[:, None] - self.window
        w = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
        return (w @ v).transpose(0, 1).reshape(T, self.n_heads * self.d_head) @ self.Wo

    def prefill(self, x):
        """New sequence from the prompt x (T, d_model); returns the causal output (T, d_model).
        With a window, every query sees its last W positions and only the last W are kept."""
        q, k, v = self._project(x, 0)
        out = self._attend(q, 0, k, v)
        keep = x.shape[0] if self.window is None else min(x.shape[0], self.window)
        self.k_cache, self.v_cache = k[:, x.shape[0] - keep:], v[:, x.shape[0] - keep:]
        self.n_seen = x.shape[0]
        return out

    def step(self, x_t):
        """One token x_t (d_model,) at the next position: append, attend, drop the oldest position
        beyond the window; returns (d_model,)."""
        t = self._next_position()
        q, k, v = self._project(x_t[None, :], t)
        self.k_cache = torch.cat([self.k_cache, k], dim=1)
        self.v_cache = torch.cat([self.v_cache, v], dim=1)
        out = self._attend(q, t)[0]
        if self.window is not None and self.k_cache.shape[1] > self.window:
            self.k_cache = self.k_cache[:, -self.window:]          # drop the oldest position
            self.v_cache = self.v_cache[:, -self.window:]
        self.n_seen = t + 1
        return out
