"""Numeric assertion failures described from the values, not from numpy's printed text.

numpy prints a failed scalar check as `x: array(0.638067)` / `y: array(0.638068)`: six digits,
which can hide the very digit that differs. In the test child, `install(numpy_testing)` wraps
numpy.testing's comparison functions so that a failure carries the compared values and the
tolerance (`exc.mlprep_compare`); `describe(...)` turns them into

  message   "<the test's err_msg>\n<what differs, by how much, against which tolerance>"
  actual    "0.6380671"             (a compact array view for arrays)
  expected  "0.6380683"

with just enough significant digits to show where the numbers differ. Anything it cannot
describe (strings, objects, dicts) returns None and the caller falls back to parsing numpy's
text (text.split_assertion).

The wrappers are a convenience for honest mistakes, not a security boundary: a solution can
re-patch numpy.testing as easily as before (see the threat model in __init__.py).
"""

import ast
import functools
import inspect
import math

from .text import cap, cap_lines

# The functions wrapped; each takes (actual, desired, ...) first (numpy 1.x names them x, y
# in some; numpy 2 renamed them), so the first two parameters are the values.
WRAPPED = ("assert_allclose", "assert_array_almost_equal", "assert_almost_equal", "assert_array_equal",
           "assert_equal")
_MARK = "_mlprep_wrapped"
ARRAY_THRESHOLD = 24      # arrays with more elements are shown as head ... tail
MAX_ARRAY_VIEW = 1200     # characters of an array view (the wire allows 2000 for expected/actual)
EDGE_ITEMS = 3


class Compare:
    """One failed numpy comparison: the values and the rule they were held to.

    `kind` is "allclose" (rtol/atol, numpy's rule), "isclose" (math.isclose: rel_tol is `rtol`,
    abs_tol is `atol`), "approx" (pytest.approx: rel is `rtol`, abs is `atol`), "abs" (|a - e| < atol, or <= when `inclusive`), "decimal"
    (|a - e| < 1.5 * 10**-decimal) or "exact"."""

    def __init__(self, func, actual, expected, kind, rtol=0.0, atol=0.0, decimal=None, err_msg="",
                 equal_nan=True, inclusive=False):
        self.inclusive = inclusive
        self.func = func
        self.actual = actual
        self.expected = expected
        self.kind = kind
        self.rtol = rtol
        self.atol = atol
        self.decimal = decimal
        self.err_msg = err_msg
        self.equal_nan = equal_nan


def _compare_of(name, original, args, kwargs):
    """The Compare for a call of numpy.testing.<name>(*args, **kwargs), or None when the
    arguments do not bind (numpy will say why itself)."""
    try:
        sig = inspect.signature(original)
        bound = sig.bind(*args, **kwargs)
    except (TypeError, ValueError):
        return None
    bound.apply_defaults()
    a = bound.arguments
    act_key, exp_key = list(sig.parameters)[:2]
    common = dict(err_msg=a.get("err_msg") or "")
    if name == "assert_allclose":
        return Compare(name, a[act_key], a[exp_key], "allclose", rtol=a.get("rtol", 1e-7), atol=a.get("atol", 0),
                       equal_nan=bool(a.get("equal_nan", True)), **common)
    if name in ("assert_array_almost_equal", "assert_almost_equal"):
        return Compare(name, a[act_key], a[exp_key], "decimal", decimal=a.get("decimal", 6 if "array" in name else 7),
                       **common)
    return Compare(name, a[act_key], a[exp_key], "exact", **common)


def _wrap(name, original):
    @functools.wraps(original)
    def checked(*args, **kwargs):
        try:
            return original(*args, **kwargs)
        except AssertionError as exc:
            try:
                exc.mlprep_compare = _compare_of(name, original, args, kwargs)
            except Exception:  # describing a failure must never replace it
                pass
            raise
    setattr(checked, _MARK, True)
    return checked


def install(testing):
    """Wraps the comparison functions of the module `testing` (numpy.testing) in place, once.

    Returns the names wrapped. Safe to call again (already wrapped functions are left alone)."""
    done = []
    for name in WRAPPED:
        fn = getattr(testing, name, None)
        if callable(fn) and not getattr(fn, _MARK, False):
            setattr(testing, name, _wrap(name, fn))
            done.append(name)
    return done


# ---------------------------------------------------------------------------- number formatting

def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def fmt_number(v, sig=7):
    """A plain number: ints in full, floats with `sig` significant digits (%g: no trailing
    zeros), "nan", "inf", "-inf"; bools as True/False; complex as a+bj."""
    if isinstance(v, bool):
        return str(v)
    if _is_int(v):
        return str(v)
    if isinstance(v, complex):
        return "(%s%s%sj)" % (fmt_number(v.real, sig), "+" if v.imag >= 0 or math.isnan(v.imag) else "-",
                              fmt_number(abs(v.imag), sig))
    f = float(v)
    if math.isnan(f):
        return "nan"
    if math.isinf(f):
        return "inf" if f > 0 else "-inf"
    text = "%.*g" % (sig, f)
    # a float that prints like an int gets ".0", so 3.0 (float) and 3 (int) read differently
    return text if any(c in text for c in ".en") else text + ".0"


def _shortest(f, most=7):
    """The fewest significant digits (at most `most`) that print `f` exactly."""
    for sig in range(1, most + 1):
        if float("%.*g" % (sig, f)) == f:
            return sig
    return most


def digits_to_show(a, b, most=17):
    """Significant digits to print `a` and `b` with: each value in full up to 7 digits, and at
    least one digit past the first one at which they print differently (at most `most`)."""
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError, OverflowError):
        return 7
    if not (math.isfinite(fa) and math.isfinite(fb)):
        return 7
    need = max(_shortest(fa), _shortest(fb))
    if fa != fb:
        for sig in range(1, most + 1):
            if "%.*g" % (sig, fa) != "%.*g" % (sig, fb):
                need = max(need, sig + 1)
                break
        else:
            need = most
    return min(most, need)


def fmt_err(x):
    """An error magnitude: 2 significant digits ("1.2e-06", "0.25", "3")."""
    if x is None:
        return "n/a"
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf"
    return "%.2g" % x


def tolerance_text(cmp):
    """"rtol=1e-07, atol=0" / "decimal=6 (abs err < 1.5e-06)" / "exact"."""
    if cmp.kind == "allclose":
        return "rtol=%s, atol=%s" % (fmt_err(float(cmp.rtol)), fmt_err(float(cmp.atol)))
    if cmp.kind == "decimal":
        return "decimal=%s (abs err < %s)" % (cmp.decimal, fmt_err(1.5 * 10.0 ** (-float(cmp.decimal))))
    if cmp.kind == "isclose":
        return "rel_tol=%s, abs_tol=%s" % (fmt_err(float(cmp.rtol)), fmt_err(float(cmp.atol)))
    if cmp.kind == "abs":
        return "abs err %s %s" % ("<=" if cmp.inclusive else "<", fmt_err(float(cmp.atol)))
    if cmp.kind == "approx":
        return "pytest.approx rel=%s, abs=%s" % (fmt_err(float(cmp.rtol)), fmt_err(float(cmp.atol)))
    return "exact equality"


# ---------------------------------------------------------------------------- describing

def _numeric_array(np, value):
    """`value` as a numeric (bool/int/float/complex) ndarray, or None."""
    try:
        arr = np.asarray(value)
    except Exception:
        return None
    if arr.dtype.kind not in "biufc":
        return None
    return arr


def _python_scalar(np, arr):
    """A 0-d array's value as a Python number (ints stay ints)."""
    v = arr.item()
    if isinstance(v, np.generic):  # e.g. float128
        v = float(v)
    return v


def _errors(np, a, e):
    """(abs_err, rel_err) arrays for broadcast numeric arrays a (actual) and e (expected), float64."""
    with np.errstate(all="ignore"):
        af = a.astype(complex if a.dtype.kind == "c" or e.dtype.kind == "c" else float)
        ef = e.astype(af.dtype)
        abs_err = np.abs(af - ef).astype(float)
        both_inf_same = np.isinf(af) & np.isinf(ef) & (af == ef)
        abs_err = np.where(both_inf_same, 0.0, abs_err)
        rel_err = abs_err / np.abs(ef).astype(float)
        rel_err = np.where(abs_err == 0, 0.0, rel_err)
    return abs_err, rel_err


def _mismatch(np, cmp, a, e, abs_err):
    """Boolean mask of the elements that fail `cmp`'s rule (numpy's semantics for nan/inf)."""
    with np.errstate(all="ignore"):
        af = a.astype(complex if a.dtype.kind == "c" or e.dtype.kind == "c" else float)
        ef = e.astype(af.dtype)
        nan_a, nan_e = np.isnan(af), np.isnan(ef)
        if cmp.kind == "allclose":
            bad = ~(abs_err <= float(cmp.atol) + float(cmp.rtol) * np.abs(ef))
        elif cmp.kind == "isclose":
            bad = ~(abs_err <= np.maximum(float(cmp.rtol) * np.maximum(np.abs(af), np.abs(ef)), float(cmp.atol)))
        elif cmp.kind == "approx":
            bad = ~(abs_err <= np.maximum(float(cmp.rtol) * np.abs(ef), float(cmp.atol)))
        elif cmp.kind == "abs":
            bad = ~(abs_err <= float(cmp.atol)) if cmp.inclusive else ~(abs_err < float(cmp.atol))
        elif cmp.kind == "decimal":
            bad = ~(abs_err < 1.5 * 10.0 ** (-float(cmp.decimal)))
        else:
            bad = af != ef
        both_nan = nan_a & nan_e
        bad = np.where(both_nan, not cmp.equal_nan if cmp.kind == "allclose" else False, bad)
        bad = np.where(nan_a ^ nan_e, True, bad)
        both_inf = np.isinf(af) & np.isinf(ef)
        bad = np.where(both_inf, af != ef, bad)
    return np.asarray(bad, dtype=bool)


def _worst_index(np, bad, abs_err):
    """The flat index of the mismatched element with the largest abs error (nan counts as the
    largest), or None when nothing is mismatched."""
    idx = np.flatnonzero(bad)
    if idx.size == 0:
        return None
    errs = abs_err.reshape(-1)[idx]
    key = np.where(np.isnan(errs), np.inf, errs)
    return int(idx[int(np.argmax(key))])


def _index_text(np, flat, shape):
    return "[%s]" % ", ".join(str(int(i)) for i in np.unravel_index(flat, shape)) if shape else "[]"


def array_view(np, arr, sig, limit=MAX_ARRAY_VIEW):
    """A compact view of a numeric array: plain numbers with `sig` digits, one row per line,
    head ... tail for more than ARRAY_THRESHOLD elements (fewer edge items until it fits in
    `limit` characters), no `array(...)` wrapper; a 0-d array is its number."""
    if arr.ndim == 0:
        return fmt_number(_python_scalar(np, arr), sig)
    if arr.dtype.kind in "iub":
        formatter = None
    else:
        formatter = {"float_kind": lambda v: fmt_number(float(v), sig),
                     "complex_kind": lambda v: fmt_number(complex(v), sig)}
    text = ""
    for threshold, edge in ((ARRAY_THRESHOLD, EDGE_ITEMS), (0, 2), (0, 1)):
        try:
            text = np.array2string(arr, separator=", ", threshold=threshold, edgeitems=edge,
                                   formatter=formatter, max_line_width=100)
        except Exception:
            text = str(arr.tolist())
        if len(text) <= limit:
            break
    return cap(text, limit)


def _isnan(v):
    try:
        return math.isnan(abs(v)) if isinstance(v, complex) else math.isnan(float(v))
    except (TypeError, ValueError):
        return False


def _shape_text(shape):
    return str(tuple(int(s) for s in shape))


def describe(cmp, np):
    """{"message", "actual", "expected"} for a failed Compare, or None when the values are not
    numeric (the caller then falls back to numpy's own text). Never raises."""
    try:
        return _describe(cmp, np)
    except Exception:
        return None


def _describe(cmp, np):
    a = _numeric_array(np, cmp.actual)
    e = _numeric_array(np, cmp.expected)
    if a is None or e is None:
        return None
    head = [str(cmp.err_msg).strip()] if str(cmp.err_msg).strip() else []
    tol = tolerance_text(cmp)
    try:
        # numpy compares a 0-d value against any shape, but otherwise wants equal shapes
        if a.shape != e.shape and a.ndim and e.ndim:
            raise ValueError("shapes differ")
        ab, eb = np.broadcast_arrays(a, e)
    except ValueError:
        # numpy: "(shapes (1, 1), (3,) mismatch)"
        lines = head + ["shape mismatch: actual has shape %s, expected shape %s" % (
            _shape_text(a.shape), _shape_text(e.shape))]
        return {"message": cap_lines("\n".join(lines)), "actual": array_view(np, a, 7),
                "expected": array_view(np, e, 7)}
    abs_err, rel_err = _errors(np, ab, eb)
    bad = _mismatch(np, cmp, ab, eb, abs_err)
    worst = _worst_index(np, bad, abs_err)
    if worst is None:
        # numpy failed for a reason the values do not show (e.g. strict shapes/dtypes)
        return None
    wa = _python_scalar(np, ab.reshape(-1)[worst:worst + 1].reshape(()))
    we = _python_scalar(np, eb.reshape(-1)[worst:worst + 1].reshape(()))
    sig = digits_to_show(wa, we) if not isinstance(wa, complex) else 7
    w_abs = float(abs_err.reshape(-1)[worst])
    w_rel = float(rel_err.reshape(-1)[worst])
    pair = "actual %s, expected %s" % (fmt_number(wa, sig), fmt_number(we, sig))
    if math.isnan(w_abs):
        errs = "nan where a number was expected" if _isnan(wa) and not _isnan(we) else (
            "a number where nan was expected" if _isnan(we) and not _isnan(wa) else "nan")
    else:
        errs = "abs err %s, rel err %s" % (fmt_err(w_abs), fmt_err(w_rel))
    if ab.ndim == 0:  # both 0-d: a number against a number
        lines = head + ["%s: %s; tolerance %s" % (pair, errs, tol)]
    else:
        n_bad, n = int(bad.sum()), int(bad.size)
        lines = head + ["%s of %s elements differ (shape %s); tolerance %s" % (
            "{:,}".format(n_bad), "{:,}".format(n), _shape_text(ab.shape), tol)]
        if a.shape != e.shape:
            lines.append("(a single value compared with every element: actual has shape %s, expected shape %s)" % (
                _shape_text(a.shape), _shape_text(e.shape)))
        lines.append("worst at %s: %s; %s" % (_index_text(np, worst, ab.shape), pair, errs))
        if n_bad > 1:
            with np.errstate(all="ignore"):
                max_rel = float(np.nanmax(np.where(bad, rel_err, 0.0)))
            if max_rel > w_rel and math.isfinite(w_abs):
                lines.append("largest rel err among them: %s" % fmt_err(max_rel))
    return {"message": cap_lines("\n".join(lines)), "actual": array_view(np, a, sig),
            "expected": array_view(np, e, sig)}


# ---------------------------------------------------------------------------- plain asserts

_SAFE_CALLS = frozenset(("float", "int", "abs", "round", "len", "complex", "bool"))
_SAFE_METHODS = frozenset(("tolist", "item"))


def _safe(node):
    """True for an expression that can be re-evaluated without running the solution again:
    names, constants, attributes, constant subscripts, arithmetic, list/tuple displays, a few
    builtins (float, int, abs, round, len) and .tolist()/.item()."""
    if isinstance(node, (ast.Name, ast.Constant)):
        return True
    if isinstance(node, ast.Attribute):
        return _safe(node.value)
    if isinstance(node, ast.Subscript):
        index = node.slice.value if type(node.slice).__name__ == "Index" else node.slice  # 3.8 Index
        parts = index.elts if isinstance(index, ast.Tuple) else [index]
        return _safe(node.value) and all(_safe(p) for p in parts if not isinstance(p, ast.Slice))
    if isinstance(node, ast.UnaryOp):
        return _safe(node.operand)
    if isinstance(node, ast.BinOp):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe(e) for e in node.elts)
    if isinstance(node, ast.Call) and not node.keywords:
        if isinstance(node.func, ast.Name) and node.func.id in _SAFE_CALLS:
            return all(_safe(a) for a in node.args)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _SAFE_METHODS and not node.args:
            return _safe(node.func.value)
    return False


def _assert_at(source, line):
    """The innermost `assert` statement of `source` spanning `line`, or None."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.lineno <= line <= getattr(node, "end_lineno", node.lineno):
            if best is None or node.lineno >= best.lineno:
                best = node
    return best


def _is_call_to(node, names):
    f = node.func if isinstance(node, ast.Call) else None
    dotted = f.id if isinstance(f, ast.Name) else (
        "%s.%s" % (f.value.id, f.attr) if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else None)
    return dotted in names


def from_assert(source, line, frame, err_msg=""):
    """A Compare for a failed plain `assert` at `line` of `source`, re-evaluating its operands in
    `frame` (the test function's frame), or None when the statement is not one of:
      assert a == b                          (exact)
      assert abs(a - b) < tol  /  <= tol     (abs)
      assert math.isclose(a, b, rel_tol=..., abs_tol=...)
      assert a == pytest.approx(b, rel=..., abs=...)
      assert np.isclose(...) / np.allclose(a, b, rtol=..., atol=...)
    Operands are re-evaluated only when `_safe` (no calls into the solution)."""
    node = _assert_at(source, line)
    if node is None:
        return None
    test = node.test

    def ev(expr):
        return eval(compile(ast.Expression(expr), "<assert>", "eval"), frame.f_globals, frame.f_locals)

    def kw(call, name, default):
        for k in call.keywords:
            if k.arg == name:
                if not _safe(k.value):
                    raise ValueError(name)
                return ev(k.value)
        return default

    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, ast.Eq) and _safe(left) and _is_call_to(right, ("approx", "pytest.approx")) \
                and len(right.args) == 1 and _safe(right.args[0]):
            expected = ev(right.args[0])
            rel, ab = kw(right, "rel", None), kw(right, "abs", None)
            if rel is None and ab is None:
                rel, ab = 1e-6, 1e-12
            return Compare("assert", ev(left), expected, "approx", rtol=rel or 0.0, atol=ab or 0.0, err_msg=err_msg)
        if isinstance(op, ast.Eq) and _safe(left) and _safe(right):
            return Compare("assert", ev(left), ev(right), "exact", err_msg=err_msg)
        if (isinstance(op, (ast.Lt, ast.LtE)) and _is_call_to(left, ("abs",)) and len(left.args) == 1
                and isinstance(left.args[0], ast.BinOp) and isinstance(left.args[0].op, ast.Sub)
                and _safe(left.args[0].left) and _safe(left.args[0].right) and _safe(right)):
            return Compare("assert", ev(left.args[0].left), ev(left.args[0].right), "abs", atol=float(ev(right)),
                           inclusive=isinstance(op, ast.LtE), err_msg=err_msg)
        return None
    if isinstance(test, ast.Call) and len(test.args) >= 2 and _safe(test.args[0]) and _safe(test.args[1]):
        if _is_call_to(test, ("math.isclose", "isclose")) and len(test.args) == 2:
            return Compare("assert", ev(test.args[0]), ev(test.args[1]), "isclose",
                           rtol=kw(test, "rel_tol", 1e-9), atol=kw(test, "abs_tol", 0.0), err_msg=err_msg)
        if _is_call_to(test, ("np.allclose", "numpy.allclose", "np.isclose", "numpy.isclose")):
            extra = [ev(a) if _safe(a) else None for a in test.args[2:4]]
            rtol = extra[0] if len(extra) > 0 and extra[0] is not None else kw(test, "rtol", 1e-5)
            atol = extra[1] if len(extra) > 1 and extra[1] is not None else kw(test, "atol", 1e-8)
            return Compare("assert", ev(test.args[0]), ev(test.args[1]), "allclose", rtol=rtol, atol=atol,
                           equal_nan=bool(kw(test, "equal_nan", False)), err_msg=err_msg)
    return None
