import numpy as np
from solution import fit_linear_regression as _user_fit_linear_regression
from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array, as_tuple as _as_tuple


def fit_linear_regression(X, y):
    """Your fit_linear_regression, with its result checked to be a tuple (weights, bias) of a float
    array of shape (d,) and a number before a test uses it."""
    w, b = _as_tuple(_user_fit_linear_regression(X, y), 2, ("weights", "bias"), "fit_linear_regression result")
    return _as_array(w, (np.shape(X)[1],), "weights"), _as_scalar(b, "bias")


TOL = dict(rtol=1e-6, atol=1e-8)


def _fit(X, y):
    w, b = fit_linear_regression(X, y)
    w = np.asarray(w, dtype=float)
    assert np.ndim(b) == 0, f"bias must be a scalar, got shape {np.shape(b)}"
    return w, float(b)


def _min_norm_ref(X, y):
    # minimum ||w|| among all least-squares solutions, bias unpenalised
    X = np.asarray(X, float); y = np.asarray(y, float)
    xm, ym = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X - xm, full_matrices=False)
    keep = s > s.max() * 1e-10 if s.size and s.max() > 0 else np.zeros_like(s, dtype=bool)
    w = Vt[keep].T @ ((U[:, keep].T @ (y - ym)) / s[keep])
    return w, ym - xm @ w


def test_full_rank_matches_lstsq_with_intercept_column():
    rng = np.random.default_rng(123)
    X = rng.normal(size=(80, 5)) * [1, 10, 0.1, 3, 1] + [5, -2, 0, 100, 1]
    y = X @ rng.normal(size=5) + 4.0 + rng.normal(size=80)
    A = np.hstack([X, np.ones((80, 1))])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    w, b = _fit(X, y)
    assert w.shape == (5,), f"weights shape {w.shape}, expected (5,)"
    np.testing.assert_allclose(w, coef[:5], **TOL, err_msg="weights differ from least squares with an intercept")
    np.testing.assert_allclose(b, coef[5], **TOL, err_msg="bias differs from least squares with an intercept")


def test_noise_free_recovers_true_parameters():
    rng = np.random.default_rng(7)
    X = rng.uniform(0, 10, size=(30, 3))
    true_w, true_b = np.array([1.5, -2.0, 0.25]), 50.0
    w, b = _fit(X, X @ true_w + true_b)
    np.testing.assert_allclose(w, true_w, **TOL, err_msg="exact linear data: wrong weights")
    np.testing.assert_allclose(b, true_b, **TOL, err_msg="exact linear data: wrong bias (is the intercept fitted?)")


def test_constant_target_gives_zero_weights():
    rng = np.random.default_rng(8)
    X = rng.uniform(1, 5, size=(25, 4))
    w, b = _fit(X, np.full(25, 7.0))
    np.testing.assert_allclose(w, np.zeros(4), atol=1e-8, err_msg="constant y: weights must be 0 (the intercept takes it)")
    np.testing.assert_allclose(b, 7.0, **TOL, err_msg="constant y: bias must equal y")


def test_one_dimensional_outputs_from_lists():
    X = [[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 3.0], [0.0, 1.0]]
    y = [3.0, 4.0, 9.0, 8.0, 1.5]
    w, b = _fit(X, y)
    assert w.shape == (2,), f"weights shape {w.shape}, expected (2,) (1-D, not a column)"
    A = np.hstack([np.array(X), np.ones((5, 1))])
    coef = np.linalg.lstsq(A, np.array(y), rcond=None)[0]
    np.testing.assert_allclose(w, coef[:2], **TOL)
    np.testing.assert_allclose(b, coef[2], **TOL)


def test_duplicate_columns_share_weight():
    rng = np.random.default_rng(9)
    x1, x2 = rng.normal(size=40), rng.normal(size=40)
    X = np.column_stack([x1, x2, x1])
    y = 3.0 * x1 - 1.0 * x2 + 2.0 + 0.1 * rng.normal(size=40)
    w, b = _fit(X, y)
    w_ref, b_ref = _min_norm_ref(X, y)
    np.testing.assert_allclose(w, w_ref, **TOL, err_msg="duplicate columns: expected the minimum-norm weights (equal split)")
    np.testing.assert_allclose(w[0], w[2], **TOL, err_msg="identical columns must get identical weights")
    np.testing.assert_allclose(b, b_ref, **TOL)


def test_dummy_trap_bias_not_in_norm():
    rng = np.random.default_rng(10)
    cats = rng.integers(0, 3, size=45)
    cats[:3] = [0, 1, 2]
    onehot = np.eye(3)[cats]                          # columns sum to 1 for every row
    X = np.column_stack([onehot, rng.normal(size=45)])
    y = np.array([1.0, 4.0, -2.0])[cats] + 0.5 * X[:, 3] + 10.0 + 0.1 * rng.normal(size=45)
    w, b = _fit(X, y)
    w_ref, b_ref = _min_norm_ref(X, y)
    np.testing.assert_allclose(w, w_ref, **TOL,
                               err_msg="one-hot of all categories: weights must be the smallest-norm ones with an unpenalised bias")
    np.testing.assert_allclose(b, b_ref, **TOL, err_msg="one-hot of all categories: wrong bias")


def test_more_features_than_samples_min_norm():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(6, 10))
    y = rng.normal(size=6)
    w, b = _fit(X, y)
    assert w.shape == (10,), f"weights shape {w.shape}, expected (10,)"
    np.testing.assert_allclose(X @ w + b, y, rtol=1e-6, atol=1e-8, err_msg="d > n: the fit should interpolate y")
    w_ref, b_ref = _min_norm_ref(X, y)
    np.testing.assert_allclose(w, w_ref, **TOL, err_msg="d > n: expected the minimum-norm weights")
    np.testing.assert_allclose(b, b_ref, **TOL)


def test_inputs_not_modified():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(20, 3)) + 5.0
    y = rng.normal(size=20) + 3.0
    X0, y0 = X.copy(), y.copy()
    _fit(X, y)
    np.testing.assert_array_equal(X, X0, err_msg="X was modified (centre into a new array)")
    np.testing.assert_array_equal(y, y0, err_msg="y was modified")
