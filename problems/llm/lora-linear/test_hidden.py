import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import lora_forward as _user_lora_forward
from solution import lora_merge as _user_lora_merge
from solution import lora_unmerge as _user_lora_unmerge

_lora_forward = user_function(_user_lora_forward)
_lora_merge = user_function(_user_lora_merge)
_lora_unmerge = user_function(_user_lora_unmerge)

RTOL, ATOL = 1e-7, 1e-9


def lora_forward(x, W, b, A, B, alpha):
    """Your lora_forward, its result checked to be a float array of shape (..., d_out)."""
    shape = np.shape(x)[:-1] + (np.shape(W)[0],)
    return _as_array(_lora_forward(x, W, b, A, B, alpha), shape, "lora_forward result")


def lora_merge(W, A, B, alpha):
    """Your lora_merge, its result checked to be a float array of W's shape."""
    return _as_array(_lora_merge(W, A, B, alpha), np.shape(W), "lora_merge result")


def lora_unmerge(W, A, B, alpha):
    """Your lora_unmerge, its result checked to be a float array of W's shape."""
    return _as_array(_lora_unmerge(W, A, B, alpha), np.shape(W), "lora_unmerge result")


def _ref_forward(x, W, b, A, B, alpha):
    """Independent reference: the full update matrix, applied row by row."""
    r = A.shape[0]
    delta = np.einsum("or,ri->oi", B, A) * (alpha / r)
    flat = x.reshape(-1, x.shape[-1])
    out = np.array([W @ row + delta @ row + (0 if b is None else b) for row in flat])
    return out.reshape(x.shape[:-1] + (W.shape[0],))


def _layer(d_in, d_out, r, seed, bias=True):
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(d_out, d_in))
    b = rng.normal(size=d_out) if bias else None
    A = rng.normal(size=(r, d_in)) / np.sqrt(d_in)
    B = rng.normal(size=(d_out, r))
    return W, b, A, B


def test_forward_matches_reference():
    W, b, A, B = _layer(12, 7, 3, 1)
    x = np.random.default_rng(2).normal(size=(2, 5, 12))
    y = lora_forward(x, W, b, A, B, 6.0)
    np.testing.assert_allclose(y, _ref_forward(x, W, b, A, B, 6.0), rtol=RTOL, atol=ATOL,
                               err_msg="y must be x W^T + b + (alpha / r) x A^T B^T (x of shape (2, 5, 12), r = 3, alpha = 6)")


def test_adapter_scaled_by_alpha_over_r():
    x = np.random.default_rng(3).normal(size=(4, 10))
    for r, alpha in ((2, 8.0), (4, 1.0), (5, 5.0)):
        W, b, A, B = _layer(10, 6, r, 10 + r)
        base = x @ W.T + b
        delta = lora_forward(x, W, b, A, B, alpha) - base
        expected = (alpha / r) * (x @ A.T @ B.T)
        np.testing.assert_allclose(delta, expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"r={r}, alpha={alpha}: the adapter's contribution must be scaled by "
                                           f"alpha / r = {alpha / r:g}")


def test_zero_B_is_a_no_op():
    W, b, A, B = _layer(8, 5, 2, 4)
    x = np.random.default_rng(5).normal(size=(3, 8))
    y = lora_forward(x, W, b, A, np.zeros_like(B), 16.0)
    np.testing.assert_allclose(y, x @ W.T + b, rtol=RTOL, atol=ATOL,
                               err_msg="with B = 0 (the LoRA initialisation) the layer must equal x W^T + b")


def test_no_bias_and_single_vector():
    W, _, A, B = _layer(6, 4, 2, 6, bias=False)
    x = np.random.default_rng(7).normal(size=6)
    y = lora_forward(x, W, None, A, B, 3.0)
    assert y.shape == (4,), f"x of shape (d_in,) must give shape (d_out,), got {y.shape}"
    np.testing.assert_allclose(y, _ref_forward(x, W, None, A, B, 3.0), rtol=RTOL, atol=ATOL,
                               err_msg="b = None (no bias) with a single input vector")


def test_merged_weight_gives_the_same_outputs():
    x = np.random.default_rng(8).normal(size=(3, 4, 9))
    for d_out, seed in ((5, 9), (9, 10)):                 # non-square and square weights
        W, b, A, B = _layer(9, d_out, 3, seed)
        merged = lora_merge(W, A, B, 12.0)
        np.testing.assert_allclose(x @ merged.T + b, lora_forward(x, W, b, A, B, 12.0), rtol=RTOL, atol=ATOL,
                                   err_msg=f"x @ merged.T + b must equal lora_forward (W of shape {W.shape})")
        np.testing.assert_allclose(merged, W + (12.0 / 3) * (B @ A), rtol=RTOL, atol=ATOL,
                                   err_msg=f"merged weight must be W + (alpha / r) B @ A (shape {W.shape})")


def test_merge_returns_new_array_and_keeps_W():
    W, _, A, B = _layer(7, 7, 2, 11)
    saved = W.copy()
    merged = lora_merge(W, A, B, 4.0)
    np.testing.assert_array_equal(W, saved, err_msg="lora_merge modified W in place (other adapters share the base weight)")
    assert not np.shares_memory(merged, W), "lora_merge must return a new array, not W"


def test_unmerge_recovers_W():
    for d_in, d_out, r, alpha, seed in ((9, 5, 3, 12.0, 12), (16, 16, 4, 32.0, 13)):
        W, _, A, B = _layer(d_in, d_out, r, seed)
        merged = lora_merge(W, A, B, alpha)
        back = lora_unmerge(merged, A, B, alpha)
        np.testing.assert_allclose(back, W, rtol=1e-9, atol=1e-12,
                                   err_msg=f"lora_unmerge(lora_merge(W)) must give back W (shape {W.shape}, r={r})")
        assert not np.shares_memory(back, merged), "lora_unmerge must return a new array"


def test_does_not_modify_inputs():
    W, b, A, B = _layer(6, 6, 2, 14)
    x = np.random.default_rng(15).normal(size=(2, 6))
    saved = [a.copy() for a in (x, W, b, A, B)]
    lora_forward(x, W, b, A, B, 2.0)
    merged = lora_merge(W, A, B, 2.0)
    merged_saved = merged.copy()
    lora_unmerge(merged, A, B, 2.0)
    for name, a, s in zip(("x", "W", "b", "A", "B"), (x, W, b, A, B), saved):
        np.testing.assert_array_equal(a, s, err_msg=f"{name} was modified in place")
    np.testing.assert_array_equal(merged, merged_saved, err_msg="lora_unmerge modified W_merged in place")
