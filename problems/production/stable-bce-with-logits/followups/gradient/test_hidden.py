import math

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import user_function
import solution


def _raw_grad(*args, **kwargs):
    """Your bce_with_logits_grad, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "bce_with_logits_grad", None)
    assert callable(fn), "define bce_with_logits_grad(logits, targets, pos_weight=None, reduction='mean') in solution.py (part 3)"
    return fn(*args, **kwargs)


_user_grad = user_function(_raw_grad)  # NumPy in and out, for a NumPy or a PyTorch solution


def _grad(z, y, **kw):
    """Your bce_with_logits_grad under np.errstate(all='raise'), checked: a float array of the logits' shape."""
    with np.errstate(all="raise"):
        out = _user_grad(z, y, **kw)
    return _as_array(out, np.shape(z), "bce_with_logits_grad result")


def _loss(z, y, w=1.0, reduction="mean"):
    """The loss of part 2, per element with math (safe for moderate z), reduced."""
    z, y = np.asarray(z, float), np.asarray(y, float)
    w = np.broadcast_to(np.asarray(w, float), z.shape)
    per = np.empty(z.shape)
    for i in np.ndindex(z.shape):
        zi, yi, wi = float(z[i]), float(y[i]), float(w[i])
        sp_neg = max(-zi, 0.0) + math.log1p(math.exp(-abs(zi)))
        per[i] = wi * yi * sp_neg + (1 - yi) * (zi + sp_neg)
    return per.mean() if reduction == "mean" else per.sum()


def _numeric(z, y, w=1.0, reduction="mean", h=1e-5):
    g = np.zeros_like(z)
    for i in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[i] += h
        zm[i] -= h
        g[i] = (_loss(zp, y, w, reduction) - _loss(zm, y, w, reduction)) / (2 * h)
    return g


def test_matches_finite_differences():
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, size=(4, 5))
    y = (rng.random((4, 5)) < 0.4).astype(float)
    for kw in [{}, {"reduction": "sum"}, {"pos_weight": 3.0}, {"pos_weight": np.array([1.0, 0.5, 2.0, 4.0, 0.0]), "reduction": "sum"}]:
        w = kw.get("pos_weight", 1.0)
        num = _numeric(z, y, w, kw.get("reduction", "mean"))
        np.testing.assert_allclose(_grad(z, y, **kw), num, rtol=1e-5, atol=1e-8,
                                   err_msg=f"gradient differs from central differences of the loss ({kw or 'defaults'})")


def test_unweighted_sum_gradient_is_sigmoid_minus_target():
    rng = np.random.default_rng(2)
    z = rng.normal(0, 2, size=50)
    y = rng.random(50)                                    # soft targets
    np.testing.assert_allclose(_grad(z, y, reduction="sum"), 1 / (1 + np.exp(-z)) - y, rtol=1e-9, atol=1e-12,
                               err_msg="without pos_weight, d(sum of losses)/dz = sigmoid(z) - y")
    np.testing.assert_allclose(_grad(z, y), (1 / (1 + np.exp(-z)) - y) / 50, rtol=1e-9, atol=1e-14,
                               err_msg="reduction='mean' divides the gradient by the number of elements")


def test_pos_weight_gradient():
    z = np.array([0.0, 2.0, -3.0, 1.0])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    s = 1 / (1 + np.exp(-z))
    want = np.array([4 * (s[0] - 1), 4 * (s[1] - 1), s[2], s[3]])      # w * (sigmoid - 1) for y = 1, sigmoid for y = 0
    np.testing.assert_allclose(_grad(z, y, pos_weight=4.0, reduction="sum"), want, rtol=1e-9, atol=1e-12,
                               err_msg="pos_weight=4: positives get 4 * (sigmoid(z) - 1), negatives sigmoid(z)")


def test_extreme_logits_exact_and_warning_free():
    z = np.array([1e4, -1e4, 1e4, -1e4, 800.0, -800.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 1.0])
    got = _grad(z, y, pos_weight=2.0, reduction="sum")
    np.testing.assert_allclose(got, [0.0, 0.0, 1.0, -2.0, 1.0, -2.0], rtol=1e-12, atol=1e-300,
                               err_msg="saturated logits: gradient 0 when right, 1 or -pos_weight when confidently wrong")


def test_gradient_step_lowers_the_loss():
    rng = np.random.default_rng(3)
    z = rng.normal(0, 2, size=30)
    y = (rng.random(30) < 0.5).astype(float)
    g = _grad(z, y, pos_weight=1.5)
    assert _loss(z - 0.1 * g, y, 1.5) < _loss(z, y, 1.5), "a small step against the gradient must lower the loss"


def test_inputs_untouched_and_invalid_arguments():
    rng = np.random.default_rng(4)
    z, y = rng.normal(size=(3, 2)), (rng.random((3, 2)) < 0.5).astype(float)
    z0, y0 = z.copy(), y.copy()
    _grad(z, y, pos_weight=np.array([1.0, 2.0]))
    np.testing.assert_array_equal(z, z0, err_msg="logits were modified")
    np.testing.assert_array_equal(y, y0, err_msg="targets were modified")
    for kw, what in [({"reduction": "none"}, "reduction='none' (the gradient of a vector is not defined here)"),
                     ({"pos_weight": -1.0}, "negative pos_weight")]:
        try:
            _raw_grad(z, y, **kw)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
    try:
        _raw_grad(np.zeros(3), np.zeros(4))
    except ValueError:
        return
    raise AssertionError("different shapes must raise ValueError")
