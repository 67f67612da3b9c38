import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array, as_tuple as _as_tuple
from solution import fit_linear_regression as _user_fit


def fit_linear_regression(X, y, **kw):
    """Your fit_linear_regression, the result checked: (float (d,) weights, number bias)."""
    w, b = _as_tuple(_user_fit(X, y, **kw), 2, ("weights", "bias"), "fit_linear_regression result")
    return _as_array(w, (np.shape(X)[1],), "weights"), _as_scalar(b, "bias")


TOL = dict(rtol=1e-6, atol=1e-8)


def _ridge_ref(X, y, l2):
    """Ridge with an unpenalised intercept as an augmented least-squares problem on centred data:
    minimise ||Xc w - yc||^2 + ||sqrt(l2) w||^2."""
    X, y = np.asarray(X, float), np.asarray(y, float)
    xm, ym = X.mean(axis=0), y.mean()
    d = X.shape[1]
    A = np.vstack([X - xm, np.sqrt(l2) * np.eye(d)])
    w = np.linalg.lstsq(A, np.concatenate([y - ym, np.zeros(d)]), rcond=None)[0]
    return w, ym - xm @ w


def _data(seed, n=60, d=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 10, size=d) + rng.normal(0, 5, size=d)
    y = X @ rng.normal(size=d) + 3.0 + rng.normal(size=n)
    return X, y


def test_matches_ridge_closed_form():
    X, y = _data(1)
    for l2 in (0.1, 5.0, 300.0):
        w, b = fit_linear_regression(X, y, l2=l2)
        wr, br = _ridge_ref(X, y, l2)
        np.testing.assert_allclose(w, wr, **TOL, err_msg=f"l2={l2}: weights minimising sum of squares + l2 * ||w||^2")
        np.testing.assert_allclose(b, br, **TOL, err_msg=f"l2={l2}: bias (not penalised)")


def test_gradient_is_zero_at_the_solution():
    X, y = _data(2, n=40, d=8)
    w, b = fit_linear_regression(X, y, l2=2.5)
    r = X @ w + b - y
    np.testing.assert_allclose(X.T @ r + 2.5 * w, 0.0, atol=1e-7, err_msg="d/dw of ||Xw + b - y||^2 + l2 ||w||^2 must be 0 (up to the factor 2)")
    np.testing.assert_allclose(r.sum(), 0.0, atol=1e-7, err_msg="d/db must be 0: residuals sum to 0 (the bias is not penalised)")


def test_penalty_is_on_the_sum_not_the_mean():
    # sum of squares + l2 ||w||^2: doubling the data and l2 gives the same weights
    X, y = _data(3, n=30, d=4)
    w1, b1 = fit_linear_regression(X, y, l2=4.0)
    w2, b2 = fit_linear_regression(np.vstack([X, X]), np.concatenate([y, y]), l2=8.0)
    np.testing.assert_allclose(w2, w1, **TOL, err_msg="duplicated data with doubled l2 must give the same weights (penalty on the SUM of squares)")
    np.testing.assert_allclose(b2, b1, **TOL, err_msg="duplicated data with doubled l2: same bias")


def test_bias_is_not_shrunk():
    X, y = _data(4, n=50, d=3)
    w, b = fit_linear_regression(X, y + 1000.0, l2=10.0)
    w0, b0 = fit_linear_regression(X, y, l2=10.0)
    np.testing.assert_allclose(w, w0, **TOL, err_msg="shifting y by a constant must not change the weights")
    np.testing.assert_allclose(b, b0 + 1000.0, **TOL, err_msg="shifting y by 1000 must shift the bias by 1000")
    w, b = fit_linear_regression(X, np.full(50, 7.0), l2=1e6)
    np.testing.assert_allclose(w, 0.0, atol=1e-10, err_msg="constant target: zero weights")
    np.testing.assert_allclose(b, 7.0, **TOL, err_msg="constant target: bias = the constant, even with a huge l2")


def test_rank_deficient_and_wide_data_have_unique_answer():
    rng = np.random.default_rng(5)
    base = rng.normal(size=(20, 1))
    X = np.hstack([base, base, rng.normal(size=(20, 1))])
    y = 2 * base[:, 0] + rng.normal(size=20)
    w, b = fit_linear_regression(X, y, l2=0.5)
    wr, br = _ridge_ref(X, y, 0.5)
    np.testing.assert_allclose(w, wr, **TOL, err_msg="duplicate columns with l2 > 0")
    assert abs(w[0] - w[1]) < 1e-8, "duplicate columns must share the weight equally"
    Xw = rng.normal(size=(10, 40))
    yw = rng.normal(size=10)
    w, b = fit_linear_regression(Xw, yw, l2=3.0)
    wr, br = _ridge_ref(Xw, yw, 3.0)
    np.testing.assert_allclose(w, wr, **TOL, err_msg="40 features, 10 samples, l2 = 3")
    np.testing.assert_allclose(b, br, **TOL, err_msg="bias for wide data")


def test_shrinkage_is_monotone_and_default_is_part_one():
    X, y = _data(6)
    norms = [float(np.linalg.norm(fit_linear_regression(X, y, l2=l2)[0])) for l2 in (0.0, 1.0, 10.0, 100.0, 1e4)]
    assert all(a > b for a, b in zip(norms, norms[1:])), f"||w|| must decrease as l2 grows, got {norms}"
    w, b = fit_linear_regression(X, y)
    A = np.hstack([X, np.ones((len(X), 1))])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    np.testing.assert_allclose(w, coef[:-1], **TOL, err_msg="default l2=0: part 1's least squares")


def test_negative_l2_raises_and_inputs_untouched():
    X, y = _data(7, n=20, d=3)
    X0, y0 = X.copy(), y.copy()
    fit_linear_regression(X.tolist(), y.tolist(), l2=1.0)
    fit_linear_regression(X, y, l2=1.0)
    np.testing.assert_array_equal(X, X0, err_msg="X was modified")
    np.testing.assert_array_equal(y, y0, err_msg="y was modified")
    try:
        _user_fit(X, y, l2=-0.5)
    except ValueError:
        return
    raise AssertionError("l2 < 0 must raise ValueError")
