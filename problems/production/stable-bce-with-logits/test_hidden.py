import math

import numpy as np

from mlprep_harness.frameworks import framework, user_function
from solution import bce_with_logits as _raw_bce_with_logits
bce_with_logits = user_function(_raw_bce_with_logits)  # NumPy in and out, for a NumPy or a PyTorch solution
from mlprep_harness.checks import as_scalar as _as_scalar


def _naive(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    p = 1.0 / (1.0 + np.exp(-z))
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


def _exact(z, y):
    """Reference with math.log1p/exp per element (safe for |z| <= 1e5)."""
    total = 0.0
    for zi, yi in zip(np.ravel(z), np.ravel(y)):
        zi, yi = float(zi), float(yi)
        total += max(zi, 0.0) - zi * yi + math.log1p(math.exp(-abs(zi)))
    return total / np.size(z)


def _call(z, y):
    with np.errstate(all="raise"):
        out = bce_with_logits(z, y)
    return _as_scalar(out, "mean BCE with logits")


def test_matches_naive_formula_on_moderate_logits():
    rng = np.random.default_rng(123)
    z = rng.uniform(-8, 8, size=500)
    y = (rng.random(500) < 0.4).astype(float)
    np.testing.assert_allclose(_call(z, y), _naive(z, y), rtol=1e-6, atol=1e-12)


def test_soft_targets():
    rng = np.random.default_rng(7)
    z = rng.normal(0, 3, size=300)
    y = rng.random(300)
    np.testing.assert_allclose(_call(z, y), _naive(z, y), rtol=1e-6, atol=1e-12)


def test_extreme_logits_no_overflow_under_errstate():
    z = np.array([1e4, -1e4, 1e4, -1e4, 800.0, -800.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 1.0])
    # per element: 0, 0, 1e4, 1e4, 800, 800
    got = _call(z, y)
    assert math.isfinite(got), f"loss is {got} for extreme logits"
    np.testing.assert_allclose(got, (2e4 + 1600.0) / 6, rtol=1e-6, atol=1e-12)


def test_large_logits_are_exact_not_clipped():
    z = np.array([20.0, -20.0, 35.0, -35.0, 60.0])
    y = np.array([0.0, 1.0, 0.0, 1.0, 1.0])
    got = _call(z, y)
    np.testing.assert_allclose(got, _exact(z, y), rtol=1e-6, atol=1e-12,
                               err_msg="losses of confident mistakes must be ~|z|, not capped by clipping")
    got_small = _call(np.array([-30.0]), np.array([0.0]))
    np.testing.assert_allclose(got_small, math.log1p(math.exp(-30.0)), rtol=1e-6, atol=1e-12,
                               err_msg="confident correct prediction: loss should be ~9.4e-14")


def test_mean_not_sum():
    z = np.full(10, 0.0)
    y = np.zeros(10)
    np.testing.assert_allclose(_call(z, y), math.log(2.0), rtol=1e-6, atol=1e-12,
                               err_msg="expected the mean over elements (log 2), not the sum")


def test_multidimensional_and_list_inputs():
    rng = np.random.default_rng(11)
    z = rng.normal(0, 4, size=(4, 5, 3))
    y = (rng.random((4, 5, 3)) < 0.5).astype(float)
    np.testing.assert_allclose(_call(z, y), _exact(z, y), rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(_call(z, y.astype(np.int64)), _exact(z, y), rtol=1e-6, atol=1e-12,
                               err_msg="integer targets must be accepted (compute in float64)")
    if framework() == "numpy":  # the PyTorch variant takes tensors only (its note says so)
        np.testing.assert_allclose(_call(z.tolist(), y.astype(int).tolist()), _exact(z, y), rtol=1e-6, atol=1e-12,
                                   err_msg="lists (and int targets) must be accepted")
    z32 = z.astype(np.float32)
    np.testing.assert_allclose(_call(z32, y), _exact(z32.astype(float), y), rtol=1e-6, atol=1e-12,
                               err_msg="float32 logits: compute in float64")


def test_label_flip_symmetry():
    rng = np.random.default_rng(5)
    z = rng.normal(0, 50, size=200)
    y = rng.random(200)
    np.testing.assert_allclose(_call(-z, 1 - y), _call(z, y), rtol=1e-6, atol=1e-12,
                               err_msg="bce(-z, 1-y) must equal bce(z, y)")


def test_inputs_not_modified():
    rng = np.random.default_rng(3)
    z = rng.normal(0, 100, size=50)
    y = (rng.random(50) < 0.5).astype(float)
    z0, y0 = z.copy(), y.copy()
    _call(z, y)
    np.testing.assert_array_equal(z, z0, err_msg="logits were modified")
    np.testing.assert_array_equal(y, y0, err_msg="targets were modified")


def test_shapes_that_numpy_would_broadcast_raise():
    # rule: no broadcasting; these pairs broadcast silently in numpy, so only an explicit shape check rejects them
    for z, y in [(np.zeros(3), np.zeros(1)), (np.zeros(1), np.zeros(4)),
                 (np.zeros((3, 1)), np.zeros(3)), (np.zeros(3), np.zeros((1, 3)))]:
        try:
            bce_with_logits(z, y)
        except ValueError:
            continue
        raise AssertionError(f"rule: logits and targets of different shapes raise ValueError (no broadcasting); "
                             f"logits shape {z.shape} with targets shape {y.shape} returned a result")


def test_shape_mismatch_and_empty_raise():
    for z, y in [(np.zeros(3), np.zeros(4)), (np.zeros((2, 3)), np.zeros(6)), (np.zeros(0), np.zeros(0))]:
        try:
            bce_with_logits(z, y)
        except ValueError:
            continue
        raise AssertionError(f"logits shape {z.shape} with targets shape {y.shape} should raise ValueError")
