import numpy as np

from mlprep_harness.frameworks import user_function
from solution import batchnorm_forward as _raw_batchnorm_forward
_user_batchnorm_forward = user_function(_raw_batchnorm_forward)  # NumPy in and out, for a NumPy or a PyTorch solution

RTOL, ATOL = 1e-6, 1e-9


def batchnorm_forward(x, *args, **kwargs):
    """Your batchnorm_forward (arguments passed on as given), with its result checked to be a tuple
    (out, new_running_mean, new_running_var) of float arrays of shapes (N, D), (D,), (D,)."""
    n, d = np.shape(x)
    out, rm, rv = _as_tuple(_user_batchnorm_forward(x, *args, **kwargs), 3,
                            ("out", "new_running_mean", "new_running_var"), "batchnorm_forward result")
    return (_as_array(out, (n, d), "out"), _as_array(rm, (d,), "new_running_mean"),
            _as_array(rv, (d,), "new_running_var"))


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


def _data(n, d, seed):
    rng = np.random.default_rng(seed)
    scales = rng.uniform(0.5, 20.0, size=d)
    shifts = rng.uniform(-50, 50, size=d)
    x = rng.normal(size=(n, d)) * scales + shifts
    gamma = rng.uniform(0.5, 2.0, size=d)
    beta = rng.normal(size=d)
    return x, gamma, beta


def _ref_train(x, gamma, beta, eps, rm, rv, momentum):
    n = x.shape[0]
    mu = x.sum(axis=0) / n
    var = ((x - mu) ** 2).sum(axis=0) / n
    out = gamma * (x - mu) / np.sqrt(var + eps) + beta
    return out, momentum * rm + (1 - momentum) * mu, momentum * rv + (1 - momentum) * var


def _call(*args, **kw):
    out, rm, rv = batchnorm_forward(*args, **kw)
    return np.asarray(out), np.asarray(rm), np.asarray(rv)


def test_training_output_matches_formula():
    x, g, b = _data(32, 6, 123)
    rm0, rv0 = np.zeros(6), np.ones(6)
    exp_out, _, _ = _ref_train(x, g, b, 1e-5, rm0, rv0, 0.9)
    out, rm, rv = _call(x, g, b)
    assert out.shape == (32, 6), f"out shape {out.shape}, expected (32, 6)"
    assert rm.shape == (6,) and rv.shape == (6,), f"running stats shapes {rm.shape}, {rv.shape}, expected (6,)"
    np.testing.assert_allclose(out, exp_out, rtol=RTOL, atol=ATOL, err_msg="training-mode output is wrong")


def test_statistics_are_per_feature_over_batch_axis():
    x, _, _ = _data(50, 4, 1)
    out, _, _ = _call(x, np.ones(4), np.zeros(4), eps=1e-12)
    assert out.shape == (50, 4), f"out shape {out.shape}, expected (50, 4)"
    np.testing.assert_allclose(out.mean(axis=0), np.zeros(4), atol=1e-7,
                               err_msg="with gamma=1, beta=0 every feature (column) must have mean 0")
    np.testing.assert_allclose(out.std(axis=0), np.ones(4), rtol=1e-6,
                               err_msg="with gamma=1, beta=0 every feature (column) must have (biased) std 1")


def test_normalisation_uses_biased_variance():
    x = np.array([[0.0, 1.0], [1.0, 5.0], [5.0, 3.0]])
    out, _, _ = _call(x, np.ones(2), np.zeros(2), eps=0.0)
    mu = x.mean(axis=0)
    var_biased = ((x - mu) ** 2).sum(axis=0) / 3
    np.testing.assert_allclose(out, (x - mu) / np.sqrt(var_biased), rtol=RTOL, atol=ATOL,
                               err_msg="normalise with the biased variance (divide by N, not N - 1)")


def test_eps_inside_sqrt_and_constant_feature():
    rng = np.random.default_rng(2)
    x = np.column_stack([rng.normal(0, 0.01, size=20), np.full(20, 3.0)])
    eps = 1e-2
    g, b = np.array([1.5, 2.0]), np.array([0.25, -0.75])
    exp_out, _, _ = _ref_train(x, g, b, eps, np.zeros(2), np.ones(2), 0.9)
    with np.errstate(divide="raise", invalid="raise"):
        out, _, _ = _call(x, g, b, eps=eps)
    assert out.shape == (20, 2), f"out shape {out.shape}, expected (20, 2)"
    np.testing.assert_allclose(out[:, 0], exp_out[:, 0], rtol=RTOL, atol=ATOL,
                               err_msg="eps must be added to the variance inside the sqrt: sqrt(var + eps)")
    np.testing.assert_allclose(out[:, 1], np.full(20, -0.75), rtol=RTOL, atol=ATOL,
                               err_msg="a constant feature must map to beta")


def test_gamma_and_beta_applied_per_feature():
    x, _, _ = _data(16, 3, 3)
    g, b = np.array([1.0, -2.0, 0.5]), np.array([10.0, 0.0, -4.0])
    base, _, _ = _call(x, np.ones(3), np.zeros(3))
    out, _, _ = _call(x, g, b)
    assert out.shape == (16, 3), f"out shape {out.shape}, expected (16, 3)"
    np.testing.assert_allclose(out, base * g + b, rtol=RTOL, atol=ATOL,
                               err_msg="out must be gamma * x_hat + beta, feature by feature")


def test_running_stats_momentum_weights_old_value():
    x, g, b = _data(8, 5, 4)
    rng = np.random.default_rng(40)
    rm0 = rng.normal(size=5)
    rv0 = rng.uniform(0.5, 3.0, size=5)
    for momentum in (0.9, 0.75):
        _, exp_rm, exp_rv = _ref_train(x, g, b, 1e-5, rm0, rv0, momentum)
        _, rm, rv = _call(x, g, b, running_mean=rm0.copy(), running_var=rv0.copy(), momentum=momentum)
        assert rm.shape == (5,) and rv.shape == (5,), f"running stats shapes {rm.shape}, {rv.shape}, expected (5,)"
        np.testing.assert_allclose(rm, exp_rm, rtol=RTOL, atol=ATOL,
                                   err_msg=f"running mean must be momentum * old + (1 - momentum) * batch mean (momentum={momentum})")
        np.testing.assert_allclose(rv, exp_rv, rtol=RTOL, atol=ATOL,
                                   err_msg=f"running var must be momentum * old + (1 - momentum) * biased batch var (momentum={momentum})")


def test_running_stats_default_to_zeros_and_ones():
    x, g, b = _data(10, 4, 5)
    _, exp_rm, exp_rv = _ref_train(x, g, b, 1e-5, np.zeros(4), np.ones(4), 0.8)
    _, rm, rv = _call(x, g, b, momentum=0.8)
    np.testing.assert_allclose(rm, exp_rm, rtol=RTOL, atol=ATOL, err_msg="running_mean=None must start from zeros")
    np.testing.assert_allclose(rv, exp_rv, rtol=RTOL, atol=ATOL, err_msg="running_var=None must start from ones")


def test_inference_uses_running_stats():
    x, g, b = _data(12, 3, 6)
    rm0 = np.array([1.0, -20.0, 5.0])
    rv0 = np.array([4.0, 100.0, 0.25])
    eps = 1e-3
    out, rm, rv = _call(x, g, b, eps=eps, running_mean=rm0.copy(), running_var=rv0.copy(), training=False)
    assert out.shape == (12, 3), f"out shape {out.shape}, expected (12, 3)"
    np.testing.assert_allclose(out, g * (x - rm0) / np.sqrt(rv0 + eps) + b, rtol=RTOL, atol=ATOL,
                               err_msg="inference must normalise with the running statistics, not the batch")
    np.testing.assert_allclose(rm, rm0, rtol=RTOL, atol=ATOL, err_msg="inference must not change running_mean")
    np.testing.assert_allclose(rv, rv0, rtol=RTOL, atol=ATOL, err_msg="inference must not change running_var")
    # a single-sample batch works in inference mode too
    out1, _, _ = _call(x[:1], g, b, eps=eps, running_mean=rm0.copy(), running_var=rv0.copy(), training=False)
    np.testing.assert_allclose(out1, out[:1], rtol=RTOL, atol=ATOL, err_msg="inference on a batch of one is wrong")


def test_does_not_modify_inputs():
    x, g, b = _data(9, 3, 7)
    rm0, rv0 = np.array([0.5, -1.0, 2.0]), np.array([1.5, 2.0, 0.5])
    saved = [a.copy() for a in (x, g, b, rm0, rv0)]
    for training in (True, False):
        batchnorm_forward(x, g, b, running_mean=rm0, running_var=rv0, momentum=0.9, training=training)
        for name, a, s in zip(("x", "gamma", "beta", "running_mean", "running_var"), (x, g, b, rm0, rv0), saved):
            np.testing.assert_array_equal(a, s, err_msg=f"batchnorm_forward modified {name} in place (training={training})")
