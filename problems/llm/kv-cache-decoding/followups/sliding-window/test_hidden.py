import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import KVCacheAttention as _UserKVCacheAttention

_KV = user_function(_UserKVCacheAttention)

RTOL, ATOL = 1e-6, 1e-9
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")

D, H, KVH, DH, MAXLEN = 10, 4, 2, 3, 32


class Checked:
    """Your KVCacheAttention with a window, every result and the caches checked for type and shape."""

    def __init__(self, W, window, n_heads=H, n_kv_heads=KVH):
        self.obj = _KV(*W, n_heads, n_kv_heads, window=window)
        self.n_kv, self.dh = n_kv_heads, W[0].shape[1] // n_heads

    def prefill(self, x):
        return _as_array(self.obj.prefill(x), x.shape, "prefill(x) result")

    def step(self, x_t):
        return _as_array(self.obj.step(x_t), x_t.shape, "step(x_t) result")

    def caches(self, length):
        k = _as_array(self.obj.k_cache, (self.n_kv, None, self.dh), "k_cache")
        v = _as_array(self.obj.v_cache, (self.n_kv, None, self.dh), "v_cache")
        assert k.shape[1] == length and v.shape[1] == length, (
            f"the caches must hold the last {length} positions, got k_cache {k.shape}, v_cache {v.shape}")
        return k, v

    def n_seen(self):
        n = self.obj.n_seen
        assert isinstance(n, (int, np.integer)) and not isinstance(n, bool), f"n_seen must be an int, got {type(n).__name__}"
        return int(n)


def _ref(x, Wq, Wk, Wv, Wo, P, window, n_heads=H, n_kv_heads=KVH):
    """Sliding-window causal attention, slow: position t sees positions max(0, t - window + 1)..t.
    Returns the outputs (T, d_model) and all keys / values (n_kv_heads, T, d_head)."""
    T = x.shape[0]
    h = x + P[:T]
    dh = Wq.shape[1] // n_heads
    group = n_heads // n_kv_heads
    Q, K, V = h @ Wq, h @ Wk, h @ Wv
    out = np.zeros((T, n_heads * dh))
    for hd in range(n_heads):
        g = hd // group
        for t in range(T):
            lo = max(0, t - window + 1)
            sc = [float(Q[t, hd * dh:(hd + 1) * dh] @ K[s, g * dh:(g + 1) * dh]) / math.sqrt(dh) for s in range(lo, t + 1)]
            m = max(sc)
            e = [math.exp(c - m) for c in sc]
            out[t, hd * dh:(hd + 1) * dh] = sum(e[i] / sum(e) * V[lo + i, g * dh:(g + 1) * dh] for i in range(len(e)))
    split = lambda A: A.reshape(T, n_kv_heads, dh).transpose(1, 0, 2)
    return out @ Wo, split(K), split(V)


def _weights(seed, n_heads=H, n_kv_heads=KVH, dh=DH, scale=1.0):
    rng = np.random.default_rng(seed)
    s = scale / math.sqrt(D)
    return (rng.normal(size=(D, n_heads * dh)) * s, rng.normal(size=(D, n_kv_heads * dh)) * s,
            rng.normal(size=(D, n_kv_heads * dh)) * s, rng.normal(size=(n_heads * dh, D)) * s,
            rng.normal(size=(MAXLEN, D)) * 0.5)


def _x(seed, T):
    return np.random.default_rng(seed).normal(size=(T, D))


def test_prefill_longer_than_window():
    W, x = _weights(1), _x(2, 9)
    out_ref, K, V = _ref(x, *W, window=4)
    m = Checked(W, window=4)
    np.testing.assert_allclose(m.prefill(x.copy()), out_ref, rtol=RTOL, atol=ATOL,
                               err_msg="prefill with window=4: position t attends to positions t-3..t only")
    k, v = m.caches(4)
    np.testing.assert_allclose(k, K[:, 5:], rtol=RTOL, atol=ATOL, err_msg="after a 9-token prefill the caches hold positions 5..8 (oldest first)")
    np.testing.assert_allclose(v, V[:, 5:], rtol=RTOL, atol=ATOL, err_msg="v_cache after prefill")
    assert m.n_seen() == 9, f"n_seen after a 9-token prefill must be 9, got {m.n_seen()}"


def test_steps_match_windowed_attention_and_cache_stays_bounded():
    W, x = _weights(3), _x(4, 20)
    out_ref, K, V = _ref(x, *W, window=5)
    m = Checked(W, window=5)
    m.prefill(x[:2].copy())
    m.caches(2)
    for t in range(2, 20):
        np.testing.assert_allclose(m.step(x[t].copy()), out_ref[t], rtol=RTOL, atol=ATOL,
                                   err_msg=f"step at position {t}: attention over positions {max(0, t - 4)}..{t} (window 5)")
        n = min(t + 1, 5)
        k, v = m.caches(n)
        np.testing.assert_allclose(k, K[:, t + 1 - n:t + 1], rtol=RTOL, atol=ATOL,
                                   err_msg=f"after position {t} the caches hold the last {n} positions, oldest first")
        assert m.n_seen() == t + 1, f"n_seen after position {t} must be {t + 1}, got {m.n_seen()}"


def test_position_continues_after_the_cache_is_full():
    # once the cache holds `window` entries its length stops growing: the position (pos_emb row)
    # must come from n_seen, not from the cache length
    W, x = _weights(5), _x(6, 12)
    out_ref, _, _ = _ref(x, *W, window=3)
    m = Checked(W, window=3)
    outs = [m.step(x[t].copy()) for t in range(12)]
    np.testing.assert_allclose(np.array(outs), out_ref, rtol=RTOL, atol=ATOL,
                               err_msg="decoding 12 tokens one by one with window=3 (positions keep counting)")


def test_window_one_attends_to_itself_only():
    W, x = _weights(7), _x(8, 6)
    Wq, Wk, Wv, Wo, P = W
    h = x + P[:6]
    vals = (h @ Wv).reshape(6, KVH, DH)
    want = np.concatenate([vals[:, hd // (H // KVH)] for hd in range(H)], axis=1) @ Wo
    m = Checked(W, window=1)
    np.testing.assert_allclose(m.prefill(x[:3].copy()), want[:3], rtol=RTOL, atol=ATOL,
                               err_msg="window=1: each token's output is its own value mixed by Wo")
    for t in range(3, 6):
        np.testing.assert_allclose(m.step(x[t].copy()), want[t], rtol=RTOL, atol=ATOL, err_msg=f"window=1, position {t}")
    m.caches(1)


def test_step_reads_the_window_from_the_cache():
    # replace the caches by those of another prompt (last 4 positions of a 7-token prompt B):
    # the next token at position 7 must attend over B's keys and values
    W = _weights(9)
    a, b, nxt = _x(10, 7), _x(11, 7), _x(12, 1)[0]
    m = Checked(W, window=5)
    m.prefill(a.copy())
    _, Kb, Vb = _ref(b, *W, window=5)
    m.obj.k_cache, m.obj.v_cache = Kb[:, 3:].copy(), Vb[:, 3:].copy()
    out = m.step(nxt.copy())
    want = _ref(np.vstack([b, nxt]), *W, window=5)[0][7]
    np.testing.assert_allclose(out, want, rtol=RTOL, atol=ATOL,
                               err_msg="step must read the past keys/values of the window from k_cache/v_cache")


def test_large_window_and_gqa_variants_match_full_attention():
    x = _x(13, 10)
    for n_kv in (1, 4):
        W = _weights(14 + n_kv, H, n_kv)
        out_full, _, _ = _ref(x, *W, window=10_000, n_heads=H, n_kv_heads=n_kv)
        m = Checked(W, window=MAXLEN, n_heads=H, n_kv_heads=n_kv)
        m.prefill(x[:4].copy())
        for t in range(4, 10):
            np.testing.assert_allclose(m.step(x[t].copy()), out_full[t], rtol=RTOL, atol=ATOL,
                                       err_msg=f"n_kv_heads={n_kv}, window >= sequence: full causal attention at {t}")


def test_stable_for_large_scores_and_invalid_window():
    W, x = _weights(17, scale=25.0), _x(18, 10)
    out_ref, _, _ = _ref(x, *W, window=4)
    m = Checked(W, window=4)
    with np.errstate(**STRICT):
        first = m.prefill(x[:6].copy())
        rest = [m.step(x[t].copy()) for t in range(6, 10)]
    np.testing.assert_allclose(np.vstack([first, rest]), out_ref, rtol=RTOL, atol=ATOL, err_msg="large scores with window=4")
    for bad in (0, -2):
        try:
            _KV(*W, H, KVH, window=bad)
        except ValueError:
            continue
        raise AssertionError(f"window={bad} must raise ValueError")
