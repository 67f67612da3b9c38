import math

import numpy as np

from mlprep_harness.frameworks import framework, user_function
from solution import softmax as _raw_softmax

_user_softmax = user_function(_raw_softmax)  # NumPy in and out, for a NumPy or a PyTorch solution

RTOL, ATOL = 1e-6, 1e-12


def softmax(z, *args, **kwargs):
    """Your softmax (arguments passed on as given, so the default axis is tested), with its result
    checked to be a float array of the input's shape before a test uses it."""
    return _as_array(_user_softmax(z, *args, **kwargs), np.shape(z), "softmax result")


def _describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype <U32)', 'a list of length 3'."""
    if isinstance(x, np.ndarray):
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s" % type(x).__name__


def _as_array(got, shape, what, kinds="f"):
    """`got` if it is a NumPy array of `shape` (None matches any length on that axis) whose dtype
    kind is one of `kinds` ('f' float, 'iu' integer), else an AssertionError naming what came back
    (before any test does arithmetic on it)."""
    dims = ["n" if d is None else str(d) for d in shape]
    want = "an array of shape (%s)" % (dims[0] + "," if len(dims) == 1 else ", ".join(dims))
    assert isinstance(got, np.ndarray), "%s: expected %s, got %s" % (what, want, _describe(got))
    ok = got.ndim == len(shape) and all(d is None or d == g for d, g in zip(shape, got.shape))
    assert ok, "%s: expected %s, got %s" % (what, want, _describe(got))
    assert got.dtype.kind in kinds, "%s: expected a %s array, got dtype %s" % (
        what, "float" if kinds == "f" else "integer", got.dtype)
    return got


def _as_tuple(got, n, names, what):
    """`got` if it is a tuple (or list) of `n` items, else an AssertionError naming what came back."""
    assert isinstance(got, (tuple, list)) and len(got) == n, \
        "%s: expected a tuple (%s), got %s" % (what, ", ".join(names), _describe(got))
    return tuple(got)


def _ref_1d(v):
    """Slow, independent reference for one slice (Python floats)."""
    m = max(v)
    e = [math.exp(x - m) for x in v]
    s = sum(e)
    return [x / s for x in e]


def _ref(z, axis):
    z = np.asarray(z, dtype=np.float64)
    moved = np.moveaxis(z, axis, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    out = np.array([_ref_1d(list(row)) for row in flat]).reshape(moved.shape)
    return np.moveaxis(out, -1, axis)


def test_matches_reference_1d():
    z = np.random.default_rng(123).normal(0, 3, size=17)
    expected = _ref(z, -1)
    out = np.asarray(softmax(z.copy()))
    assert out.shape == z.shape, f"shape {out.shape}, expected {z.shape}"
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg="1-D softmax is wrong")


def test_default_axis_is_last_and_rows_sum_to_one():
    z = np.random.default_rng(1).normal(0, 2, size=(6, 5))
    expected = _ref(z, -1)
    out = np.asarray(softmax(z.copy()))
    assert out.shape == (6, 5), f"shape {out.shape}, expected (6, 5)"
    np.testing.assert_allclose(out.sum(axis=1), np.ones(6), rtol=1e-9,
                               err_msg="with the default axis=-1 every row must sum to 1")
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg="default axis should be the last axis")


def test_axis_0_normalises_columns():
    z = np.random.default_rng(2).normal(0, 2, size=(4, 7))
    expected = _ref(z, 0)
    out = np.asarray(softmax(z.copy(), axis=0))
    assert out.shape == (4, 7), f"shape {out.shape}, expected (4, 7)"
    np.testing.assert_allclose(out.sum(axis=0), np.ones(7), rtol=1e-9,
                               err_msg="with axis=0 every column must sum to 1")
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg="axis=0 softmax is wrong")


def test_middle_axis_of_3d_array():
    z = np.random.default_rng(3).normal(0, 2, size=(3, 4, 5))
    expected = _ref(z, 1)
    for axis in (1, -2):
        out = np.asarray(softmax(z.copy(), axis=axis))
        assert out.shape == (3, 4, 5), f"axis={axis}: shape {out.shape}, expected (3, 4, 5)"
        np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"axis={axis} on a 3-D array is wrong")


def test_invariant_to_adding_constant():
    z = np.random.default_rng(4).normal(0, 1, size=(5, 6))
    a = np.asarray(softmax(z.copy()))
    for c in (-50.0, 7.5, 300.0):
        b = np.asarray(softmax(z + c))
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=ATOL,
                                   err_msg=f"softmax(z + {c}) should equal softmax(z)")


def test_extreme_logits_no_overflow():
    cases = [
        (np.array([1000.0, -1000.0]), np.array([1.0, 0.0])),
        (np.array([1000.0, 1000.0]), np.array([0.5, 0.5])),
        (np.array([-1000.0, -1000.0, -1000.0]), np.full(3, 1 / 3)),
        (np.array([1e4, 1e4 - 1.0]), np.array([1 / (1 + math.exp(-1)), math.exp(-1) / (1 + math.exp(-1))])),
        (np.array([-1e4, 0.0, 1e4]), np.array([0.0, 0.0, 1.0])),
    ]
    for z, expected in cases:
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            out = np.asarray(softmax(z))
        assert np.all(np.isfinite(out)), f"non-finite output for logits {z.tolist()}"
        np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg=f"wrong result for logits {z.tolist()}")


def test_max_is_subtracted_per_slice():
    # Rows live on very different scales: subtracting one global maximum underflows the second row to 0/0.
    z = np.array([[1000.0, 999.0], [-1000.0, -1001.0]])
    e1 = 1 / (1 + math.exp(-1))
    expected = np.array([[e1, 1 - e1], [e1, 1 - e1]])
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        out = np.asarray(softmax(z, axis=1))
    assert out.shape == (2, 2), f"shape {out.shape}, expected (2, 2)"
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                               err_msg="each slice needs its own maximum subtracted")


def test_does_not_modify_input():
    z = np.random.default_rng(5).normal(0, 5, size=(4, 3))
    before = z.copy()
    softmax(z, axis=0)
    softmax(z)
    np.testing.assert_array_equal(z, before, err_msg="softmax modified its input array")


def test_list_and_integer_input_give_float64():
    # Integer input (an int64 array, or a tensor under PyTorch) and, in NumPy, a nested list.
    e2 = math.exp(2)
    inputs = [np.array([[0, 0], [1, 3]], dtype=np.int64)]
    if framework() == "numpy":  # the PyTorch variant takes tensors only (its note says so)
        inputs.append([[0, 0], [1, 3]])
    for z in inputs:
        what = "integer list" if isinstance(z, list) else "integer array"
        out = np.asarray(softmax(z))
        assert out.shape == (2, 2), f"{what} input: shape {out.shape}, expected (2, 2)"
        assert out.dtype == np.float64, f"{what} input: dtype {out.dtype}, expected float64"
        np.testing.assert_allclose(out, [[0.5, 0.5], [1 / (1 + e2), e2 / (1 + e2)]], rtol=RTOL, atol=ATOL,
                                   err_msg=f"{what} input gives a wrong result (integer arithmetic?)")


def test_single_element_slices_are_one():
    z = np.array([[3.0], [-2.0], [1e4]])
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        out = np.asarray(softmax(z, axis=1))
    assert out.shape == (3, 1), f"shape {out.shape}, expected (3, 1)"
    np.testing.assert_allclose(out, np.ones((3, 1)), rtol=RTOL, err_msg="a slice with one element must give 1.0")
