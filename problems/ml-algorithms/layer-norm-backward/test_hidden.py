import numpy as np

from mlprep_harness.frameworks import user_function
from solution import layer_norm_backward as _raw_layer_norm_backward
from solution import layer_norm_forward as _raw_layer_norm_forward
_user_layer_norm_backward = user_function(_raw_layer_norm_backward)  # NumPy in and out, for a NumPy or a PyTorch solution
_user_layer_norm_forward = user_function(_raw_layer_norm_forward)  # NumPy in and out, for a NumPy or a PyTorch solution

H = 1e-6          # finite-difference step
FD_TOL = 1e-6     # relative error bound for gradient checks


# ---------- independent references -------------------------------------------------------------

def layer_norm_forward(x, *args, **kwargs):
    """Your layer_norm_forward, with its result checked to be a tuple (out, cache) whose out is a
    float array of the shape of x."""
    out, cache = _as_tuple(_user_layer_norm_forward(x, *args, **kwargs), 2, ("out", "cache"),
                           "layer_norm_forward result")
    return _as_array(out, np.shape(x), "layer_norm_forward out"), cache


def layer_norm_backward(dout, cache):
    """Your layer_norm_backward, with its result checked to be a tuple (dx, dgamma, dbeta) of float
    arrays of shapes dout.shape, (D,), (D,)."""
    d = np.shape(dout)[-1]
    dx, dg, db = _as_tuple(_user_layer_norm_backward(dout, cache), 3, ("dx", "dgamma", "dbeta"),
                           "layer_norm_backward result")
    return (_as_array(dx, np.shape(dout), "dx"), _as_array(dg, (d,), "dgamma"),
            _as_array(db, (d,), "dbeta"))


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


def _ref_forward(x, gamma, beta, eps):
    d = x.shape[-1]
    mu = x.sum(axis=-1, keepdims=True) / d
    xc = x - mu
    var = (xc ** 2).sum(axis=-1, keepdims=True) / d
    return gamma * xc / np.sqrt(var + eps) + beta


def _ref_backward(x, gamma, eps, dout):
    """Staged backprop through mu, var, x_hat (written out path by path)."""
    d = x.shape[-1]
    mu = x.sum(axis=-1, keepdims=True) / d
    xc = x - mu
    var = (xc ** 2).sum(axis=-1, keepdims=True) / d
    std = np.sqrt(var + eps)
    x_hat = xc / std
    dx_hat = dout * gamma
    dvar = (dx_hat * xc).sum(axis=-1, keepdims=True) * -0.5 * (var + eps) ** -1.5
    dmu = -(dx_hat / std).sum(axis=-1, keepdims=True) + dvar * (-2.0 * xc).sum(axis=-1, keepdims=True) / d
    dx = dx_hat / std + dvar * 2.0 * xc / d + dmu / d
    lead = tuple(range(x.ndim - 1))
    return dx, (dout * x_hat).sum(axis=lead), dout.sum(axis=lead)


def _num_grad(f, a, dout):
    """Central differences of L = sum(dout * f(a)) with respect to every entry of a."""
    g = np.zeros_like(a)
    it = np.nditer(a, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = a[i]
        a[i] = old + H
        plus = f(a)
        a[i] = old - H
        minus = f(a)
        a[i] = old
        g[i] = np.sum(dout * (plus - minus)) / (2 * H)
    return g


def _rel_err(g, g_num):
    return np.linalg.norm(g - g_num) / max(np.linalg.norm(g) + np.linalg.norm(g_num), 1e-8)


def _data(shape, seed, scale=2.0, offset=0.0):
    rng = np.random.default_rng(seed)
    d = shape[-1]
    x = rng.normal(size=shape) * scale + offset + rng.normal(size=shape[:-1] + (1,))  # per-row shifts
    gamma = rng.uniform(0.5, 2.0, size=d) * rng.choice([-1.0, 1.0], size=d)
    beta = rng.normal(size=d)
    dout = rng.normal(size=shape)
    return x, gamma, beta, dout


def _run(x, gamma, beta, eps, dout):
    out, cache = layer_norm_forward(x.copy(), gamma.copy(), beta.copy(), eps=eps)
    dx, dgamma, dbeta = layer_norm_backward(dout.copy(), cache)
    return np.asarray(out), np.asarray(dx), np.asarray(dgamma), np.asarray(dbeta)


def _check_shapes(x, out, dx, dgamma, dbeta):
    d = x.shape[-1]
    assert out.shape == x.shape, f"out shape {out.shape}, expected {x.shape}"
    assert dx.shape == x.shape, f"dx shape {dx.shape}, expected {x.shape}"
    assert dgamma.shape == (d,), f"dgamma shape {dgamma.shape}, expected ({d},): sum over every leading axis"
    assert dbeta.shape == (d,), f"dbeta shape {dbeta.shape}, expected ({d},): sum over every leading axis"


# ---------- forward ------------------------------------------------------------------------------

def test_forward_normalises_each_row_over_last_axis():
    for shape in [(7, 5), (6, 6)]:  # square case: normalising over axis 0 keeps the shape
        x, _, _, _ = _data(shape, 11 + shape[0])
        out, _ = layer_norm_forward(x, np.ones(shape[1]), np.zeros(shape[1]), eps=0.0)
        out = np.asarray(out)
        assert out.shape == shape, f"out shape {out.shape}, expected {shape}"
        np.testing.assert_allclose(out.mean(axis=-1), 0.0, atol=1e-9,
                                   err_msg=f"shape {shape}: with gamma=1, beta=0 every ROW must have mean 0")
        np.testing.assert_allclose(np.sqrt((out ** 2).mean(axis=-1)), 1.0, rtol=1e-6,
                                   err_msg=f"shape {shape}: with gamma=1, beta=0, eps=0 every row must have "
                                           "biased std 1 (divide by D, not D - 1)")


def test_forward_matches_formula_eps_inside_sqrt():
    x, gamma, beta, _ = _data((9, 6), 2, scale=0.3)
    for eps in (1e-5, 0.25):  # eps comparable to the variance: sqrt(var) + eps gives a different answer
        out, _ = layer_norm_forward(x, gamma, beta, eps=eps)
        out = np.asarray(out)
        assert out.shape == x.shape, f"out shape {out.shape}, expected {x.shape}"
        np.testing.assert_allclose(out, _ref_forward(x, gamma, beta, eps), rtol=1e-6, atol=1e-9,
                                   err_msg=f"forward output wrong with eps={eps} "
                                           "(gamma * (x - mu) / sqrt(var + eps) + beta)")


# ---------- gradients ----------------------------------------------------------------------------

def test_dx_matches_finite_differences():
    cases = [((4, 5), 1e-5), ((3, 8), 0.1), ((5, 5), 1e-3), ((1, 7), 1e-5), ((6, 2), 0.5), ((3, 1), 1e-5)]
    for k, (shape, eps) in enumerate(cases):
        x, gamma, beta, dout = _data(shape, 100 + k)
        out, dx, dgamma, dbeta = _run(x, gamma, beta, eps, dout)
        _check_shapes(x, out, dx, dgamma, dbeta)
        dx_num = _num_grad(lambda a: _ref_forward(a, gamma, beta, eps), x.copy(), dout)
        err = _rel_err(dx, dx_num)
        assert err < FD_TOL, (f"dx disagrees with finite differences for shape {shape}, eps={eps}: "
                              f"relative error {err:.2e} (did you include the paths through mu and var, "
                              "and eps in every sqrt(var + eps)?)")


def test_dgamma_dbeta_match_finite_differences():
    cases = [((6, 4), 1e-5), ((4, 4), 0.05), ((2, 9), 1e-5), ((10, 3), 0.3)]
    for k, (shape, eps) in enumerate(cases):
        x, gamma, beta, dout = _data(shape, 200 + k)
        out, dx, dgamma, dbeta = _run(x, gamma, beta, eps, dout)
        _check_shapes(x, out, dx, dgamma, dbeta)
        dg_num = _num_grad(lambda g: _ref_forward(x, g, beta, eps), gamma.copy(), dout)
        db_num = _num_grad(lambda b: _ref_forward(x, gamma, b, eps), beta.copy(), dout)
        err_g, err_b = _rel_err(dgamma, dg_num), _rel_err(dbeta, db_num)
        assert err_g < FD_TOL, (f"dgamma disagrees with finite differences for shape {shape}: relative error "
                                f"{err_g:.2e} (dgamma = sum over rows of dout * x_hat)")
        assert err_b < FD_TOL, (f"dbeta disagrees with finite differences for shape {shape}: relative error "
                                f"{err_b:.2e} (dbeta = sum over rows of dout)")


def test_three_dimensional_input_gradients():
    shape, eps = (2, 3, 5), 1e-4
    x, gamma, beta, dout = _data(shape, 300)
    out, dx, dgamma, dbeta = _run(x, gamma, beta, eps, dout)
    _check_shapes(x, out, dx, dgamma, dbeta)
    np.testing.assert_allclose(out, _ref_forward(x, gamma, beta, eps), rtol=1e-6, atol=1e-9,
                               err_msg="3-D input: normalise every x[b, t, :] over the last axis")
    checks = [
        ("dx", dx, _num_grad(lambda a: _ref_forward(a, gamma, beta, eps), x.copy(), dout)),
        ("dgamma", dgamma, _num_grad(lambda g: _ref_forward(x, g, beta, eps), gamma.copy(), dout)),
        ("dbeta", dbeta, _num_grad(lambda b: _ref_forward(x, gamma, b, eps), beta.copy(), dout)),
    ]
    for name, g, g_num in checks:
        err = _rel_err(g, g_num)
        assert err < FD_TOL, (f"3-D input (B, T, D) = {shape}: {name} disagrees with finite differences, "
                              f"relative error {err:.2e} (sum over both leading axes for dgamma/dbeta)")


def test_dx_rows_sum_to_zero():
    x, gamma, beta, dout = _data((50, 16), 400)
    _, dx, _, _ = _run(x, gamma, beta, 1e-5, dout)
    assert dx.shape == x.shape, f"dx shape {dx.shape}, expected {x.shape}"
    row_sums = np.abs(dx.sum(axis=-1))
    scale = np.abs(dx).sum(axis=-1) + 1e-12
    worst = int(np.argmax(row_sums / scale))
    assert np.all(row_sums <= 1e-9 * scale + 1e-12), (
        f"every row of dx must sum to 0 (shifting a row of x leaves out unchanged); row {worst} sums to "
        f"{dx[worst].sum():.3e} (missing the gradient through the mean?)")


def test_backward_matches_reference_on_larger_batch():
    x, gamma, beta, dout = _data((64, 48), 500)
    eps = 1e-5
    out, dx, dgamma, dbeta = _run(x, gamma, beta, eps, dout)
    _check_shapes(x, out, dx, dgamma, dbeta)
    ref_dx, ref_dg, ref_db = _ref_backward(x, gamma, eps, dout)
    np.testing.assert_allclose(dx, ref_dx, rtol=1e-6, atol=1e-9, err_msg="dx wrong on a (64, 48) batch")
    np.testing.assert_allclose(dgamma, ref_dg, rtol=1e-6, atol=1e-9, err_msg="dgamma wrong on a (64, 48) batch")
    np.testing.assert_allclose(dbeta, ref_db, rtol=1e-6, atol=1e-9, err_msg="dbeta wrong on a (64, 48) batch")


def test_large_common_offset_is_stable():
    rng = np.random.default_rng(600)
    x = 1e6 + rng.normal(size=(20, 32))
    gamma = rng.uniform(0.5, 2.0, size=32)
    beta = rng.normal(size=32)
    dout = rng.normal(size=(20, 32))
    eps = 1e-5
    with np.errstate(invalid="raise", divide="raise"):
        out, dx, dgamma, dbeta = _run(x, gamma, beta, eps, dout)
    _check_shapes(x, out, dx, dgamma, dbeta)
    np.testing.assert_allclose(out, _ref_forward(x, gamma, beta, eps), rtol=1e-6, atol=1e-7,
                               err_msg="inputs around 1e6: compute var from x - mu, not mean(x**2) - mu**2")
    ref_dx, ref_dg, _ = _ref_backward(x, gamma, eps, dout)
    np.testing.assert_allclose(dx, ref_dx, rtol=1e-6, atol=1e-7, err_msg="dx wrong for inputs around 1e6")
    np.testing.assert_allclose(dgamma, ref_dg, rtol=1e-6, atol=1e-7, err_msg="dgamma wrong for inputs around 1e6")


def test_inputs_not_modified_and_cache_reusable():
    x, gamma, beta, dout = _data((8, 6), 700)
    saved = {name: a.copy() for name, a in (("x", x), ("gamma", gamma), ("beta", beta), ("dout", dout))}
    out, cache = layer_norm_forward(x, gamma, beta, eps=1e-3)
    first = [np.array(a, dtype=np.float64) for a in layer_norm_backward(dout, cache)]
    second = [np.array(a, dtype=np.float64) for a in layer_norm_backward(dout, cache)]
    for name, a in (("x", x), ("gamma", gamma), ("beta", beta), ("dout", dout)):
        np.testing.assert_array_equal(a, saved[name], err_msg=f"{name} was modified in place")
    for name, a, b in zip(("dx", "dgamma", "dbeta"), first, second):
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=0,
                                   err_msg=f"calling layer_norm_backward twice with the same cache changed {name}")
    ref_dx, ref_dg, ref_db = _ref_backward(x, gamma, 1e-3, dout)
    np.testing.assert_allclose(first[0], ref_dx, rtol=1e-6, atol=1e-9, err_msg="dx wrong")
