"""Part 3 (softmax backward): hidden tests. Parts 1 and 2 keep running beside these."""
import numpy as np

import solution
from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function

RTOL, ATOL = 1e-7, 1e-10


def softmax_backward(dy, y, *args, **kwargs):
    """Your softmax_backward, its result checked to be a float array of y's shape first."""
    fn = getattr(solution, "softmax_backward", None)
    assert callable(fn), "define softmax_backward(dy, y, axis=-1) in solution.py (part 3)"
    return _as_array(user_function(fn)(dy, y, *args, **kwargs), np.shape(y), "softmax_backward result")


def _softmax(z, axis=-1):
    """Test-side softmax (independent of yours), used to build y and for finite differences."""
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _jacobian_vjp_1d(dy, y):
    """The explicit Jacobian diag(y) - y y^T applied to dy (small slices only)."""
    jac = np.diag(y) - np.outer(y, y)
    return jac.T @ dy


def test_matches_explicit_jacobian_1d():
    rng = np.random.default_rng(31)
    for n in (1, 2, 5, 17):
        y = _softmax(rng.normal(0, 2, size=n))
        dy = rng.normal(0, 1, size=n)
        got = softmax_backward(dy.copy(), y.copy())
        np.testing.assert_allclose(got, _jacobian_vjp_1d(dy, y), rtol=RTOL, atol=ATOL,
                                   err_msg=f"vector-Jacobian product is wrong (n={n})")


def test_finite_difference_gradient_check():
    # L(z) = sum(w * softmax(z)); dL/dz by central differences must match softmax_backward(w, y).
    rng = np.random.default_rng(32)
    z = rng.normal(0, 1.5, size=(3, 6))
    w = rng.normal(0, 1, size=(3, 6))
    y = _softmax(z)
    got = softmax_backward(w, y)
    h = 1e-6
    num = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += h
        zm[idx] -= h
        num[idx] = (np.sum(w * _softmax(zp)) - np.sum(w * _softmax(zm))) / (2 * h)
    np.testing.assert_allclose(got, num, rtol=1e-5, atol=1e-8,
                               err_msg="gradient does not match central finite differences of sum(dy * softmax(z))")


def test_axis_0_and_negative_axis_on_3d():
    rng = np.random.default_rng(33)
    z = rng.normal(0, 1, size=(4, 3, 5))
    dy = rng.normal(0, 1, size=(4, 3, 5))
    for axis in (0, 1, -2, -1):
        y = _softmax(z, axis=axis)
        got = softmax_backward(dy, y, axis=axis)
        moved_y, moved_dy = np.moveaxis(y, axis, -1), np.moveaxis(dy, axis, -1)
        expected = np.empty_like(moved_y)
        for idx in np.ndindex(moved_y.shape[:-1]):
            expected[idx] = _jacobian_vjp_1d(moved_dy[idx], moved_y[idx])
        np.testing.assert_allclose(got, np.moveaxis(expected, -1, axis), rtol=RTOL, atol=ATOL,
                                   err_msg=f"softmax_backward with axis={axis} is wrong (sum per slice along axis)")


def test_slices_sum_to_zero_and_constant_dy_gives_zero():
    rng = np.random.default_rng(34)
    y = _softmax(rng.normal(0, 3, size=(5, 4)), axis=0)
    dy = rng.normal(0, 1, size=(5, 4))
    got = softmax_backward(dy, y, axis=0)
    np.testing.assert_allclose(got.sum(axis=0), np.zeros(4), atol=1e-12,
                               err_msg="each slice of dz must sum to 0 (softmax ignores a constant shift)")
    const = np.tile(np.array([[2.0, -1.0, 0.5, 7.0]]), (5, 1))  # constant along axis 0
    np.testing.assert_allclose(softmax_backward(const, y, axis=0), np.zeros((5, 4)), atol=1e-12,
                               err_msg="dy constant along the axis must give a zero gradient")


def test_saturated_softmax_gives_zero_gradient():
    y = _softmax(np.array([1e4, -1e4, 0.0]))  # exactly [1, 0, 0]
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        got = softmax_backward(np.array([3.0, -2.0, 5.0]), y)
    np.testing.assert_allclose(got, np.zeros(3), atol=1e-12,
                               err_msg="a saturated softmax (one-hot y) has a zero gradient")


def test_inputs_untouched_lists_accepted_and_float64():
    y = _softmax(np.array([[0.1, 0.2, 0.7], [1.0, 0.0, -1.0]]))
    dy = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    y0, dy0 = y.copy(), dy.copy()
    got = softmax_backward(dy, y)
    np.testing.assert_array_equal(y, y0, err_msg="softmax_backward modified y")
    np.testing.assert_array_equal(dy, dy0, err_msg="softmax_backward modified dy")
    from_lists = softmax_backward(dy.tolist(), y.tolist())
    assert from_lists.dtype == np.float64, f"dtype {from_lists.dtype}, expected float64"
    np.testing.assert_allclose(from_lists, got, rtol=1e-12, atol=1e-15, err_msg="list inputs give a different result")


def test_earlier_parts_still_importable():
    assert callable(getattr(solution, "softmax", None)) and callable(getattr(solution, "log_softmax", None)), \
        "keep softmax (part 1) and log_softmax (part 2) in solution.py"
