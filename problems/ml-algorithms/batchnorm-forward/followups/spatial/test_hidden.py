import numpy as np

from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple
from mlprep_harness.frameworks import user_function
from solution import batchnorm_forward as _raw_bn

_user_bn = user_function(_raw_bn)  # NumPy in and out, for a NumPy or a PyTorch solution

RTOL, ATOL = 1e-6, 1e-9


def batchnorm_forward(x, *args, **kwargs):
    """Your batchnorm_forward, the result checked: (out of x's shape, running mean (C,), running var (C,))."""
    shape = np.shape(x)
    out, rm, rv = _as_tuple(_user_bn(x, *args, **kwargs), 3, ("out", "new_running_mean", "new_running_var"),
                            "batchnorm_forward result")
    c = shape[1]
    return _as_array(out, shape, "out"), _as_array(rm, (c,), "new_running_mean"), _as_array(rv, (c,), "new_running_var")


def _ref(x, gamma, beta, eps, rm, rv, momentum, training):
    """Per channel c: statistics over every x[n, c, h, w] (a loop over channels)."""
    out = np.empty_like(x)
    new_rm, new_rv = rm.copy(), rv.copy()
    for c in range(x.shape[1]):
        v = x[:, c].ravel()
        if training:
            mu, var = v.mean(), ((v - v.mean()) ** 2).mean()
            new_rm[c] = momentum * rm[c] + (1 - momentum) * mu
            new_rv[c] = momentum * rv[c] + (1 - momentum) * var
        else:
            mu, var = rm[c], rv[c]
        out[:, c] = gamma[c] * (x[:, c] - mu) / np.sqrt(var + eps) + beta[c]
    return out, new_rm, new_rv


def _data(shape, seed):
    rng = np.random.default_rng(seed)
    c = shape[1]
    x = rng.normal(rng.normal(0, 3, size=(1, c, 1, 1)), rng.uniform(0.5, 4, size=(1, c, 1, 1)), size=shape)
    return x, rng.uniform(0.5, 2, size=c), rng.normal(size=c), rng.normal(size=c), rng.uniform(0.5, 2, size=c)


def _cmp(got, want, what):
    for g, w, name in zip(got, want, ("out", "new_running_mean", "new_running_var")):
        np.testing.assert_allclose(g, w, rtol=RTOL, atol=ATOL, err_msg=f"{what}: {name}")


def test_training_statistics_per_channel_over_batch_and_space():
    x, g, b, rm, rv = _data((6, 3, 5, 7), 1)
    _cmp(batchnorm_forward(x, g, b, eps=1e-5, running_mean=rm, running_var=rv, momentum=0.8),
         _ref(x, g, b, 1e-5, rm, rv, 0.8, True), "(6, 3, 5, 7) training: per channel over axes (0, 2, 3)")


def test_width_equal_to_channels_catches_wrong_axis():
    # W == C: gamma broadcast on the last axis, or statistics per (c, h, w), run silently but wrongly
    x, g, b, rm, rv = _data((4, 3, 2, 3), 2)
    _cmp(batchnorm_forward(x, g, b, eps=1e-5, running_mean=rm, running_var=rv),
         _ref(x, g, b, 1e-5, rm, rv, 0.9, True), "(4, 3, 2, 3) training (width equals channels)")
    _cmp(batchnorm_forward(x, g, b, eps=1e-5, running_mean=rm, running_var=rv, training=False),
         _ref(x, g, b, 1e-5, rm, rv, 0.9, False), "(4, 3, 2, 3) inference")


def test_each_channel_is_normalised():
    x, _, _, _, _ = _data((8, 4, 3, 3), 3)
    out, _, _ = batchnorm_forward(x, np.ones(4), np.zeros(4), eps=0.0)
    np.testing.assert_allclose(out.mean(axis=(0, 2, 3)), 0.0, atol=1e-9, err_msg="each channel must have mean 0 over (N, H, W)")
    np.testing.assert_allclose(out.var(axis=(0, 2, 3)), 1.0, rtol=1e-9, err_msg="each channel must have (biased) variance 1 over (N, H, W)")


def test_inference_uses_running_statistics():
    x, g, b, rm, rv = _data((5, 2, 4, 4), 4)
    got = batchnorm_forward(x, g, b, eps=1e-3, running_mean=rm, running_var=rv, training=False)
    _cmp(got, _ref(x, g, b, 1e-3, rm, rv, 0.9, False), "inference on (5, 2, 4, 4)")
    np.testing.assert_array_equal(got[1], rm, err_msg="inference returns the running mean unchanged")


def test_single_sample_and_defaults():
    # N = 1 still has H * W values per channel; default running stats zeros / ones
    x, g, b, _, _ = _data((1, 3, 4, 5), 5)
    _cmp(batchnorm_forward(x, g, b), _ref(x, g, b, 1e-5, np.zeros(3), np.ones(3), 0.9, True), "N = 1, default running stats")


def test_two_d_inputs_unchanged_and_inputs_untouched():
    rng = np.random.default_rng(6)
    x2 = rng.normal(size=(10, 4))
    g, b = rng.uniform(0.5, 2, 4), rng.normal(size=4)
    out, rm, rv = batchnorm_forward(x2, g, b, eps=1e-5)
    mu, var = x2.mean(axis=0), x2.var(axis=0)
    np.testing.assert_allclose(out, g * (x2 - mu) / np.sqrt(var + 1e-5) + b, rtol=RTOL, atol=ATOL, err_msg="(N, D) input: part 1")
    x, g, b, rm, rv = _data((3, 2, 3, 3), 7)
    copies = [a.copy() for a in (x, g, b, rm, rv)]
    batchnorm_forward(x, g, b, running_mean=rm, running_var=rv)
    batchnorm_forward(x, g, b, running_mean=rm, running_var=rv, training=False)
    for a, c, name in zip((x, g, b, rm, rv), copies, ("x", "gamma", "beta", "running_mean", "running_var")):
        np.testing.assert_array_equal(a, c, err_msg=f"{name} was modified")
