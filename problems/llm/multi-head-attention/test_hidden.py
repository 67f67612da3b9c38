import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import multi_head_attention as _user_mha

_mha = user_function(_user_mha)

RTOL, ATOL = 1e-6, 1e-9
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")


def mha(x, *args, **kwargs):
    """Your multi_head_attention (arguments passed on as given, so the defaults are tested), with
    its result checked to be a float array of shape (B, T, d_model) before a test uses it."""
    return _as_array(_mha(x, *args, **kwargs), np.shape(x), "multi_head_attention result")


# ---------------------------------------------------------------- independent slow reference

def _ref(x, Wq, Wk, Wv, Wo, n_heads, n_kv_heads=None, causal=False, pad=None):
    n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
    B, T, _ = x.shape
    dh = Wq.shape[1] // n_heads
    group = n_heads // n_kv_heads
    Q, K, V = x @ Wq, x @ Wk, x @ Wv
    heads_out = np.zeros((B, T, n_heads * dh))
    for b in range(B):
        for h in range(n_heads):
            g = h // group
            q = Q[b, :, h * dh:(h + 1) * dh]
            k = K[b, :, g * dh:(g + 1) * dh]
            v = V[b, :, g * dh:(g + 1) * dh]
            for t in range(T):
                allowed = [s for s in range(T) if (not causal or s <= t) and (pad is None or pad[b, s])]
                if not allowed:
                    continue
                sc = {s: float(q[t] @ k[s]) / math.sqrt(dh) for s in allowed}
                m = max(sc.values())
                e = {s: math.exp(sc[s] - m) for s in allowed}
                z = sum(e.values())
                heads_out[b, t, h * dh:(h + 1) * dh] = sum(e[s] / z * v[s] for s in allowed)
    return heads_out @ Wo


def _weights(seed, d_model, n_heads, n_kv_heads, d_head, scale=1.0):
    rng = np.random.default_rng(seed)
    s = scale / math.sqrt(d_model)
    return (rng.normal(size=(d_model, n_heads * d_head)) * s, rng.normal(size=(d_model, n_kv_heads * d_head)) * s,
            rng.normal(size=(d_model, n_kv_heads * d_head)) * s, rng.normal(size=(n_heads * d_head, d_model)) * s)


def _x(seed, B, T, d_model):
    return np.random.default_rng(seed).normal(size=(B, T, d_model))


# d_model = 12 differs from n_heads * d_head = 4 * 5 = 20
B, T, D, H, DH = 2, 6, 12, 4, 5


def test_mha_matches_reference():
    x = _x(1, B, T, D)
    W = _weights(2, D, H, H, DH)
    expected = _ref(x, *W, H)
    np.testing.assert_allclose(mha(x, *W, H), expected, rtol=RTOL, atol=ATOL,
                               err_msg="MHA (n_kv_heads=None, no mask) differs from the reference")
    np.testing.assert_allclose(mha(x, *W, H, H), expected, rtol=RTOL, atol=ATOL,
                               err_msg="n_kv_heads == n_heads must be plain MHA")


def test_scores_are_scaled_by_sqrt_d_head():
    # one head, d_head = 4, d_model = 1: scores are exactly x_t * x_s * 4 / sqrt(4) = 2 x_t x_s
    x = np.array([[[1.0], [0.5]]])
    Wq = np.ones((1, 4))
    Wk = np.ones((1, 4))
    Wv = np.array([[1.0, 0.0, 0.0, 0.0]])
    Wo = np.array([[1.0], [0.0], [0.0], [0.0]])
    out = mha(x, Wq, Wk, Wv, Wo, 1)
    w0 = 1 / (1 + math.exp(-(2.0 - 1.0)))               # query 0: scores [2, 1], weight of key 0
    w1 = 1 / (1 + math.exp(-(1.0 - 0.5)))               # query 1: scores [1, 0.5]
    expected = np.array([[[w0 * 1.0 + (1 - w0) * 0.5], [w1 * 1.0 + (1 - w1) * 0.5]]])
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                               err_msg="scores must be divided by sqrt(d_head) = sqrt(Wq.shape[1] // n_heads), not sqrt(d_model)")


def test_gqa_matches_reference():
    x = _x(3, B, T, D)
    for n_kv in (2, 1):
        W = _weights(4 + n_kv, D, H, n_kv, DH)
        np.testing.assert_allclose(mha(x, *W, H, n_kv), _ref(x, *W, H, n_kv), rtol=RTOL, atol=ATOL,
                                   err_msg=f"GQA with n_heads={H}, n_kv_heads={n_kv} differs from the reference")


def test_gqa_equals_mha_with_each_kv_head_repeated_for_its_group():
    # 6 query heads, 3 key/value heads: heads 0,1 -> kv 0; 2,3 -> kv 1; 4,5 -> kv 2.
    H6, KV3, dh = 6, 3, 3
    x = _x(5, 2, 5, 8)
    Wq, Wk, Wv, Wo = _weights(6, 8, H6, KV3, dh)
    group = H6 // KV3
    rep = lambda W: np.concatenate([W[:, (h // group) * dh:(h // group + 1) * dh] for h in range(H6)], axis=1)
    expected = mha(x, Wq, rep(Wk), rep(Wv), Wo, H6)
    np.testing.assert_allclose(mha(x, Wq, Wk, Wv, Wo, H6, KV3), expected, rtol=RTOL, atol=ATOL,
                               err_msg="GQA must equal MHA whose key/value head h is kv head h // group "
                                       "(heads 0,1 share kv head 0; tiling gives 0,1,2,0,1,2)")


def test_causal_attention_sees_itself_and_the_past_only():
    x = _x(7, B, T, D)
    W = _weights(8, D, H, 2, DH)
    out = mha(x, *W, H, 2, causal=True)
    np.testing.assert_allclose(out, _ref(x, *W, H, 2, causal=True), rtol=RTOL, atol=ATOL,
                               err_msg="causal attention differs from the reference (query t attends to keys 0..t, itself included)")
    for cut in (1, 3, 5):
        x2 = x.copy()
        x2[:, cut:, :] = _x(9 + cut, B, T - cut, D)
        out2 = mha(x2, *W, H, 2, causal=True)
        np.testing.assert_allclose(out2[:, :cut], out[:, :cut], rtol=RTOL, atol=ATOL,
                                   err_msg=f"causal: outputs at positions < {cut} changed when tokens >= {cut} changed")


def test_padding_keys_have_no_influence():
    x = _x(11, 3, T, D)
    W = _weights(12, D, H, 2, DH)
    pad = np.ones((3, T), dtype=bool)
    pad[0, 4:] = False                      # right padding
    pad[1, :2] = False                      # left padding
    pad[2, [1, 3]] = False                  # holes
    out = mha(x, *W, H, 2, key_padding_mask=pad.copy())
    np.testing.assert_allclose(out, _ref(x, *W, H, 2, pad=pad), rtol=RTOL, atol=ATOL,
                               err_msg="key-padding-masked attention differs from the reference (True = real token)")
    x2 = x.copy()
    x2[~pad] = _x(13, 1, int((~pad).sum()), D)[0]
    out2 = mha(x2, *W, H, 2, key_padding_mask=pad.copy())
    np.testing.assert_allclose(out2[pad], out[pad], rtol=RTOL, atol=ATOL,
                               err_msg="changing padding tokens changed the outputs of real tokens: padding keys must get weight 0")


def test_causal_with_left_padding_gives_zero_rows():
    x = _x(14, 2, 5, D)
    W = _weights(15, D, H, 1, DH)
    pad = np.array([[False, False, True, True, True], [True, True, True, True, True]])
    out = mha(x, *W, H, 1, causal=True, key_padding_mask=pad.copy())
    assert np.all(np.isfinite(out)), "fully masked rows must not produce nan or inf"
    np.testing.assert_array_equal(out[0, :2], np.zeros((2, D)),
                                  err_msg="positions 0 and 1 of batch 0 have no allowed key (causal + left padding): rows must be 0")
    np.testing.assert_allclose(out, _ref(x, *W, H, 1, causal=True, pad=pad), rtol=RTOL, atol=ATOL,
                               err_msg="causal + padding attention differs from the reference")


def test_large_scores_are_stable():
    x = _x(16, B, T, D)
    W = _weights(17, D, H, 2, DH, scale=30.0)           # scores of several thousand
    for causal in (False, True):
        expected = _ref(x, *W, H, 2, causal=causal)
        with np.errstate(**STRICT):
            out = mha(x, *W, H, 2, causal=causal)
        np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"wrong result for large scores (causal={causal}): subtract the row maximum")


def test_batch_elements_are_independent():
    x = _x(18, 3, 4, D)
    W = _weights(19, D, H, 4, DH)
    full = mha(x, *W, H, 4, causal=True)
    for b in range(3):
        np.testing.assert_allclose(mha(x[b:b + 1].copy(), *W, H, 4, causal=True), full[b:b + 1], rtol=RTOL, atol=ATOL,
                                   err_msg=f"batch element {b} alone differs from its row in the batch")


def test_n_kv_heads_must_divide_n_heads():
    x = _x(20, 1, 3, D)
    Wq, Wk, Wv, Wo = _weights(21, D, 6, 4, 2)
    try:
        _mha(x, Wq, Wk, Wv, Wo, 6, 4)
    except ValueError:
        return
    except Exception as e:  # noqa: BLE001 - name what was raised instead
        raise AssertionError(f"n_heads=6, n_kv_heads=4 must raise ValueError, got {type(e).__name__}: {e}")
    raise AssertionError("n_heads=6, n_kv_heads=4 must raise ValueError (4 does not divide 6), nothing was raised")


def test_does_not_modify_inputs():
    x = _x(22, B, T, D)
    W = _weights(23, D, H, 2, DH)
    pad = np.ones((B, T), dtype=bool)
    pad[1, -2:] = False
    saved = [a.copy() for a in (x,) + W + (pad,)]
    mha(x, *W, H, 2, causal=True, key_padding_mask=pad)
    for name, a, s in zip(("x", "Wq", "Wk", "Wv", "Wo", "key_padding_mask"), (x,) + W + (pad,), saved):
        np.testing.assert_array_equal(a, s, err_msg=f"multi_head_attention modified {name} in place")
