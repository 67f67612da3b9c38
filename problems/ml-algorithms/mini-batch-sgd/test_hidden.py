import numpy as np

from solution import mse_gradient as _user_mse_gradient, sgd_linear_regression as _user_sgd_linear_regression
from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array, as_tuple as _as_tuple


def mse_gradient(X, y, w, b):
    """Your mse_gradient, with its result checked to be a tuple (grad_w, grad_b) of a float array
    of w's shape and a number before a test uses it."""
    gw, gb = _as_tuple(_user_mse_gradient(X, y, w, b), 2, ("grad_w", "grad_b"), "mse_gradient result")
    return _as_array(gw, np.shape(w), "grad_w"), _as_scalar(gb, "grad_b")


def sgd_linear_regression(X, y, *args, **kwargs):
    """Your sgd_linear_regression (arguments passed on as given, so the defaults are tested), with
    its result checked to be a tuple (w, b) of a float array of shape (d,) and a number."""
    got = _user_sgd_linear_regression(X, y, *args, **kwargs)
    w, b = _as_tuple(got, 2, ("w", "b"), "sgd_linear_regression result")
    return _as_array(w, (np.shape(X)[1],), "w"), _as_scalar(b, "b")


RTOL, ATOL = 1e-6, 1e-9


def _loss(X, y, w, b):
    return float(np.mean((X @ w + b - y) ** 2))


def _ref_sgd(X, y, lr, epochs, batch_size, seed):
    """Independent re-implementation of the stated procedure."""
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = perm[start:start + batch_size]
            Xb, yb = X[idx], y[idx]
            r = Xb @ w + b - yb
            w, b = w - lr * 2 * Xb.T @ r / len(idx), b - lr * 2 * r.mean()
    return w, b


def _data(n, d, seed, noise=0.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d) + rng.normal(size=d)
    w_true = rng.normal(size=d) * 2
    b_true = float(rng.normal())
    y = X @ w_true + b_true + noise * rng.normal(size=n)
    return X, y


def _lstsq(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    return coef[:-1], coef[-1]


def _fit(X, y, **kw):
    w, b = sgd_linear_regression(X, y, **kw)
    w = np.asarray(w, dtype=float)
    assert w.shape == (X.shape[1],), f"w shape {w.shape}, expected ({X.shape[1]},)"
    return w, float(b)


def test_mse_gradient_matches_finite_differences():
    X, y = _data(15, 4, 123, noise=0.5)
    rng = np.random.default_rng(1)
    w, b = rng.normal(size=4), 0.3
    gw, gb = mse_gradient(X.copy(), y.copy(), w.copy(), b)
    gw = np.asarray(gw, dtype=float)
    assert gw.shape == (4,), f"grad_w shape {gw.shape}, expected (4,)"
    h = 1e-6
    num_w = np.array([(_loss(X, y, w + h * e, b) - _loss(X, y, w - h * e, b)) / (2 * h) for e in np.eye(4)])
    num_b = (_loss(X, y, w, b + h) - _loss(X, y, w, b - h)) / (2 * h)
    np.testing.assert_allclose(gw, num_w, rtol=1e-5, atol=1e-6,
                               err_msg="grad_w differs from a finite-difference gradient of mean((Xw + b - y)^2)")
    np.testing.assert_allclose(float(gb), num_b, rtol=1e-5, atol=1e-6,
                               err_msg="grad_b differs from a finite-difference gradient of mean((Xw + b - y)^2)")


def test_mse_gradient_is_mean_with_factor_two():
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0], [3.0, -1.0]])
    y = np.array([1.0, 2.0, 0.0, -1.0])
    w, b = np.array([0.5, -1.0]), 0.25
    r = X @ w + b - y
    gw, gb = mse_gradient(X, y, w, b)
    np.testing.assert_allclose(np.asarray(gw, dtype=float), 2 * X.T @ r / 4, rtol=RTOL, atol=ATOL,
                               err_msg="grad_w must be (2/m) X^T r (mean over rows, factor 2)")
    np.testing.assert_allclose(float(gb), 2 * r.sum() / 4, rtol=RTOL, atol=ATOL,
                               err_msg="grad_b must be (2/m) sum(r)")


def test_full_batch_equals_gradient_descent():
    X, y = _data(30, 3, 2, noise=0.3)
    lr, epochs = 0.02, 25
    w, b = np.zeros(3), 0.0
    for _ in range(epochs):
        r = X @ w + b - y
        w, b = w - lr * 2 * X.T @ r / 30, b - lr * 2 * r.mean()
    for bs in (30, 1000):
        got_w, got_b = _fit(X, y, lr=lr, epochs=epochs, batch_size=bs, seed=5)
        np.testing.assert_allclose(got_w, w, rtol=RTOL, atol=ATOL,
                                   err_msg=f"batch_size={bs} >= n must be full-batch gradient descent (w)")
        np.testing.assert_allclose(got_b, b, rtol=RTOL, atol=ATOL,
                                   err_msg=f"batch_size={bs} >= n must be full-batch gradient descent (b)")


def test_last_partial_batch_is_used_and_averaged():
    # All rows identical: every batch has the same mean gradient whatever the shuffle, so only the
    # NUMBER of updates matters. n = 10, batch_size = 4 -> batches of 4, 4, 2 -> 3 updates per epoch.
    X = np.full((10, 1), 2.0)
    y = np.full(10, 3.0)
    lr, epochs = 0.05, 2
    w, b = 0.0, 0.0
    for _ in range(3 * epochs):
        r = 2.0 * w + b - 3.0
        w, b = w - lr * 2 * 2.0 * r, b - lr * 2 * r
    got_w, got_b = _fit(X, y, lr=lr, epochs=epochs, batch_size=4, seed=0)
    np.testing.assert_allclose(got_w, [w], rtol=RTOL, atol=ATOL,
                               err_msg="expected ceil(n / batch_size) = 3 updates per epoch, the last batch "
                                       "(2 rows) averaged over its own 2 rows")
    np.testing.assert_allclose(got_b, b, rtol=RTOL, atol=ATOL,
                               err_msg="bias wrong: is the last partial batch dropped or averaged over batch_size?")


def test_follows_stated_shuffle_and_batching():
    X, y = _data(23, 3, 3, noise=0.5)
    for seed in (7, 8):
        exp_w, exp_b = _ref_sgd(X, y, lr=0.03, epochs=3, batch_size=5, seed=seed)
        got_w, got_b = _fit(X.copy(), y.copy(), lr=0.03, epochs=3, batch_size=5, seed=seed)
        np.testing.assert_allclose(got_w, exp_w, rtol=RTOL, atol=ATOL,
                                   err_msg=f"seed={seed}: w does not follow the stated procedure "
                                           "(one rng = default_rng(seed), rng.permutation(n) every epoch)")
        np.testing.assert_allclose(got_b, exp_b, rtol=RTOL, atol=ATOL,
                                   err_msg=f"seed={seed}: b does not follow the stated procedure")


def test_converges_to_exact_solution_noise_free():
    X, y = _data(200, 3, 4, noise=0.0)
    exp_w, exp_b = _lstsq(X, y)
    got_w, got_b = _fit(X, y, lr=0.02, epochs=200, batch_size=16, seed=1)
    np.testing.assert_allclose(got_w, exp_w, atol=1e-6, err_msg="w did not converge to the least-squares solution")
    np.testing.assert_allclose(got_b, exp_b, atol=1e-6, err_msg="b did not converge to the least-squares solution")


def test_converges_near_least_squares_on_noisy_data():
    X, y = _data(200, 3, 5, noise=0.1)
    exp_w, exp_b = _lstsq(X, y)
    got_w, got_b = _fit(X, y, lr=0.01, epochs=300, batch_size=20, seed=2)
    np.testing.assert_allclose(got_w, exp_w, atol=1e-2, err_msg="w is not close to the least-squares solution")
    np.testing.assert_allclose(got_b, exp_b, atol=1e-2, err_msg="b is not close to the least-squares solution")


def test_seed_determinism():
    X, y = _data(40, 2, 6, noise=1.0)
    a = _fit(X, y, lr=0.05, epochs=1, batch_size=4, seed=11)
    b = _fit(X, y, lr=0.05, epochs=1, batch_size=4, seed=11)
    np.testing.assert_array_equal(a[0], b[0], err_msg="the same seed must give the same w")
    assert a[1] == b[1], "the same seed must give the same b"
    c = _fit(X, y, lr=0.05, epochs=1, batch_size=4, seed=12)
    assert not np.allclose(a[0], c[0], rtol=1e-9, atol=0), "different seeds should give different results (shuffle with the seed)"


def test_zero_epochs_returns_zeros_and_inputs_unchanged():
    X, y = _data(12, 4, 7, noise=0.2)
    Xs, ys = X.copy(), y.copy()
    w, b = _fit(X, y, lr=0.01, epochs=0, batch_size=5, seed=0)
    np.testing.assert_array_equal(w, np.zeros(4), err_msg="epochs=0 must return w = zeros(d)")
    assert b == 0.0, "epochs=0 must return b = 0.0"
    _fit(X, y, lr=0.01, epochs=3, batch_size=5, seed=0)
    mse_gradient(X, y, np.ones(4), 1.0)
    np.testing.assert_array_equal(X, Xs, err_msg="X was modified in place")
    np.testing.assert_array_equal(y, ys, err_msg="y was modified in place")
