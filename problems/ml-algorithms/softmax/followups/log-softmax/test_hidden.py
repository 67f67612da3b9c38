"""Part 2 (log-softmax): hidden tests. Part 1's tests keep running beside these."""
import math

import numpy as np

import solution
from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function

RTOL, ATOL = 1e-9, 1e-9
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")


def log_softmax(z, *args, **kwargs):
    """Your log_softmax (arguments passed on as given), its result checked to be a float array of
    the input's shape before a test uses it."""
    fn = getattr(solution, "log_softmax", None)
    assert callable(fn), "define log_softmax(z, axis=-1) in solution.py (part 2)"
    return _as_array(user_function(fn)(z, *args, **kwargs), np.shape(z), "log_softmax result")


def _ref_1d(v):
    """Independent reference for one slice, in Python floats: z_i - (m + log sum e^{z_j - m})."""
    m = max(v)
    lse = m + math.log(sum(math.exp(x - m) for x in v))
    return [x - lse for x in v]


def _ref(z, axis):
    z = np.asarray(z, dtype=np.float64)
    moved = np.moveaxis(z, axis, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    out = np.array([_ref_1d(list(row)) for row in flat]).reshape(moved.shape)
    return np.moveaxis(out, -1, axis)


def test_matches_reference_default_axis():
    z = np.random.default_rng(21).normal(0, 3, size=(5, 8))
    out = log_softmax(z.copy())
    np.testing.assert_allclose(out, _ref(z, -1), rtol=RTOL, atol=ATOL, err_msg="log_softmax over the last axis is wrong")


def test_axis_argument_including_negative():
    z = np.random.default_rng(22).normal(0, 2, size=(3, 4, 5))
    for axis in (0, 1, -2, 2):
        out = log_softmax(z.copy(), axis=axis)
        np.testing.assert_allclose(out, _ref(z, axis), rtol=RTOL, atol=ATOL,
                                   err_msg=f"log_softmax with axis={axis} on a 3-D array is wrong")


def test_exp_sums_to_one_and_entries_are_not_positive():
    z = np.random.default_rng(23).normal(0, 10, size=(6, 7))
    out = log_softmax(z, axis=0)
    assert np.all(out <= 0), "log-probabilities must be <= 0"
    np.testing.assert_allclose(np.exp(out).sum(axis=0), np.ones(7), rtol=1e-12,
                               err_msg="exp(log_softmax(z, axis=0)) must sum to 1 over axis 0")


def test_underflowed_probabilities_stay_finite_and_exact():
    # log(softmax(z)) gives -inf here (e^{-2000} underflows to 0); the answer is -2000.
    cases = [
        (np.array([1000.0, -1000.0]), np.array([0.0, -2000.0])),
        (np.array([-1e4, 0.0, 1e4]), np.array([-2e4, -1e4, 0.0])),
        (np.array([0.0, -800.0, -800.0]), np.array([0.0, -800.0, -800.0])),
    ]
    for z, expected in cases:
        with np.errstate(**STRICT):
            out = log_softmax(z)
        assert np.all(np.isfinite(out)), f"non-finite log-probabilities for logits {z.tolist()}: {out.tolist()}"
        np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg=f"wrong result for logits {z.tolist()}")


def test_large_equal_logits_no_overflow():
    z = np.array([[1e4, 1e4], [1000.0, 1000.0 - math.log(3.0)]])
    with np.errstate(**STRICT):
        out = log_softmax(z)
    expected = np.array([[-math.log(2.0)] * 2, [-math.log(4.0 / 3.0), -math.log(4.0)]])
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg="overflow-prone logits give a wrong result")


def test_max_is_subtracted_per_slice():
    # One global maximum leaves the second row at e^{-2000} / e^{-2000}: 0/0 or log(0).
    z = np.array([[1000.0, 999.0], [-1000.0, -1001.0]])
    with np.errstate(**STRICT):
        out = log_softmax(z, axis=1)
    row = np.array(_ref_1d([0.0, -1.0]))
    np.testing.assert_allclose(out, np.vstack([row, row]), rtol=RTOL, atol=ATOL,
                               err_msg="each slice needs its own maximum")


def test_invariant_to_adding_constant_per_slice():
    z = np.random.default_rng(24).normal(0, 1, size=(4, 6))
    a = log_softmax(z)
    shifted = z + np.array([[-500.0], [0.0], [3.5], [900.0]])
    np.testing.assert_allclose(log_softmax(shifted), a, rtol=1e-9, atol=1e-9,
                               err_msg="adding a constant to each row must not change log_softmax")


def test_consistent_with_softmax_and_input_untouched():
    z = np.random.default_rng(25).normal(0, 4, size=(3, 5))
    before = z.copy()
    out = log_softmax(z, axis=0)
    np.testing.assert_array_equal(z, before, err_msg="log_softmax modified its input")
    sm = np.asarray(solution.softmax(z, axis=0))
    np.testing.assert_allclose(np.exp(out), sm, rtol=1e-9, atol=1e-15,
                               err_msg="exp(log_softmax(z)) must equal softmax(z)")


def test_list_and_integer_input_give_float64():
    out = log_softmax([[0, 0], [1, 3]])
    assert out.dtype == np.float64, f"dtype {out.dtype}, expected float64"
    np.testing.assert_allclose(out, _ref(np.array([[0.0, 0.0], [1.0, 3.0]]), -1), rtol=RTOL, atol=ATOL,
                               err_msg="integer list input gives a wrong result")
