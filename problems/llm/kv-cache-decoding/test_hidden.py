import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import KVCacheAttention as _UserKVCacheAttention

_KV = user_function(_UserKVCacheAttention)

RTOL, ATOL = 1e-6, 1e-9
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")

D, H, KVH, DH, MAXLEN = 10, 4, 2, 3, 16        # d_model = 10 differs from n_heads * d_head = 12


class Checked:
    """Your KVCacheAttention, with every result and the caches checked for type and shape."""

    def __init__(self, W, n_heads=H, n_kv_heads=KVH):
        self.obj = _KV(*W, n_heads, n_kv_heads)
        self.n_kv, self.dh = n_kv_heads, W[0].shape[1] // n_heads

    def prefill(self, x):
        return _as_array(self.obj.prefill(x), x.shape, "prefill(x) result")

    def step(self, x_t):
        return _as_array(self.obj.step(x_t), x_t.shape, "step(x_t) result")

    def caches(self, t):
        k = _as_array(self.obj.k_cache, (self.n_kv, None, self.dh), "k_cache")
        v = _as_array(self.obj.v_cache, (self.n_kv, None, self.dh), "v_cache")
        assert k.shape[1] == t and v.shape[1] == t, \
            f"after {t} tokens the caches must hold {t} positions, got k_cache {k.shape}, v_cache {v.shape}"
        return k, v

    def set_caches(self, k, v):
        self.obj.k_cache = k.copy()
        self.obj.v_cache = v.copy()


# ---------------------------------------------------------------- independent slow reference

def _ref(x, Wq, Wk, Wv, Wo, P, n_heads=H, n_kv_heads=KVH):
    """Full causal attention over the rows of x (positions 0..T-1): output (T, d_model), and the
    keys and values per kv head (n_kv_heads, T, d_head)."""
    T = x.shape[0]
    h = x + P[:T]
    dh = Wq.shape[1] // n_heads
    group = n_heads // n_kv_heads
    Q, K, V = h @ Wq, h @ Wk, h @ Wv
    out = np.zeros((T, n_heads * dh))
    for hd in range(n_heads):
        g = hd // group
        for t in range(T):
            sc = [float(Q[t, hd * dh:(hd + 1) * dh] @ K[s, g * dh:(g + 1) * dh]) / math.sqrt(dh) for s in range(t + 1)]
            m = max(sc)
            e = [math.exp(c - m) for c in sc]
            z = sum(e)
            out[t, hd * dh:(hd + 1) * dh] = sum(e[s] / z * V[s, g * dh:(g + 1) * dh] for s in range(t + 1))
    split = lambda A: A.reshape(T, n_kv_heads, dh).transpose(1, 0, 2)
    return out @ Wo, split(K), split(V)


def _attend_cache(x_t, t, k_cache, v_cache, Wq, Wk, Wv, Wo, P, n_heads=H, n_kv_heads=KVH):
    """Output of a token x_t at position t given caches (n_kv_heads, t, d_head), slow reference."""
    dh = Wq.shape[1] // n_heads
    group = n_heads // n_kv_heads
    h = x_t + P[t]
    q = h @ Wq
    K = np.concatenate([k_cache, (h @ Wk).reshape(n_kv_heads, 1, dh)], axis=1)
    V = np.concatenate([v_cache, (h @ Wv).reshape(n_kv_heads, 1, dh)], axis=1)
    out = np.zeros(n_heads * dh)
    for hd in range(n_heads):
        g = hd // group
        sc = [float(q[hd * dh:(hd + 1) * dh] @ K[g, s]) / math.sqrt(dh) for s in range(t + 1)]
        m = max(sc)
        e = [math.exp(c - m) for c in sc]
        out[hd * dh:(hd + 1) * dh] = sum(e[s] / sum(e) * V[g, s] for s in range(t + 1))
    return out @ Wo


def _weights(seed, n_heads=H, n_kv_heads=KVH, dh=DH, scale=1.0):
    rng = np.random.default_rng(seed)
    s = scale / math.sqrt(D)
    return (rng.normal(size=(D, n_heads * dh)) * s, rng.normal(size=(D, n_kv_heads * dh)) * s,
            rng.normal(size=(D, n_kv_heads * dh)) * s, rng.normal(size=(n_heads * dh, D)) * s,
            rng.normal(size=(MAXLEN, D)) * 0.5)


def _x(seed, T):
    return np.random.default_rng(seed).normal(size=(T, D))


# ---------------------------------------------------------------- tests

def test_prefill_equals_full_causal_attention():
    W = _weights(1)
    x = _x(2, 7)
    expected, K, V = _ref(x, *W)
    m = Checked(W)
    np.testing.assert_allclose(m.prefill(x.copy()), expected, rtol=RTOL, atol=ATOL,
                               err_msg="prefill output differs from full causal attention (positions 0..T-1, pos_emb added)")
    k, v = m.caches(7)
    np.testing.assert_allclose(k, K, rtol=RTOL, atol=ATOL, err_msg="k_cache after prefill: keys of (x + pos_emb) per kv head")
    np.testing.assert_allclose(v, V, rtol=RTOL, atol=ATOL, err_msg="v_cache after prefill: values of (x + pos_emb) per kv head")


def test_each_step_equals_full_causal_attention_over_the_prefix():
    W = _weights(3)
    x = _x(4, 12)
    expected, K, V = _ref(x, *W)
    m = Checked(W)
    m.prefill(x[:4].copy())
    for t in range(4, 12):
        out = m.step(x[t].copy())
        np.testing.assert_allclose(out, expected[t], rtol=RTOL, atol=ATOL,
                                   err_msg=f"step at position {t} differs from full causal attention over tokens 0..{t}")
        k, v = m.caches(t + 1)
        np.testing.assert_allclose(k, K[:, :t + 1], rtol=RTOL, atol=ATOL, err_msg=f"k_cache after the step at position {t}")
        np.testing.assert_allclose(v, V[:, :t + 1], rtol=RTOL, atol=ATOL, err_msg=f"v_cache after the step at position {t}")


def test_cache_grows_by_one_per_step_and_keeps_old_entries():
    W = _weights(5)
    x = _x(6, 8)
    m = Checked(W)
    m.prefill(x[:3].copy())
    prev_k, prev_v = (a.copy() for a in m.caches(3))
    for t in range(3, 8):
        m.step(x[t].copy())
        k, v = m.caches(t + 1)
        np.testing.assert_allclose(k[:, :t], prev_k, rtol=1e-12, atol=0,
                                   err_msg=f"step at position {t} changed the cached keys of earlier positions (append, do not overwrite)")
        np.testing.assert_allclose(v[:, :t], prev_v, rtol=1e-12, atol=0,
                                   err_msg=f"step at position {t} changed the cached values of earlier positions")
        prev_k, prev_v = k.copy(), v.copy()


def test_step_reads_the_past_from_the_cache():
    # Prefill prompt A, then replace the caches by those of prompt B (same length): the next step
    # must continue B. An answer that recomputes keys from stored inputs continues A instead.
    W = _weights(7)
    a, b = _x(8, 5), _x(9, 5)
    nxt = _x(10, 1)[0]
    _, Kb, Vb = _ref(b, *W)
    m = Checked(W)
    m.prefill(a.copy())
    m.set_caches(Kb, Vb)
    out = m.step(nxt.copy())
    expected = _ref(np.vstack([b, nxt]), *W)[0][5]
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                               err_msg="after the caches were replaced by another prompt's, step must attend over the "
                                       "replaced keys/values: past keys come from k_cache/v_cache, not recomputed")
    k, v = m.caches(6)
    np.testing.assert_allclose(k[:, :5], Kb, rtol=1e-12, atol=0, err_msg="the replaced cache entries must be kept")


def test_position_comes_from_the_cache_length():
    # Caches of 3 positions set directly (no prefill): the next token is at position 3.
    W = _weights(11)
    x = _x(12, 4)
    _, K, V = _ref(x[:3], *W)
    m = Checked(W)
    m.set_caches(K, V)
    out = m.step(x[3].copy())
    np.testing.assert_allclose(out, _attend_cache(x[3], 3, K, V, *W), rtol=RTOL, atol=ATOL,
                               err_msg="a token after 3 cached positions is at position 3 (uses pos_emb[3])")


def test_step_without_prefill_starts_at_position_zero():
    W = _weights(13)
    x = _x(14, 4)
    expected, _, _ = _ref(x, *W)
    m = Checked(W)
    k, v = m.caches(0)
    for t in range(4):
        np.testing.assert_allclose(m.step(x[t].copy()), expected[t], rtol=RTOL, atol=ATOL,
                                   err_msg=f"decoding from an empty cache: step {t} differs from full causal attention")
    m.caches(4)


def test_prefill_starts_a_new_sequence():
    W = _weights(15)
    a, b = _x(16, 6), _x(17, 3)
    m = Checked(W)
    m.prefill(a.copy())
    m.step(_x(18, 1)[0])
    expected, _, _ = _ref(np.vstack([b, _x(19, 1)]), *W)
    np.testing.assert_allclose(m.prefill(b.copy()), expected[:3], rtol=RTOL, atol=ATOL,
                               err_msg="a second prefill must start a new sequence at position 0")
    m.caches(3)
    np.testing.assert_allclose(m.step(_x(19, 1)[0]), expected[3], rtol=RTOL, atol=ATOL,
                               err_msg="the step after a second prefill must continue the new sequence")


def test_multi_query_and_full_mha():
    x = _x(20, 6)
    for n_kv in (1, 4):
        W = _weights(21 + n_kv, H, n_kv)
        expected, K, _ = _ref(x, *W, H, n_kv)
        m = Checked(W, H, n_kv)
        m.prefill(x[:2].copy())
        for t in range(2, 6):
            np.testing.assert_allclose(m.step(x[t].copy()), expected[t], rtol=RTOL, atol=ATOL,
                                       err_msg=f"n_kv_heads={n_kv}: step at position {t} is wrong")
        k, _ = m.caches(6)
        np.testing.assert_allclose(k, K, rtol=RTOL, atol=ATOL, err_msg=f"n_kv_heads={n_kv}: k_cache is wrong")


def test_large_scores_are_stable():
    W = _weights(27, scale=25.0)
    x = _x(28, 8)
    expected, _, _ = _ref(x, *W)
    m = Checked(W)
    with np.errstate(**STRICT):
        out = m.prefill(x[:5].copy())
        steps = [m.step(x[t].copy()) for t in range(5, 8)]
    np.testing.assert_allclose(out, expected[:5], rtol=RTOL, atol=ATOL, err_msg="prefill wrong for large scores")
    np.testing.assert_allclose(np.array(steps), expected[5:], rtol=RTOL, atol=ATOL, err_msg="steps wrong for large scores")


def _raises_value_error(what, call):
    try:
        call()
    except ValueError:
        return
    except Exception as e:  # noqa: BLE001 - name what was raised instead
        raise AssertionError(f"{what} must raise ValueError, got {type(e).__name__}: {e}")
    raise AssertionError(f"{what} must raise ValueError, nothing was raised")


def test_beyond_max_len_raises_value_error():
    W = _weights(29)
    m = Checked(W)
    _raises_value_error(f"prefill of max_len + 1 = {MAXLEN + 1} tokens", lambda: m.obj.prefill(_x(30, MAXLEN + 1)))
    m.prefill(_x(31, MAXLEN))                             # exactly max_len tokens is fine
    m.caches(MAXLEN)
    _raises_value_error(f"a step at position max_len = {MAXLEN}", lambda: m.obj.step(_x(32, 1)[0]))


def test_n_kv_heads_must_divide_n_heads():
    W = _weights(33, 6, 4, 2)
    _raises_value_error("n_heads=6, n_kv_heads=4", lambda: _KV(*W, 6, 4))


def test_does_not_modify_inputs():
    W = _weights(34)
    saved = [w.copy() for w in W]
    x = _x(35, 5)
    xs = x.copy()
    m = Checked(W)
    m.prefill(x)
    m.step(x[0])
    for name, a, s in zip(("Wq", "Wk", "Wv", "Wo", "pos_emb"), W, saved):
        np.testing.assert_array_equal(a, s, err_msg=f"KVCacheAttention modified {name} in place")
    np.testing.assert_array_equal(x, xs, err_msg="prefill/step modified their input in place")
