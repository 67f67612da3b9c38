import numpy as np

from mlprep_harness.timing import assert_relative_speed, load_reference

from mlprep_harness.frameworks import user_function
from solution import conv2d as _raw_conv2d
_user_conv2d = user_function(_raw_conv2d)  # NumPy in and out, for a NumPy or a PyTorch solution

RTOL, ATOL = 1e-6, 1e-9


def conv2d(x, w, b, *args, **kwargs):
    """Your conv2d (arguments passed on as given), with its result checked to be a float array of
    shape (N, F, H_out, W_out) (from the stated formula and defaults) before a test uses it."""
    names = ("stride", "padding")
    opts = dict(zip(names, args), **kwargs)
    s, p = opts.get("stride", 1), opts.get("padding", 0)
    n, _, h, wd = np.shape(x)
    f, _, hh, ww = np.shape(w)
    shape = (n, f, (h + 2 * p - hh) // s + 1, (wd + 2 * p - ww) // s + 1)
    return _as_array(_user_conv2d(x, w, b, *args, **kwargs), shape, "conv2d result")


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


def _ref_loop(x, w, b, stride, padding):
    """Slow, obviously-correct reference: explicit loops, zero padding by hand."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    xp[:, :, padding:padding + H, padding:padding + W] = x
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    s = b[f]
                    for c in range(C):
                        for u in range(KH):
                            for v in range(KW):
                                s += xp[n, c, i * stride + u, j * stride + v] * w[f, c, u, v]
                    out[n, f, i, j] = s
    return out


def _rand(shape_x, shape_w, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=shape_x), rng.normal(size=shape_w), rng.normal(size=shape_w[0])


def _check(x, w, b, stride, padding, what):
    expected = _ref_loop(x, w, b, stride, padding)
    out = np.asarray(conv2d(x.copy(), w.copy(), b.copy(), stride=stride, padding=padding))
    assert out.shape == expected.shape, f"{what}: output shape {out.shape}, expected {expected.shape}"
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL, err_msg=f"{what}: values are wrong")


def test_matches_loop_reference_basic():
    x, w, b = _rand((2, 3, 6, 6), (4, 3, 3, 3), 123)
    _check(x, w, b, 1, 0, "stride 1, no padding, 3 channels, 4 filters")


def test_output_shape_formula_uses_floor():
    cases = [  # (x shape, w shape, stride, padding)
        ((1, 1, 7, 9), (1, 1, 3, 2), 2, 0),    # H_out = (7-3)//2+1 = 3, W_out = (9-2)//2+1 = 4
        ((2, 2, 8, 8), (3, 2, 3, 3), 3, 1),    # (8+2-3)//3+1 = 3
        ((1, 1, 5, 5), (2, 1, 5, 5), 1, 0),    # kernel as large as the input -> 1 x 1
        ((1, 1, 3, 4), (1, 1, 5, 6), 1, 1),    # kernel as large as the padded input
        ((1, 2, 10, 6), (2, 2, 4, 1), 4, 2),   # (10+4-4)//4+1 = 3, (6+4-1)//4+1 = 3
    ]
    for k, (sx, sw, s, p) in enumerate(cases):
        x, w, b = _rand(sx, sw, 10 + k)
        H_out = (sx[2] + 2 * p - sw[2]) // s + 1
        W_out = (sx[3] + 2 * p - sw[3]) // s + 1
        out = np.asarray(conv2d(x, w, b, stride=s, padding=p))
        exp_shape = (sx[0], sw[0], H_out, W_out)
        assert out.shape == exp_shape, (f"x {sx}, w {sw}, stride {s}, padding {p}: output shape {out.shape}, "
                                        f"expected {exp_shape}")


def test_cross_correlation_not_flipped():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1, 1, 5, 5))
    w = np.array([[[[1.0, 2.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, -3.0]]]])
    b = np.zeros(1)
    out = np.asarray(conv2d(x, w, b))
    expected = x[0, 0, 0:3, 0:3] + 2 * x[0, 0, 0:3, 1:4] - 3 * x[0, 0, 2:5, 2:5]
    assert out.shape == (1, 1, 3, 3), f"output shape {out.shape}, expected (1, 1, 3, 3)"
    np.testing.assert_allclose(out[0, 0], expected, rtol=RTOL, atol=ATOL,
                               err_msg="out[i, j] must be sum x[i+u, j+v] * w[u, v] (cross-correlation, no kernel flip)")


def test_stride_two():
    x, w, b = _rand((2, 2, 9, 9), (3, 2, 3, 3), 2)
    _check(x, w, b, 2, 0, "stride 2")


def test_zero_padding_on_every_side():
    x = np.ones((1, 1, 3, 3))
    w = np.ones((1, 1, 3, 3))
    out = np.asarray(conv2d(x, w, np.zeros(1), stride=1, padding=1))
    # number of real (non-padded) cells under each 3x3 window
    expected = np.array([[4.0, 6.0, 4.0], [6.0, 9.0, 6.0], [4.0, 6.0, 4.0]])
    assert out.shape == (1, 1, 3, 3), f"output shape {out.shape}, expected (1, 1, 3, 3)"
    np.testing.assert_allclose(out[0, 0], expected, rtol=RTOL, atol=ATOL,
                               err_msg="padding must add zeros on all four sides")
    x, w, b = _rand((2, 3, 5, 4), (2, 3, 3, 3), 3)
    _check(x, w, b, 1, 2, "padding 2")


def test_non_square_input_and_kernel_with_stride_and_padding():
    x, w, b = _rand((2, 3, 7, 10), (4, 3, 2, 4), 4)
    _check(x, w, b, 2, 1, "H != W, KH != KW, stride 2, padding 1")
    x, w, b = _rand((1, 2, 11, 6), (2, 2, 3, 1), 5)
    _check(x, w, b, 3, 2, "H != W, KH != KW, stride 3, padding 2")


def test_bias_added_per_filter():
    x, w, _ = _rand((2, 2, 5, 5), (3, 2, 3, 3), 6)
    b = np.array([10.0, -3.0, 0.25])
    base = np.asarray(conv2d(x, w, np.zeros(3)))
    out = np.asarray(conv2d(x, w, b))
    assert out.shape == (2, 3, 3, 3), f"output shape {out.shape}, expected (2, 3, 3, 3)"
    np.testing.assert_allclose(out - base, np.broadcast_to(b[None, :, None, None], out.shape), rtol=RTOL, atol=ATOL,
                               err_msg="b[f] must be added to every output value of filter f (axis 1)")


def test_1x1_kernel_mixes_channels():
    x, w, b = _rand((3, 4, 5, 6), (2, 4, 1, 1), 7)
    out = np.asarray(conv2d(x, w, b))
    expected = np.einsum("nchw,fc->nfhw", x, w[:, :, 0, 0]) + b[None, :, None, None]
    assert out.shape == (3, 2, 5, 6), f"output shape {out.shape}, expected (3, 2, 5, 6)"
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                               err_msg="a 1x1 kernel must sum the channels weighted by w[f, c]")


def test_does_not_modify_inputs():
    x, w, b = _rand((2, 2, 6, 6), (2, 2, 3, 3), 9)
    saved = [a.copy() for a in (x, w, b)]
    conv2d(x, w, b, stride=2, padding=1)
    for name, a, s in zip("xwb", (x, w, b), saved):
        np.testing.assert_array_equal(a, s, err_msg=f"conv2d modified {name} in place")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_16_images_32x32():
    x, w, b = _rand((16, 3, 32, 32), (16, 3, 3, 3), 8)
    reference = load_reference(__file__).conv2d
    out = np.asarray(assert_relative_speed(
        candidate=lambda: conv2d(x, w, b, stride=1, padding=1),
        reference=lambda: reference(x, w, b, stride=1, padding=1),
        factor=10, slack_ms=50, key="conv2d-forward/16x3x32x32",
        what="on a batch of 16 images of 3 x 32 x 32 with 16 filters of 3 x 3, must run within 10x "
             "the time of a vectorised reference plus 50 ms (a loop over the kernel offsets or "
             "output positions is fine; a loop over every output value is not)"))
    assert out.shape == (16, 16, 32, 32), f"output shape {out.shape}, expected (16, 16, 32, 32)"
    rng = np.random.default_rng(80)
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    for _ in range(200):
        n, f, i, j = rng.integers(16), rng.integers(16), rng.integers(32), rng.integers(32)
        expected = b[f] + np.sum(xp[n, :, i:i + 3, j:j + 3] * w[f])
        assert abs(out[n, f, i, j] - expected) <= ATOL + RTOL * abs(expected), (
            f"out[{n}, {f}, {i}, {j}] = {out[n, f, i, j]:.6g}, expected {expected:.6g}")
