import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array
from mlprep_harness.frameworks import user_function
from solution import bce_with_logits as _raw_bce

_user_bce = user_function(_raw_bce)  # NumPy in and out, for a NumPy or a PyTorch solution


def _call(z, y, **kw):
    """Your bce_with_logits under np.errstate(all='raise'), the result checked: a float for 'mean'
    and 'sum', a float array of the logits' shape for 'none'."""
    with np.errstate(all="raise"):
        out = _user_bce(z, y, **kw)
    if kw.get("reduction") == "none":
        return _as_array(out, np.shape(z), "bce_with_logits(reduction='none')")
    return _as_scalar(out, "bce_with_logits(reduction=%r)" % kw.get("reduction", "mean"))


def _exact(z, y, w=1.0):
    """Per-element losses with math (safe for |z| <= 1e5): pos_weight on the positive term only."""
    z, y = np.asarray(z, float), np.asarray(y, float)
    w = np.broadcast_to(np.asarray(w, float), z.shape)
    out = np.empty(z.shape)
    for i in np.ndindex(z.shape):
        zi, yi, wi = float(z[i]), float(y[i]), float(w[i])
        sp_neg = max(-zi, 0.0) + math.log1p(math.exp(-abs(zi)))          # -log sigmoid(z)
        sp_pos = max(zi, 0.0) + math.log1p(math.exp(-abs(zi)))           # -log(1 - sigmoid(z))
        out[i] = wi * yi * sp_neg + (1 - yi) * sp_pos
    return out


def test_scalar_pos_weight_matches_definition():
    rng = np.random.default_rng(1)
    z = rng.uniform(-8, 8, size=400)
    y = (rng.random(400) < 0.2).astype(float)
    for w in (1.0, 4.0, 0.25, 0.0):
        np.testing.assert_allclose(_call(z, y, pos_weight=w), _exact(z, y, w).mean(), rtol=1e-6, atol=1e-12,
                                   err_msg=f"pos_weight={w}: -(w*y*log(sigmoid(z)) + (1-y)*log(1-sigmoid(z))), mean over elements")


def test_pos_weight_scales_only_the_positive_term():
    z = np.array([0.3, -1.2, 2.0, 5.0])
    y_neg = np.zeros(4)
    np.testing.assert_allclose(_call(z, y_neg, pos_weight=10.0), _call(z, y_neg), rtol=1e-12, atol=0,
                               err_msg="with all-negative targets pos_weight must change nothing")
    y_pos = np.ones(4)
    np.testing.assert_allclose(_call(z, y_pos, pos_weight=3.0), 3.0 * _call(z, y_pos), rtol=1e-9, atol=0,
                               err_msg="with all-positive targets the loss is pos_weight times the unweighted loss")


def test_per_class_pos_weight_on_last_axis():
    rng = np.random.default_rng(2)
    z = rng.normal(0, 3, size=(50, 4))
    y = (rng.random((50, 4)) < 0.3).astype(float)
    w = np.array([1.0, 2.0, 5.0, 0.5])
    np.testing.assert_allclose(_call(z, y, pos_weight=w), _exact(z, y, w).mean(), rtol=1e-6, atol=1e-12,
                               err_msg="pos_weight of shape (C,) weighs the positive term of class c (last axis)")
    got = _call(z, y, pos_weight=w.tolist(), reduction="none")
    np.testing.assert_allclose(got, _exact(z, y, w), rtol=1e-6, atol=1e-12, err_msg="per-element losses, list pos_weight")


def test_reductions():
    rng = np.random.default_rng(3)
    z = rng.normal(0, 5, size=(6, 7))
    y = rng.random((6, 7))
    per = _exact(z, y, 2.5)
    got = _call(z, y, pos_weight=2.5, reduction="none")
    assert got.dtype == np.float64, f"reduction='none' must return float64, got {got.dtype}"
    np.testing.assert_allclose(got, per, rtol=1e-6, atol=1e-12, err_msg="reduction='none': per-element losses, shape of logits")
    np.testing.assert_allclose(_call(z, y, pos_weight=2.5, reduction="sum"), per.sum(), rtol=1e-6, atol=1e-12,
                               err_msg="reduction='sum'")
    np.testing.assert_allclose(_call(z, y, pos_weight=2.5, reduction="mean"), per.mean(), rtol=1e-6, atol=1e-12,
                               err_msg="reduction='mean' divides by the number of elements, not by the sum of weights")
    np.testing.assert_allclose(_call(z, y, pos_weight=2.5), per.mean(), rtol=1e-6, atol=1e-12, err_msg="default reduction is 'mean'")


def test_extreme_logits_with_pos_weight():
    z = np.array([1e4, -1e4, 1e4, -1e4, 800.0, -800.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 1.0])
    # per element: 0, 0, 1e4, 3e4 (weighted), 800, 2400 (weighted)
    got = _call(z, y, pos_weight=3.0, reduction="none")
    assert np.all(np.isfinite(got)), f"losses not finite for extreme logits: {got.tolist()}"
    np.testing.assert_allclose(got, [0.0, 0.0, 1e4, 3e4, 800.0, 2400.0], rtol=1e-6, atol=1e-12,
                               err_msg="extreme logits: exact per-element losses, no clipping, no overflow")


def test_default_is_part_one_and_inputs_untouched():
    rng = np.random.default_rng(4)
    z = rng.normal(0, 100, size=(5, 3))
    y = (rng.random((5, 3)) < 0.5).astype(float)
    w = np.array([2.0, 1.0, 3.0])
    z0, y0, w0 = z.copy(), y.copy(), w.copy()
    np.testing.assert_allclose(_call(z, y), _exact(z, y).mean(), rtol=1e-6, atol=1e-12, err_msg="defaults: part 1's mean loss")
    _call(z, y, pos_weight=w, reduction="none")
    for a, b, name in ((z, z0, "logits"), (y, y0, "targets"), (w, w0, "pos_weight")):
        np.testing.assert_array_equal(a, b, err_msg=f"{name} was modified")


def test_invalid_arguments_raise():
    z, y = np.zeros((2, 3)), np.zeros((2, 3))
    for kw, what in [({"reduction": "avg"}, "reduction='avg'"), ({"pos_weight": -1.0}, "negative pos_weight"),
                     ({"pos_weight": np.ones(2)}, "pos_weight of shape (2,) for 3 classes"),
                     ({"pos_weight": np.ones((2, 3))}, "2-D pos_weight")]:
        try:
            _user_bce(z, y, **kw)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
