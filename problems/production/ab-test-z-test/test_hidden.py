import math
import numbers

from solution import two_proportion_z_test


def _describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype float64)', 'a list of length 3'."""
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return "an array of shape %s (dtype %s)" % (tuple(x.shape), x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s (%r)" % (type(x).__name__, x) if isinstance(x, (str, bool)) else "a value of type %s" % type(x).__name__


def _as_scalar(got, what):
    """The user's result as a float, or an AssertionError naming what came back instead.

    Accepts real numbers (Python's and NumPy's, and 0-d numeric arrays; no NumPy import needed:
    this problem's tests run without it); rejects arrays with a shape, lists, strings and bools."""
    shape = getattr(got, "shape", None)
    kind = getattr(getattr(got, "dtype", None), "kind", "")
    if shape is not None:
        ok = shape == () and kind in "iuf" and kind != ""
    else:
        ok = isinstance(got, numbers.Real) and not isinstance(got, bool)
    assert ok, "%s: expected a float, got %s" % (what, _describe(got))
    return float(got)


def _ref(ca, na, cb, nb):
    pa, pb = ca / na, cb / nb
    pool = (ca + cb) / (na + nb)
    se = math.sqrt(pool * (1 - pool) / na + pool * (1 - pool) / nb)
    z = (pb - pa) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def _close(got, want, what):
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), f"{what}: got {got!r}, expected {want!r}"


def _call(*args):
    out = two_proportion_z_test(*args)
    assert isinstance(out, (tuple, list)) and len(out) == 2, \
        "expected a tuple (z, p_value), got %s" % _describe(out)
    return _as_scalar(out[0], "z"), _as_scalar(out[1], "p_value")


def test_matches_pooled_formula():
    for case in [(200, 1000, 250, 1000), (37, 412, 52, 398), (5, 50, 300, 1000), (999, 1000, 990, 1000),
                 (1, 3, 2, 3), (12345, 678901, 12000, 650000)]:
        z, p = _call(*case)
        wz, wp = _ref(*case)
        _close(z, wz, f"z for {case}")
        _close(p, wp, f"p_value for {case}")


def test_pooled_not_unpooled_standard_error():
    z, _ = _call(5, 50, 300, 1000)
    unpooled = (0.3 - 0.1) / math.sqrt(0.1 * 0.9 / 50 + 0.3 * 0.7 / 1000)
    pool = 305 / 1050
    pooled = 0.2 / math.sqrt(pool * (1 - pool) * (1 / 50 + 1 / 1000))
    assert abs(z - unpooled) > 0.5, f"z = {z} looks like the unpooled statistic ({unpooled:.4f})"
    _close(z, pooled, "z with pooled SE")


def test_sign_is_b_minus_a():
    z, _ = _call(100, 1000, 130, 1000)
    assert z > 0, f"B converts better, z must be positive, got {z}"
    z, _ = _call(130, 1000, 100, 1000)
    assert z < 0, f"A converts better, z must be negative, got {z}"


def test_swapping_variants_flips_z_keeps_p():
    z1, p1 = _call(37, 412, 52, 398)
    z2, p2 = _call(52, 398, 37, 412)
    _close(z2, -z1, "z after swapping A and B")
    _close(p2, p1, "p_value after swapping A and B")


def test_equal_rates_give_zero_and_one():
    z, p = _call(10, 100, 20, 200)
    _close(z, 0.0, "z for equal rates")
    _close(p, 1.0, "p_value for equal rates")


def test_zero_variance_returns_zero_and_one():
    for case in [(0, 100, 0, 50), (100, 100, 50, 50), (0, 1, 0, 1)]:
        z, p = _call(*case)
        assert (z, p) == (0.0, 1.0), f"{case}: pooled rate 0 or 1 must give (0.0, 1.0), got {(z, p)}"


def test_tiny_p_value_is_not_rounded_to_zero():
    case = (1000, 100000, 1500, 100000)
    z, p = _call(*case)
    wz, wp = _ref(*case)
    _close(z, wz, "z")
    assert p > 0.0, "p_value collapsed to 0: compute the tail with math.erfc"
    assert math.isclose(p, wp, rel_tol=1e-6), f"p_value {p!r}, expected {wp!r}"
    z, p = _call(100, 10000, 400, 10000)
    assert p > 0.0 and math.isclose(p, _ref(100, 10000, 400, 10000)[1], rel_tol=1e-6), f"p_value {p!r} for z={z:.1f}"


def test_large_counts():
    case = (10_000_000, 1_000_000_000, 10_050_000, 1_000_000_000)
    z, p = _call(*case)
    wz, wp = _ref(*case)
    _close(z, wz, "z for 10^9 users")
    _close(p, wp, "p_value for 10^9 users")


def _call_numpy(args, what):
    """_call with numpy integer counts; any exception is reported against the rule."""
    try:
        return _call(*args)
    except AssertionError:
        raise
    except Exception as e:  # noqa: BLE001 - any exception breaks the rule
        raise AssertionError(f"rule: numpy integers are valid inputs; {what} raised {type(e).__name__}: {e}") from None


def test_numpy_integer_inputs():
    # rule: inputs are integers, Python or numpy (counts often come out of a numpy/pandas aggregation)
    try:
        import numpy as np
    except ImportError:  # this problem needs no numpy; without it there are no numpy integers to pass
        return
    case = (200, 1000, 250, 1000)
    wz, wp = _ref(*case)
    for t in (np.int64, np.int32, np.uint32):
        z, p = _call_numpy([t(v) for v in case], f"{t.__name__} counts")
        _close(z, wz, f"z with {t.__name__} counts")
        _close(p, wp, f"p_value with {t.__name__} counts")


def test_invalid_counts_raise():
    for case in [(1, 0, 1, 10), (1, 10, 1, 0), (11, 10, 1, 10), (1, 10, 12, 10), (-1, 10, 1, 10), (1, 10, -1, 10)]:
        try:
            two_proportion_z_test(*case)
        except ValueError:
            continue
        raise AssertionError(f"{case} should raise ValueError")
