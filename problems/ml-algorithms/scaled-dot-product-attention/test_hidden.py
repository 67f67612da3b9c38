import math

import numpy as np

from mlprep_harness.frameworks import user_function
from solution import attention as _raw_attention
_user_attention = user_function(_raw_attention)  # NumPy in and out, for a NumPy or a PyTorch solution
from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple


def attention(Q, K, V, *args, **kwargs):
    """Your attention (arguments passed on as given, so mask's default is tested), with its result
    checked to be a tuple (output, weights) of float arrays of shapes (..., L_q, d_v) and
    (..., L_q, L_k) before a test uses it."""
    out, w = _as_tuple(_user_attention(Q, K, V, *args, **kwargs), 2, ("output", "weights"), "attention result")
    lead, lq, lk, dv = np.shape(Q)[:-2], np.shape(Q)[-2], np.shape(K)[-2], np.shape(V)[-1]
    return _as_array(out, lead + (lq, dv), "output"), _as_array(w, lead + (lq, lk), "weights")


RTOL, ATOL = 1e-6, 1e-9
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")


def _ref_2d(Q, K, V, mask=None):
    """Slow, independent reference for one (L_q, d_k) problem."""
    Lq, dk = Q.shape
    Lk = K.shape[0]
    W = np.zeros((Lq, Lk))
    for i in range(Lq):
        allowed = [j for j in range(Lk) if mask is None or mask[i, j]]
        if not allowed:
            continue
        s = {j: float(np.dot(Q[i], K[j])) / math.sqrt(dk) for j in allowed}
        m = max(s.values())
        e = {j: math.exp(s[j] - m) for j in allowed}
        tot = sum(e.values())
        for j in allowed:
            W[i, j] = e[j] / tot
    return W @ V, W


def _ref(Q, K, V, mask=None):
    lead = Q.shape[:-2]
    Lq, Lk, dv = Q.shape[-2], K.shape[-2], V.shape[-1]
    if mask is not None:
        mask = np.broadcast_to(mask, lead + (Lq, Lk))
    out = np.zeros(lead + (Lq, dv))
    W = np.zeros(lead + (Lq, Lk))
    for idx in np.ndindex(*lead):
        o, w = _ref_2d(Q[idx], K[idx], V[idx], None if mask is None else mask[idx])
        out[idx], W[idx] = o, w
    return out, W


def _qkv(lead, Lq, Lk, dk, dv, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=lead + (Lq, dk)) * scale, rng.normal(size=lead + (Lk, dk)) * scale,
            rng.normal(size=lead + (Lk, dv)))


def _call(Q, K, V, mask=None):
    out, w = attention(Q, K, V, mask=mask) if mask is not None else attention(Q, K, V)
    return np.asarray(out), np.asarray(w)


def test_matches_reference_2d():
    Q, K, V = _qkv((), 4, 6, 8, 5, 123)
    exp_out, exp_w = _ref(Q, K, V)
    out, w = _call(Q, K, V)
    assert out.shape == (4, 5), f"output shape {out.shape}, expected (L_q, d_v) = (4, 5)"
    assert w.shape == (4, 6), f"weights shape {w.shape}, expected (L_q, L_k) = (4, 6)"
    np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL, err_msg="attention weights are wrong")
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL, err_msg="attention output is wrong")


def test_scores_scaled_by_sqrt_dk():
    # d_k = 16, d_v = 1: one query whose scores are known exactly.
    dk = 16
    q = np.zeros((1, dk)); q[0, 0] = 2.0
    K = np.zeros((2, dk)); K[0, 0] = 3.0          # score 6 / sqrt(16) = 1.5 for key 0, 0 for key 1
    V = np.array([[1.0], [0.0]])
    _, w = _call(q, K, V)
    expected = 1 / (1 + math.exp(-1.5))
    np.testing.assert_allclose(w, [[expected, 1 - expected]], rtol=RTOL, atol=ATOL,
                               err_msg="scores must be Q K^T / sqrt(d_k) with d_k = Q.shape[-1]")


def test_batched_leading_dims():
    Q, K, V = _qkv((2, 3), 5, 7, 4, 6, 1)
    exp_out, exp_w = _ref(Q, K, V)
    out, w = _call(Q, K, V)
    assert out.shape == (2, 3, 5, 6), f"output shape {out.shape}, expected (2, 3, 5, 6)"
    assert w.shape == (2, 3, 5, 7), f"weights shape {w.shape}, expected (2, 3, 5, 7)"
    np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL,
                               err_msg="weights wrong with leading (batch, head) dimensions")
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL,
                               err_msg="output wrong with leading (batch, head) dimensions")


def test_weights_rows_are_distributions():
    Q, K, V = _qkv((3,), 6, 9, 5, 2, 2)
    _, w = _call(Q, K, V)
    assert w.shape == (3, 6, 9), f"weights shape {w.shape}, expected (3, 6, 9)"
    assert np.all(w >= 0), "weights must be non-negative"
    np.testing.assert_allclose(w.sum(axis=-1), np.ones((3, 6)), rtol=1e-9,
                               err_msg="each query's weights must sum to 1 over the keys (last axis)")


def test_mask_true_means_keep():
    Q, K, V = _qkv((2,), 5, 6, 4, 3, 3)
    rng = np.random.default_rng(30)
    mask = rng.random((2, 5, 6)) < 0.5
    mask[..., 0] = True                                  # no fully masked rows here
    exp_out, exp_w = _ref(Q, K, V, mask)
    out, w = _call(Q, K, V, mask.copy())
    assert w.shape == (2, 5, 6), f"weights shape {w.shape}, expected (2, 5, 6)"
    assert np.all(w[~mask] == 0.0), "keys where mask is False must get weight exactly 0 (True = keep)"
    np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL, err_msg="masked weights are wrong")
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL, err_msg="masked output is wrong")


def test_causal_mask_broadcast_and_no_future_leakage():
    L = 6
    Q, K, V = _qkv((2, 2), L, L, 4, 3, 4)
    causal = np.tril(np.ones((L, L), dtype=bool))
    exp_out, exp_w = _ref(Q, K, V, causal)
    out, w = _call(Q, K, V, causal)
    assert out.shape == (2, 2, L, 3), f"output shape {out.shape}, expected (2, 2, {L}, 3)"
    np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL,
                               err_msg="an (L, L) causal mask must broadcast over the leading dimensions")
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL, err_msg="causal attention output is wrong")
    # changing the last key/value must not change any earlier query's output
    K2, V2 = K.copy(), V.copy()
    K2[..., -1, :] += 100.0
    V2[..., -1, :] -= 50.0
    out2, _ = _call(Q, K2, V2, causal)
    np.testing.assert_allclose(out2[..., :-1, :], out[..., :-1, :], rtol=RTOL, atol=ATOL,
                               err_msg="future keys/values leak into earlier positions under a causal mask")


def test_key_padding_mask_broadcast():
    B, H, L = 2, 3, 5
    Q, K, V = _qkv((B, H), L, L, 4, 2, 5)
    pad = np.ones((B, 1, 1, L), dtype=bool)
    pad[0, ..., 3:] = False                              # batch 0 has only 3 real keys
    exp_out, exp_w = _ref(Q, K, V, pad)
    out, w = _call(Q, K, V, pad)
    assert w.shape == (B, H, L, L), f"weights shape {w.shape}, expected {(B, H, L, L)}"
    np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL,
                               err_msg="a (B, 1, 1, L_k) padding mask must broadcast over heads and queries")
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL, err_msg="padding-masked output is wrong")


def test_fully_masked_row_gives_zeros():
    Q, K, V = _qkv((), 4, 5, 3, 2, 6)
    mask = np.ones((4, 5), dtype=bool)
    mask[1] = False                                      # query 1 may attend to nothing
    mask[3, 2:] = False
    exp_out, exp_w = _ref(Q, K, V, mask)
    out, w = _call(Q, K, V, mask)
    assert out.shape == (4, 2) and w.shape == (4, 5), f"shapes {out.shape}, {w.shape}, expected (4, 2), (4, 5)"
    assert np.all(np.isfinite(w)) and np.all(np.isfinite(out)), "a fully masked row must not produce nan/inf"
    np.testing.assert_array_equal(w[1], np.zeros(5), err_msg="fully masked row: weights must be all 0")
    np.testing.assert_array_equal(out[1], np.zeros(2), err_msg="fully masked row: output must be all 0")
    np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL, err_msg="the other rows must be unaffected")
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL, err_msg="the other rows must be unaffected")


def test_large_scores_are_stable():
    # |scores| reach several thousand: exp without max-subtraction overflows.
    Q, K, V = _qkv((2,), 5, 5, 4, 3, 7, scale=40.0)
    causal = np.tril(np.ones((5, 5), dtype=bool))
    for mask in (None, causal):
        exp_out, exp_w = _ref(Q, K, V, mask)
        with np.errstate(**STRICT):
            out, w = _call(Q, K, V, mask)
        assert np.all(np.isfinite(w)) and np.all(np.isfinite(out)), "non-finite values for large scores"
        np.testing.assert_allclose(w, exp_w, rtol=RTOL, atol=ATOL,
                                   err_msg=f"weights wrong for large scores (mask={'causal' if mask is not None else None})")
        np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL,
                                   err_msg=f"output wrong for large scores (mask={'causal' if mask is not None else None})")


def test_does_not_modify_inputs():
    Q, K, V = _qkv((2,), 4, 4, 3, 3, 8)
    mask = np.tril(np.ones((4, 4), dtype=bool))
    saved = [a.copy() for a in (Q, K, V, mask)]
    attention(Q, K, V, mask=mask)
    attention(Q, K, V)
    for name, a, s in zip("QKV", (Q, K, V), saved):
        np.testing.assert_array_equal(a, s, err_msg=f"attention modified {name} in place")
    np.testing.assert_array_equal(mask, saved[3], err_msg="attention modified mask in place")
