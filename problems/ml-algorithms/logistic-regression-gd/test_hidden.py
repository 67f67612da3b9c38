import math
import numpy as np
from solution import fit_logistic_regression as _user_fit_logistic_regression, predict_proba as _user_predict_proba
from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array, as_tuple as _as_tuple


def fit_logistic_regression(X, y, *args, **kwargs):
    """Your fit_logistic_regression (arguments passed on as given, so lr's and epochs' defaults
    are tested), with its result checked to be a tuple (weights, bias) of a float array of shape
    (d,) and a number before a test uses it."""
    got = _user_fit_logistic_regression(X, y, *args, **kwargs)
    w, b = _as_tuple(got, 2, ("weights", "bias"), "fit_logistic_regression result")
    return _as_array(w, (np.shape(X)[1],), "weights"), _as_scalar(b, "bias")


def predict_proba(X, weights, bias):
    """Your predict_proba, with its result checked to be a float array of one probability per row."""
    return _as_array(_user_predict_proba(X, weights, bias), (len(X),), "predict_proba result")


STRICT = dict(over="raise", divide="raise", invalid="raise")


def _sigmoid_ref(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def _gd_ref(X, y, lr, epochs):
    X = np.asarray(X, float); y = np.asarray(y, float)
    n, d = X.shape
    w = np.zeros(d); b = 0.0
    for _ in range(epochs):
        err = _sigmoid_ref(X @ w + b) - y
        w, b = w - lr * (X.T @ err) / n, b - lr * err.mean()
    return w, b


def _mean_log_loss(X, y, w, b):
    z = X @ w + b
    # log(1 + exp(-z)) for y=1 and log(1 + exp(z)) for y=0, computed stably
    return float(np.mean(np.logaddexp(0.0, -z) * y + np.logaddexp(0.0, z) * (1 - y)))


def _data(seed=123, n=200, d=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    true_w = rng.normal(size=d)
    y = (rng.uniform(size=n) < _sigmoid_ref(X @ true_w + 0.7)).astype(np.int64)
    return X, y


def test_matches_reference_gradient_descent():
    X, y = _data()
    w, b = fit_logistic_regression(X, y, lr=0.1, epochs=300)
    w = np.asarray(w, dtype=float)
    w_ref, b_ref = _gd_ref(X, y, 0.1, 300)
    assert w.shape == (4,), f"weights shape {w.shape}, expected (4,)"
    np.testing.assert_allclose(w, w_ref, rtol=1e-6, atol=1e-9, err_msg="weights differ from full-batch GD on the mean loss")
    np.testing.assert_allclose(float(b), b_ref, rtol=1e-6, atol=1e-9, err_msg="bias differs from full-batch GD on the mean loss")


def test_bias_follows_intercept_only_recurrence():
    # all-zero features: weights stay 0 and the bias follows b <- b - lr * (sigmoid(b) - mean(y))
    X = np.zeros((50, 2))
    y = np.array([1] * 40 + [0] * 10)
    w, b = fit_logistic_regression(X, y, lr=0.3, epochs=40)
    b_ref = 0.0
    for _ in range(40):
        b_ref -= 0.3 * (1.0 / (1.0 + math.exp(-b_ref)) - 0.8)
    np.testing.assert_allclose(np.asarray(w, float), [0.0, 0.0], atol=1e-12, err_msg="weights must stay 0 for all-zero X")
    np.testing.assert_allclose(float(b), b_ref, rtol=1e-6, atol=1e-9, err_msg="bias is not trained with grad_b = mean(p - y)")


def test_mean_loss_duplicated_data_same_result():
    X, y = _data(seed=5, n=60, d=3)
    w1, b1 = fit_logistic_regression(X, y, lr=0.2, epochs=100)
    w2, b2 = fit_logistic_regression(np.vstack([X, X, X]), np.concatenate([y, y, y]), lr=0.2, epochs=100)
    np.testing.assert_allclose(np.asarray(w2, float), np.asarray(w1, float), rtol=1e-6, atol=1e-9,
                               err_msg="tripling the dataset changed the weights: gradient is summed, not averaged")
    np.testing.assert_allclose(float(b2), float(b1), rtol=1e-6, atol=1e-9, err_msg="tripling the dataset changed the bias")


def test_zero_epochs_returns_zero_start():
    X, y = _data(n=20, d=3)
    w, b = fit_logistic_regression(X, y, epochs=0)
    w = np.asarray(w, float)
    assert w.shape == (3,), f"weights shape {w.shape}, expected (3,)"
    np.testing.assert_array_equal(w, np.zeros(3), err_msg="epochs=0 must return zero weights")
    assert float(b) == 0.0, f"epochs=0 must return bias 0.0, got {b}"


def test_loss_never_increases():
    X, y = _data(seed=9, n=150, d=5)
    losses = []
    for epochs in [0, 1, 2, 5, 10, 30, 100, 300]:
        w, b = fit_logistic_regression(X, y, lr=0.1, epochs=epochs)
        losses.append(_mean_log_loss(X, y, np.asarray(w, float), float(b)))
    assert abs(losses[0] - math.log(2)) < 1e-9, f"loss at epochs=0 should be log(2), got {losses[0]:.6f}"
    for i in range(1, len(losses)):
        assert losses[i] <= losses[i - 1] + 1e-12, f"mean loss increased with more epochs: {losses[i - 1]:.6f} -> {losses[i]:.6f}"
    assert losses[-1] < losses[0] - 0.05, "loss barely decreased: check the sign of the update"


def test_predict_proba_matches_sigmoid_with_bias():
    rng = np.random.default_rng(77)
    X = rng.normal(size=(30, 3))
    w = np.array([0.5, -1.5, 2.0])
    p = np.asarray(predict_proba(X, w, -0.4), dtype=float)
    assert p.shape == (30,), f"predict_proba shape {p.shape}, expected (30,)"
    np.testing.assert_allclose(p, 1.0 / (1.0 + np.exp(-(X @ w - 0.4))), rtol=1e-6, atol=1e-12,
                               err_msg="predict_proba != sigmoid(X @ w + b)")


def test_predict_proba_stable_for_extreme_logits():
    z = np.array([-1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4])
    with np.errstate(**STRICT):
        p = np.asarray(predict_proba(z[:, None], np.array([1.0]), 0.0), dtype=float)
    assert p.shape == (7,), f"predict_proba shape {p.shape}, expected (7,)"
    assert np.all(np.isfinite(p)) and np.all((p >= 0) & (p <= 1)), "probabilities must be finite and in [0, 1]"
    np.testing.assert_allclose(p, _sigmoid_ref(z), rtol=1e-6, atol=1e-12, err_msg="wrong probabilities for extreme logits")


def test_fit_stable_with_large_features():
    # after the first step the logits are +-5e4; a naive exp(-z) overflows
    X = np.array([[-1000.0], [1000.0]])
    y = np.array([0, 1])
    with np.errstate(**STRICT):
        w, b = fit_logistic_regression(X, y, lr=0.1, epochs=20)
    np.testing.assert_allclose(np.asarray(w, float), [50.0], rtol=1e-6, atol=1e-9, err_msg="weights for separable large-valued data")
    np.testing.assert_allclose(float(b), 0.0, atol=1e-9, err_msg="bias for separable large-valued data")


def test_output_types_and_inputs_untouched():
    X, y = _data(n=40, d=2)
    X_list, y_list = X.tolist(), y.tolist()
    X0, y0 = X.copy(), y.copy()
    w, b = fit_logistic_regression(X, y, epochs=10)
    assert np.ndim(b) == 0, f"bias must be a scalar, got shape {np.shape(b)}"
    assert np.asarray(w).shape == (2,), f"weights shape {np.asarray(w).shape}, expected (2,)"
    np.testing.assert_array_equal(X, X0, err_msg="X was modified")
    np.testing.assert_array_equal(y, y0, err_msg="y was modified")
    w2, b2 = fit_logistic_regression(X_list, y_list, epochs=10)
    np.testing.assert_allclose(np.asarray(w2, float), np.asarray(w, float), rtol=1e-9, err_msg="list inputs give different weights")
