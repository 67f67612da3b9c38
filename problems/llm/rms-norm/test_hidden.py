import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.checks import as_tuple as _as_tuple
from mlprep_harness.frameworks import user_function
from solution import rms_norm as _user_rms_norm
from solution import rms_norm_backward as _user_rms_norm_backward

_rms_norm = user_function(_user_rms_norm)
_rms_norm_backward = user_function(_user_rms_norm_backward)

H = 1e-6          # finite-difference step
FD_TOL = 1e-6     # relative error bound for gradient checks
RTOL, ATOL = 1e-6, 1e-9


def rms_norm(x, gain, *args, **kwargs):
    """Your rms_norm, its result checked to be a float array of the shape of x."""
    return _as_array(_rms_norm(x, gain, *args, **kwargs), np.shape(x), "rms_norm result")


def rms_norm_backward(dout, x, gain, *args, **kwargs):
    """Your rms_norm_backward, its result checked to be a tuple (dx, dgain) of float arrays of shapes
    x.shape and (D,)."""
    dx, dg = _as_tuple(_rms_norm_backward(dout, x, gain, *args, **kwargs), 2, ("dx", "dgain"),
                       "rms_norm_backward result")
    d = np.shape(x)[-1]
    return (_as_array(dx, np.shape(x), "dx"),
            _as_array(dg, (d,), "dgain (summed over every leading axis)"))


# ---------- independent references -------------------------------------------------------------

def _ref_forward(x, gain, eps):
    d = x.shape[-1]
    ms = (x ** 2).sum(axis=-1, keepdims=True) / d
    return gain * (x / np.sqrt(ms + eps))


def _ref_backward(dout, x, gain, eps):
    """Staged backprop: y = gain * x * s with s = (ms + eps) ** -0.5, ms = sum(x**2) / D."""
    d = x.shape[-1]
    ms = (x ** 2).sum(axis=-1, keepdims=True) / d
    s = (ms + eps) ** -0.5
    g = dout * gain                                        # dL/d(x * s)
    ds = (g * x).sum(axis=-1, keepdims=True)               # dL/ds
    dms = ds * -0.5 * (ms + eps) ** -1.5
    dx = g * s + dms * 2.0 * x / d
    lead = tuple(range(x.ndim - 1))
    dgain = (dout * x * s).sum(axis=lead) if lead else dout * x * s
    return dx, dgain


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
    x = rng.normal(size=shape) * scale + offset
    gain = rng.uniform(0.5, 2.0, size=d) * rng.choice([-1.0, 1.0], size=d)
    dout = rng.normal(size=shape)
    return x, gain, dout


# ---------- forward ------------------------------------------------------------------------------

def test_statement_example():
    x = np.array([[1.0, 7.0], [3.0, -3.0]])
    gain = np.array([1.0, 0.5])
    np.testing.assert_allclose(rms_norm(x, gain, eps=0.0), [[0.2, 0.7], [1.0, -0.5]], rtol=RTOL, atol=ATOL,
                               err_msg="forward of the statement's example")
    dx, dgain = rms_norm_backward(np.array([[1.0, 0.0], [0.0, 1.0]]), x, gain, eps=0.0)
    np.testing.assert_allclose(dx, [[0.196, -0.028], [1 / 12, 1 / 12]], rtol=RTOL, atol=ATOL,
                               err_msg="dx of the statement's example")
    np.testing.assert_allclose(dgain, [0.2, -1.0], rtol=RTOL, atol=ATOL, err_msg="dgain of the statement's example")


def test_forward_matches_reference():
    cases = [((7,), 1e-6), ((5, 8), 1e-6), ((4, 3, 6), 1e-5), ((16, 64), 1e-6), ((3, 1), 1e-6)]
    for k, (shape, eps) in enumerate(cases):
        x, gain, _ = _data(shape, 10 + k)
        np.testing.assert_allclose(rms_norm(x, gain, eps=eps), _ref_forward(x, gain, eps), rtol=RTOL, atol=ATOL,
                                   err_msg=f"forward wrong for shape {shape}, eps={eps}")


def test_default_eps_is_1e_minus_6():
    x = np.array([[1e-3, -2e-3, 5e-4]])          # mean square ~1.75e-6, comparable to eps
    gain = np.ones(3)
    np.testing.assert_allclose(rms_norm(x, gain), _ref_forward(x, gain, 1e-6), rtol=RTOL, atol=ATOL,
                               err_msg="the default eps must be 1e-6 (visible for inputs of size ~1e-3)")
    dx, dg = rms_norm_backward(np.ones_like(x), x, gain)
    rdx, rdg = _ref_backward(np.ones_like(x), x, gain, 1e-6)
    np.testing.assert_allclose(dx, rdx, rtol=RTOL, atol=ATOL, err_msg="rms_norm_backward: default eps must be 1e-6")


def test_mean_is_not_subtracted():
    # rows with a large common offset: RMSNorm keeps every entry positive, LayerNorm would centre them
    x, gain, _ = _data((6, 10), 20, scale=0.5, offset=5.0)
    y = rms_norm(x, np.ones(10), eps=0.0)
    assert np.all(y > 0), "all inputs are positive (around 5): RMSNorm outputs must stay positive (no mean subtraction)"
    np.testing.assert_allclose(np.mean(y ** 2, axis=-1), 1.0, rtol=1e-9,
                               err_msg="with gain = 1 and eps = 0 every row of y must have mean square 1")
    np.testing.assert_allclose(rms_norm(x, gain, eps=1e-6), _ref_forward(x, gain, 1e-6), rtol=RTOL, atol=ATOL,
                               err_msg="rows around 5 with spread 0.5: y = gain * x / sqrt(mean(x**2) + eps)")


def test_eps_inside_the_square_root():
    x, gain, _ = _data((9, 6), 30, scale=0.3)
    for eps in (0.25, 1e-2):        # eps comparable to mean(x**2): sqrt(ms) + eps differs clearly
        np.testing.assert_allclose(rms_norm(x, gain, eps=eps), _ref_forward(x, gain, eps), rtol=RTOL, atol=ATOL,
                                   err_msg=f"eps={eps}: eps must be added inside the square root")


def test_normalises_over_the_last_axis():
    for shape in ((6, 6), (4, 4, 4)):     # square shapes: the wrong axis keeps the shape
        x, _, _ = _data(shape, 40 + len(shape))
        y = rms_norm(x, np.ones(shape[-1]), eps=0.0)
        np.testing.assert_allclose(np.sqrt(np.mean(y ** 2, axis=-1)), 1.0, rtol=1e-9,
                                   err_msg=f"shape {shape}: every vector along the LAST axis must have RMS 1 "
                                           "(gain = 1, eps = 0)")


def test_invariant_to_positive_scaling_and_odd_in_sign():
    x, gain, _ = _data((5, 7), 50)
    base = rms_norm(x, gain, eps=0.0)
    for c in (1e-3, 3.0, 250.0):
        np.testing.assert_allclose(rms_norm(c * x, gain, eps=0.0), base, rtol=1e-9, atol=1e-12,
                                   err_msg=f"eps = 0: scaling x by {c} must not change y")
    np.testing.assert_allclose(rms_norm(-x, gain, eps=0.0), -base, rtol=1e-9, atol=1e-12,
                               err_msg="rms_norm(-x) must equal -rms_norm(x)")


def test_zero_vector_with_positive_eps():
    x = np.array([[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]])
    gain = np.array([1.0, -2.0, 0.5])
    dout = np.array([[1.0, -1.0, 2.0], [0.5, 0.0, 1.0]])
    with np.errstate(all="raise"):
        y = rms_norm(x, gain, eps=1e-6)
        dx, dgain = rms_norm_backward(dout, x, gain, eps=1e-6)
    np.testing.assert_allclose(y[0], 0.0, atol=0, err_msg="a zero vector must give zeros")
    rdx, rdg = _ref_backward(dout, x, gain, 1e-6)
    np.testing.assert_allclose(dx, rdx, rtol=RTOL, atol=ATOL, err_msg="dx with a zero row: gain * dout / sqrt(eps) there")
    np.testing.assert_allclose(dgain, rdg, rtol=RTOL, atol=ATOL, err_msg="dgain with a zero row")


# ---------- gradients ----------------------------------------------------------------------------

def test_dx_matches_finite_differences():
    cases = [((4, 5), 1e-6), ((3, 8), 0.1), ((5, 5), 1e-3), ((1, 7), 1e-6), ((6, 2), 0.5), ((3, 1), 1e-6), ((9,), 1e-6)]
    for k, (shape, eps) in enumerate(cases):
        x, gain, dout = _data(shape, 100 + k)
        dx, _ = rms_norm_backward(dout, x, gain, eps=eps)
        dx_num = _num_grad(lambda a: _ref_forward(a, gain, eps), x.copy(), dout)
        err = _rel_err(dx, dx_num)
        assert err < FD_TOL, (f"dx disagrees with finite differences for shape {shape}, eps={eps}: relative error "
                              f"{err:.2e} (did you include the path through rms, and eps inside the sqrt?)")


def test_dgain_matches_finite_differences():
    cases = [((6, 4), 1e-6), ((4, 4), 0.05), ((2, 9), 1e-6), ((10, 3), 0.3), ((5,), 1e-6)]
    for k, (shape, eps) in enumerate(cases):
        x, gain, dout = _data(shape, 200 + k)
        _, dgain = rms_norm_backward(dout, x, gain, eps=eps)
        dg_num = _num_grad(lambda g: _ref_forward(x, g, eps), gain.copy(), dout)
        err = _rel_err(dgain, dg_num)
        assert err < FD_TOL, (f"dgain disagrees with finite differences for shape {shape}: relative error {err:.2e} "
                              "(dgain = sum over rows of dout * x_hat)")


def test_three_dimensional_input_sums_dgain_over_batch_and_time():
    shape, eps = (2, 3, 5), 1e-4
    x, gain, dout = _data(shape, 300)
    np.testing.assert_allclose(rms_norm(x, gain, eps=eps), _ref_forward(x, gain, eps), rtol=RTOL, atol=ATOL,
                               err_msg="3-D input: normalise every x[b, t, :] over the last axis")
    dx, dgain = rms_norm_backward(dout, x, gain, eps=eps)
    for name, g, g_num in (
            ("dx", dx, _num_grad(lambda a: _ref_forward(a, gain, eps), x.copy(), dout)),
            ("dgain", dgain, _num_grad(lambda g: _ref_forward(x, g, eps), gain.copy(), dout))):
        err = _rel_err(g, g_num)
        assert err < FD_TOL, (f"3-D input (B, T, D) = {shape}: {name} disagrees with finite differences, relative "
                              f"error {err:.2e} (dgain sums over both leading axes)")


def test_dx_orthogonal_to_x_when_eps_is_zero():
    x, gain, dout = _data((40, 12), 400)
    dx, _ = rms_norm_backward(dout, x, gain, eps=0.0)
    dots = np.abs(np.sum(dx * x, axis=-1))
    scale = np.linalg.norm(dx, axis=-1) * np.linalg.norm(x, axis=-1) + 1e-300
    worst = int(np.argmax(dots / scale))
    assert np.all(dots <= 1e-9 * scale), (
        f"eps = 0: y is unchanged by scaling a row of x, so each row of dx must be orthogonal to its row of x; "
        f"row {worst} has dx . x = {np.sum(dx[worst] * x[worst]):.3e} (missing the gradient through rms?)")


def test_backward_matches_reference_on_larger_batch():
    x, gain, dout = _data((64, 48), 500)
    dx, dgain = rms_norm_backward(dout, x, gain, eps=1e-6)
    rdx, rdg = _ref_backward(dout, x, gain, 1e-6)
    np.testing.assert_allclose(dx, rdx, rtol=RTOL, atol=ATOL, err_msg="dx wrong on a (64, 48) batch")
    np.testing.assert_allclose(dgain, rdg, rtol=RTOL, atol=ATOL, err_msg="dgain wrong on a (64, 48) batch")


def test_inputs_not_modified():
    x, gain, dout = _data((8, 6), 700)
    saved = {"x": x.copy(), "gain": gain.copy(), "dout": dout.copy()}
    rms_norm(x, gain, eps=1e-3)
    rms_norm_backward(dout, x, gain, eps=1e-3)
    for name, a in (("x", x), ("gain", gain), ("dout", dout)):
        np.testing.assert_array_equal(a, saved[name], err_msg=f"{name} was modified in place")
