import numpy as np

from mlprep_harness.frameworks import user_function
from solution import dropout as _raw_dropout
_user_dropout = user_function(_raw_dropout)  # NumPy in and out, for a NumPy or a PyTorch solution
from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple


def dropout(x, p, *args, **kwargs):
    """Your dropout (arguments passed on as given, so the defaults are tested), with its result
    checked to be a tuple (out, mask) of a float and a bool array of x's shape before a test uses it."""
    out, mask = _as_tuple(_user_dropout(x, p, *args, **kwargs), 2, ("out", "mask"), "dropout result")
    return _as_array(out, np.shape(x), "out"), _as_array(mask, np.shape(x), "mask", "b")


def _call(x, p, **kw):
    out, mask = dropout(x, p, **kw)
    return np.asarray(out), np.asarray(mask)


def test_output_and_mask_shape_and_dtype():
    x = np.random.default_rng(123).normal(size=(4, 5, 6))
    out, mask = _call(x, 0.3, seed=1)
    assert out.shape == x.shape, f"out shape {out.shape}, expected {x.shape}"
    assert mask.shape == x.shape, f"mask shape {mask.shape}, expected {x.shape}"
    assert out.dtype == np.float64, f"out dtype {out.dtype}, expected float64"
    assert mask.dtype == bool, f"mask dtype {mask.dtype}, expected bool"


def test_kept_scaled_by_inverse_keep_prob_dropped_zero():
    x = np.random.default_rng(123).normal(size=(50, 40))
    p = 0.25
    out, mask = _call(x, p, seed=7)
    assert out.shape == x.shape and mask.shape == x.shape, "wrong output shapes"
    assert mask.any() and not mask.all(), "with p = 0.25 on 2000 elements some must be kept and some dropped"
    np.testing.assert_allclose(out[mask], x[mask] / (1 - p), rtol=1e-12,
                               err_msg="kept elements must be x / (1 - p)")
    assert np.all(out[~mask] == 0.0), "dropped elements must be exactly 0.0"


def test_keep_fraction_is_one_minus_p():
    x = np.ones((1000, 1000))
    for p, seed in ((0.3, 0), (0.8, 1)):
        _, mask = _call(x, p, seed=seed)
        frac = mask.mean()
        # binomial sd = sqrt(p(1-p)/n) <= 5e-4; allow 5 sd
        assert abs(frac - (1 - p)) < 0.0025, (
            f"p={p}: kept fraction {frac:.4f}, expected about {1 - p:.4f} (p is the DROP probability)")


def test_expectation_preserved():
    x = np.random.default_rng(5).uniform(0.5, 1.5, size=(1000, 1000))
    for p, seed in ((0.3, 11), (0.5, 12)):
        out, _ = _call(x, p, seed=seed)
        # sd of the mean of out is below 1e-3 here; allow 0.01
        assert abs(out.mean() - x.mean()) < 0.01, (
            f"p={p}: mean(out) = {out.mean():.4f} but mean(x) = {x.mean():.4f}; inverted dropout must preserve the expectation")


def test_p_zero_is_identity():
    x = np.random.default_rng(6).normal(size=(30, 7))
    out, mask = _call(x, 0.0, seed=3)
    assert out.shape == x.shape, f"out shape {out.shape}, expected {x.shape}"
    np.testing.assert_allclose(out, x, rtol=1e-12, err_msg="p = 0 must return x unchanged")
    assert mask.shape == x.shape and mask.all(), "p = 0 must keep every element"


def test_eval_mode_is_identity():
    x = np.random.default_rng(8).normal(size=(20, 9))
    for p in (0.0, 0.5, 1.0):
        out, mask = _call(x, p, training=False, seed=4)
        assert out.shape == x.shape, f"out shape {out.shape}, expected {x.shape}"
        np.testing.assert_array_equal(out, x, err_msg=f"training=False must return x unchanged (p={p})")
        assert mask.shape == x.shape and mask.all(), f"training=False must return an all-True mask (p={p})"


def test_p_one_drops_everything_without_warnings():
    x = np.random.default_rng(9).normal(size=(10, 10))
    with np.errstate(all="raise"):
        out, mask = _call(x, 1.0, seed=0)
    assert out.shape == x.shape and mask.shape == x.shape, "wrong output shapes for p = 1"
    assert np.all(out == 0.0), "p = 1 must give all zeros (no nan, no inf)"
    assert not mask.any(), "p = 1 must drop every element"


def test_same_seed_same_mask_different_seed_differs():
    x = np.random.default_rng(10).normal(size=(40, 50))
    out1, m1 = _call(x, 0.5, seed=42)
    out2, m2 = _call(x, 0.5, seed=42)
    np.testing.assert_array_equal(m1, m2, err_msg="the same seed must give the same mask")
    np.testing.assert_array_equal(out1, out2, err_msg="the same seed must give the same output")
    _, m3 = _call(x, 0.5, seed=43)
    assert not np.array_equal(m1, m3), "different seeds should give different masks (is the seed used?)"


def test_mask_independent_per_element():
    # A mask drawn per column (or per row) and broadcast is not element-wise dropout.
    x = np.ones((200, 300))
    _, mask = _call(x, 0.5, seed=2)
    assert mask.shape == (200, 300), f"mask shape {mask.shape}, expected (200, 300)"
    assert not np.all(mask == mask[0:1, :]), "every row has the same mask: draw one value per element"
    assert not np.all(mask == mask[:, 0:1]), "every column has the same mask: draw one value per element"
    row_frac = mask.mean(axis=1)
    assert row_frac.std() > 0, "every row keeps exactly the same number of elements"


def test_does_not_modify_input_and_returns_new_array():
    x = np.random.default_rng(11).normal(size=(25, 4))
    before = x.copy()
    for kw in (dict(p=0.5, seed=1), dict(p=0.0), dict(p=1.0), dict(p=0.5, training=False)):
        out, _ = dropout(x, **kw)
        np.testing.assert_array_equal(x, before, err_msg=f"dropout modified its input (args {kw})")
        assert not np.shares_memory(np.asarray(out), x), f"out must be a new array, not x itself (args {kw})"
