import numpy as np


class KVCacheAttention:
    """Causal multi-head / grouped-query self-attention with a key/value cache for incremental
    decoding (reference).

    Args:
        Wq: (d_model, n_heads * d_head); Wk, Wv: (d_model, n_kv_heads * d_head);
        Wo: (n_heads * d_head, d_model) float arrays.
        pos_emb: (max_len, d_model) learned absolute position embeddings, added to each input
            row before the projections (the token at position p uses pos_emb[p]).
        n_heads: query heads; n_kv_heads: key/value heads (None: n_heads), query head h uses
            key/value head h // (n_heads // n_kv_heads).
        window: None (full causal attention) or W >= 1: sliding-window attention, a token at
            position p attends to positions p - W + 1 .. p, and the caches keep only the last W
            positions (oldest first); the next position is then the attribute n_seen.

    Attributes:
        k_cache, v_cache: float64 arrays (n_kv_heads, t, d_head) holding the keys and values of
            the t tokens seen so far; the whole state of the sequence (t is the next position).

    Raises:
        ValueError: if n_kv_heads does not divide n_heads.
    """

    def __init__(self, Wq, Wk, Wv, Wo, pos_emb, n_heads, n_kv_heads=None, window=None):
        self.Wq, self.Wk, self.Wv, self.Wo, self.pos_emb = (
            np.array(W, dtype=np.float64) for W in (Wq, Wk, Wv, Wo, pos_emb))   # private copies
        self.n_heads = n_heads
        self.n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
        if n_heads <= 0 or self.n_kv_heads <= 0 or n_heads % self.n_kv_heads:
            raise ValueError("n_kv_heads=%r must divide n_heads=%r" % (n_kv_heads, n_heads))
        self.d_head = self.Wq.shape[1] // n_heads
        self.group = n_heads // self.n_kv_heads
        if window is not None and (int(window) != window or window < 1):
            raise ValueError("window must be None or an integer >= 1, got %r" % (window,))
        self.window = None if window is None else int(window)
        empty = np.zeros((self.n_kv_heads, 0, self.d_head))
        self.k_cache, self.v_cache = empty, empty.copy()
        self.n_seen = 0          # tokens processed; the next position when a window is set

    def _next_position(self):
        return self.k_cache.shape[1] if self.window is None else self.n_seen

    def _project(self, x, start):
        """q (n_heads, T, d_head), k and v (n_kv_heads, T, d_head) of rows x at positions start.."""
        T = x.shape[0]
        if start + T > self.pos_emb.shape[0]:
            raise ValueError("position %d is beyond max_len=%d" % (start + T - 1, self.pos_emb.shape[0]))
        h = x + self.pos_emb[start:start + T]
        split = lambda a, n: a.reshape(T, n, self.d_head).transpose(1, 0, 2)
        return (split(h @ self.Wq, self.n_heads), split(h @ self.Wk, self.n_kv_heads),
                split(h @ self.Wv, self.n_kv_heads))

    def _attend(self, q, start, k_cache=None, v_cache=None):
        """Attention of queries q (n_heads, T, d_head) at positions start.. over the cache (or the
        given keys and values), whose last entry is the last query's position. With a window W a
        query at position p sees the keys of positions p - W + 1 .. p."""
        if k_cache is None:
            k_cache, v_cache = self.k_cache, self.v_cache
        k = np.repeat(k_cache, self.group, axis=0)                # (n_heads, t, d_head)
        v = np.repeat(v_cache, self.group, axis=0)
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(self.d_head)  # (n_heads, T, t)
        T, t = q.shape[1], k.shape[1]
        kpos = np.arange(start + T - t, start + T)                # positions of the keys
        qpos = start + np.arange(T)
        allowed = kpos[None, :] <= qpos[:, None]
        if self.window is not None:
            allowed &= kpos[None, :] > qpos[:, None] - self.window
        scores = np.where(allowed, scores, -np.inf)
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))  # every row sees itself: max finite
        w = e / e.sum(axis=-1, keepdims=True)
        out = (w @ v).transpose(1, 0, 2).reshape(T, self.n_heads * self.d_head)
        return out @ self.Wo

    def prefill(self, x):
        """Starts a new sequence with the prompt x (T, d_model), T >= 1: fills the cache with its
        T keys and values and returns the causal attention output (T, d_model)."""
        x = np.asarray(x, dtype=np.float64)
        q, k, v = self._project(x, 0)
        out = self._attend(q, 0, k, v)
        keep = x.shape[0] if self.window is None else min(x.shape[0], self.window)
        self.k_cache, self.v_cache = k[:, x.shape[0] - keep:], v[:, x.shape[0] - keep:]
        self.n_seen = x.shape[0]
        return out

    def step(self, x_t):
        """Processes one token x_t (d_model,) at position t = k_cache.shape[1]: appends its key and
        value to the cache and returns its output (d_model,), attention over positions 0..t."""
        x_t = np.asarray(x_t, dtype=np.float64)
        t = self._next_position()
        q, k, v = self._project(x_t[None, :], t)
        self.k_cache = np.concatenate([self.k_cache, k], axis=1)
        self.v_cache = np.concatenate([self.v_cache, v], axis=1)
        out = self._attend(q, t)[0]
        if self.window is not None and self.k_cache.shape[1] > self.window:
            self.k_cache = self.k_cache[:, -self.window:]          # drop the oldest position
            self.v_cache = self.v_cache[:, -self.window:]
        self.n_seen = t + 1
        return out
