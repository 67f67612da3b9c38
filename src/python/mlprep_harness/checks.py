"""Result checks shared by hidden tests: what came back, and whether it has the type and shape a
statement promises, checked before a test uses it, so a wrong shape reads as "expected a float,
got an array of shape (1, 1)" rather than an error raised inside the test code.

Hidden tests import these under their historical private names, e.g.
``from mlprep_harness.checks import as_scalar as _as_scalar``. Standard library plus numpy.
"""
import numpy as np


def describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype float64)', 'a list of length 3'."""
    if isinstance(x, np.ndarray):
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s (%r)" % (type(x).__name__, x) if isinstance(x, (str, bool)) else "a value of type %s" % type(x).__name__


def as_scalar(got, what):
    """The user's result as a float, or an AssertionError naming what came back instead.

    Accepts Python and NumPy real numbers (and 0-d numeric arrays); rejects arrays with a shape,
    lists, strings and bools before any arithmetic, so a shape mistake is reported as one."""
    ok = isinstance(got, (int, float, np.integer, np.floating)) and not isinstance(got, (bool, np.bool_))
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "iuf":
        ok = True
    assert ok, "%s: expected a float, got %s" % (what, describe(got))
    return float(got)


def as_array(got, shape, what, kinds="f"):
    """`got` if it is a NumPy array of `shape` (None matches any length on that axis) whose dtype
    kind is one of `kinds` ('f' float, 'iu' integer, 'b' bool), else an AssertionError naming what
    came back (before any test does arithmetic on it)."""
    dims = ["n" if d is None else str(d) for d in shape]
    want = "an array of shape (%s)" % (dims[0] + "," if len(dims) == 1 else ", ".join(dims))
    assert isinstance(got, np.ndarray), "%s: expected %s, got %s" % (what, want, describe(got))
    ok = got.ndim == len(shape) and all(d is None or d == g for d, g in zip(shape, got.shape))
    assert ok, "%s: expected %s, got %s" % (what, want, describe(got))
    assert got.dtype.kind in kinds, "%s: expected a%s array, got dtype %s" % (
        what, {"f": " float", "iu": "n integer", "b": " bool"}.get(kinds, " numeric"), got.dtype)
    return got


def as_tuple(got, n, names, what):
    """`got` if it is a tuple (or list) of `n` items, else an AssertionError naming what came back."""
    assert isinstance(got, (tuple, list)) and len(got) == n, \
        "%s: expected a tuple (%s), got %s" % (what, ", ".join(names), describe(got))
    return tuple(got)
