import math
import numpy as np
from solution import fit_logistic_regression as _user_fit_logistic_regression
from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array, as_tuple as _as_tuple


def fit_logistic_regression(X, y, *args, **kwargs):
    """Your fit_logistic_regression, with its result checked to be a tuple (weights (d,) float array, bias number)."""
    got = _user_fit_logistic_regression(X, y, *args, **kwargs)
    w, b = _as_tuple(got, 2, ("weights", "bias"), "fit_logistic_regression result")
    return _as_array(w, (np.shape(X)[1],), "weights"), _as_scalar(b, "bias")


STRICT = dict(over="raise", divide="raise", invalid="raise")


def _sigmoid_ref(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def _gd_ref(X, y, lr, epochs, l2):
    X = np.asarray(X, float); y = np.asarray(y, float)
    n, d = X.shape
    w = np.zeros(d); b = 0.0
    for _ in range(epochs):
        err = _sigmoid_ref(X @ w + b) - y
        w, b = w - lr * ((X.T @ err) / n + l2 * w), b - lr * err.mean()
    return w, b


def _data(seed=123, n=200, d=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    true_w = rng.normal(size=d) * 2
    y = (rng.uniform(size=n) < _sigmoid_ref(X @ true_w + 0.7)).astype(np.int64)
    return X, y


def test_matches_reference_with_l2():
    X, y = _data()
    for l2 in [0.01, 0.5]:
        w, b = fit_logistic_regression(X, y, lr=0.1, epochs=300, l2=l2)
        w_ref, b_ref = _gd_ref(X, y, 0.1, 300, l2)
        np.testing.assert_allclose(w, w_ref, rtol=1e-6, atol=1e-9, err_msg=(
            f"l2={l2}: weights differ from GD on mean BCE + (l2/2)*||w||^2 (gradient X.T@(p-y)/n + l2*w)"))
        np.testing.assert_allclose(b, b_ref, rtol=1e-6, atol=1e-9, err_msg=f"l2={l2}: bias differs")


def test_l2_zero_and_default_keep_part_one():
    X, y = _data(seed=4, n=80, d=3)
    w0, b0 = _gd_ref(X, y, 0.2, 100, 0.0)
    for kw in [{}, {"l2": 0.0}]:
        w, b = fit_logistic_regression(X, y, lr=0.2, epochs=100, **kw)
        np.testing.assert_allclose(w, w0, rtol=1e-6, atol=1e-9, err_msg=f"{kw or 'default l2'}: must train exactly as part 1")
        np.testing.assert_allclose(b, b0, rtol=1e-6, atol=1e-9, err_msg=f"{kw or 'default l2'}: bias must match part 1")


def test_bias_is_not_penalised():
    # all-zero features: weights stay 0, and the bias must follow the unpenalised recurrence
    X = np.zeros((50, 2))
    y = np.array([1] * 45 + [0] * 5)
    w, b = fit_logistic_regression(X, y, lr=0.5, epochs=60, l2=2.0)
    b_ref = 0.0
    for _ in range(60):
        b_ref -= 0.5 * (1.0 / (1.0 + math.exp(-b_ref)) - 0.9)
    np.testing.assert_allclose(w, [0.0, 0.0], atol=1e-12, err_msg="weights must stay 0 for all-zero X")
    np.testing.assert_allclose(b, b_ref, rtol=1e-6, atol=1e-9, err_msg="the bias must not be regularised")


def test_penalty_does_not_scale_with_n():
    # mean loss + a penalty independent of n: tripling the data changes nothing
    X, y = _data(seed=5, n=60, d=3)
    w1, b1 = fit_logistic_regression(X, y, lr=0.2, epochs=100, l2=0.3)
    w2, b2 = fit_logistic_regression(np.vstack([X, X, X]), np.concatenate([y, y, y]), lr=0.2, epochs=100, l2=0.3)
    np.testing.assert_allclose(w2, w1, rtol=1e-6, atol=1e-9, err_msg=(
        "tripling the dataset changed the weights: the penalty gradient is l2*w, not divided by n, on the MEAN loss"))
    np.testing.assert_allclose(b2, b1, rtol=1e-6, atol=1e-9, err_msg="tripling the dataset changed the bias")


def test_separable_data_converges_to_stationary_point():
    # without l2 the weights of separable data grow forever; with l2 = 0.1 GD converges to the point
    # where X.T @ (p - y) / n + l2 * w = 0 and mean(p - y) = 0
    X = np.array([[-2.0, 1.0], [-1.0, 0.5], [1.0, -0.2], [2.0, 0.3], [3.0, -1.0]])
    y = np.array([0, 0, 1, 1, 1])
    with np.errstate(**STRICT):
        w, b = fit_logistic_regression(X, y, lr=0.5, epochs=5000, l2=0.1)
    err = _sigmoid_ref(X @ w + b) - y
    gw = X.T @ err / len(y) + 0.1 * w
    assert np.abs(gw).max() < 1e-6 and abs(err.mean()) < 1e-6, (
        f"after 5000 epochs the gradient of mean BCE + (l2/2)*||w||^2 should be ~0, got {gw.tolist()}, {err.mean():.2e}")
    w_free, _ = fit_logistic_regression(X, y, lr=0.5, epochs=5000)
    assert np.linalg.norm(w) < np.linalg.norm(w_free), "l2 must shrink the weights"


def test_negative_l2_raises_and_large_features_stable():
    X = np.array([[-1000.0], [1000.0]])
    y = np.array([0, 1])
    try:
        _user_fit_logistic_regression(X, y, epochs=5, l2=-0.1)
    except ValueError:
        pass
    else:
        raise AssertionError("l2 < 0 must raise ValueError")
    with np.errstate(**STRICT):
        w, b = fit_logistic_regression(X, y, lr=0.1, epochs=20, l2=0.01)
    w_ref, b_ref = _gd_ref(X, y, 0.1, 20, 0.01)
    np.testing.assert_allclose(w, w_ref, rtol=1e-6, atol=1e-9, err_msg="weights for large-valued features with l2")
    np.testing.assert_allclose(b, b_ref, atol=1e-9, err_msg="bias for large-valued features with l2")
