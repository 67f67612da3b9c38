"""Part 3 (keep enough components for a variance fraction): hidden tests. Parts 1 and 2 keep running."""
import numpy as np

import solution
from mlprep_harness.checks import as_array as _as_array, describe as _describe
from mlprep_harness.frameworks import user_function

TOL = dict(rtol=1e-6, atol=1e-8)


def _fit(X, n_components):
    cls = getattr(solution, "PCA", None)
    assert callable(cls), "define class PCA(n_components) in solution.py (parts 2 and 3)"
    model = user_function(cls)(n_components)
    model.fit(X)
    k = model.n_components_
    ok = isinstance(k, (int, np.integer)) and not isinstance(k, (bool, np.bool_))
    assert ok, f"n_components_ must be an int, got {_describe(k)}"
    k = int(k)
    d = np.shape(X)[1]
    _as_array(model.components_, (k, d), f"components_ (n_components_ = {k})")
    _as_array(model.explained_variance_ratio_, (k,), f"explained_variance_ratio_ (n_components_ = {k})")
    return model, k


def _exact_spectrum(seed, lam, n=60, offset=3.0):
    """Data whose centred scatter matrix has exactly the eigenvalues lam (up to rounding)."""
    rng = np.random.default_rng(seed)
    d = len(lam)
    A = rng.normal(size=(n, d))
    U, _ = np.linalg.qr(A - A.mean(axis=0))            # orthonormal, centred columns
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return U @ np.diag(np.sqrt(lam)) @ V.T + offset * rng.normal(size=d)


def _ref_k(X, t):
    Xc = X - X.mean(axis=0)
    vals = np.sort(np.linalg.eigvalsh(Xc.T @ Xc))[::-1]
    cum = np.cumsum(vals) / vals.sum()
    return int(np.flatnonzero(cum >= t - 1e-12)[0]) + 1


def test_smallest_k_reaching_the_fraction():
    X = _exact_spectrum(1, [5.0, 3.0, 1.5, 0.5])        # ratios 0.5, 0.3, 0.15, 0.05
    for t, k in ((0.3, 1), (0.5, 1), (0.51, 2), (0.8, 2), (0.81, 3), (0.95, 3), (0.96, 4), (0.999, 4)):
        _, got = _fit(X, t)
        assert got == k, (f"n_components={t} with cumulative ratios 0.5, 0.8, 0.95, 1.0: expected {k} components, got {got} "
                          f"(the smallest k whose cumulative ratio reaches {t}; exactly reaching it counts)")
    # the stated slack: falling short by at most 1e-12 still counts as reaching the fraction
    for t, k in ((0.8 + 5e-13, 2), (0.95 + 5e-13, 3), (0.8 + 1e-9, 3)):
        _, got = _fit(X, t)
        assert got == k, (f"n_components={t!r} with cumulative ratios 0.5, 0.8, 0.95, 1.0 (up to rounding): expected {k} "
                          f"components, got {got} (a cumulative ratio short by at most 1e-12 counts as reaching it)")


def test_matches_reference_on_random_data():
    rng = np.random.default_rng(2)
    for trial in range(6):
        d = int(rng.integers(3, 9))
        sds = np.sort(rng.uniform(0.2, 5.0, size=d))[::-1]
        Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
        X = rng.normal(size=(150, d)) * sds @ Q
        for t in (0.2, 0.6, 0.9, 0.99):
            model, k = _fit(X, t)
            assert k == _ref_k(X, t), f"trial {trial}, n_components={t}: expected {_ref_k(X, t)} components, got {k}"
            ref = user_function(solution.PCA)(k).fit(X)
            np.testing.assert_allclose(model.components_, ref.components_, **TOL,
                                       err_msg=f"n_components={t} must give the same model as PCA({k})")
            np.testing.assert_allclose(np.sum(model.explained_variance_ratio_), np.sum(ref.explained_variance_ratio_), **TOL)


def test_ints_and_none():
    X = _exact_spectrum(3, [4.0, 2.0, 1.0, 0.5, 0.25])
    for k in (1, 3, 5):
        model, got = _fit(X, k)
        assert got == k, f"an int n_components={k} keeps {k} components, got {got}"
    model, got = _fit(X, np.int64(2))
    assert got == 2, f"a numpy integer 2 keeps 2 components, got {got}"
    model, got = _fit(X, None)
    assert got == 5, f"n_components=None keeps min(n, d) = 5 components, got {got}"
    np.testing.assert_allclose(np.sum(model.explained_variance_ratio_), 1.0, rtol=1e-9,
                               err_msg="with every component kept the ratios sum to 1")


def test_transform_uses_the_chosen_number():
    X = _exact_spectrum(4, [5.0, 3.0, 1.5, 0.5])
    model, k = _fit(X, 0.9)
    assert k == 3, f"0.9 of the variance needs 3 components, got {k}"
    Z = _as_array(model.transform(X[:7]), (7, 3), "transform result")
    back = _as_array(model.inverse_transform(Z), (7, 4), "inverse_transform result")
    resid = float(np.sum((X - model.inverse_transform(model.transform(X))) ** 2))
    np.testing.assert_allclose(resid, 0.5, rtol=1e-6, err_msg="the discarded eigenvalue (0.5) is the reconstruction error")
    assert back.shape == (7, 4)


def test_invalid_n_components_raise_value_error():
    X = _exact_spectrum(5, [3.0, 2.0, 1.0])
    cls = getattr(solution, "PCA", None)
    assert callable(cls), "define class PCA(n_components) in solution.py"
    for bad, what in ((0.0, "0.0"), (1.0, "1.0 (a float must be < 1)"), (1.5, "1.5"), (-0.2, "-0.2"),
                      (0, "the int 0"), (4, "4 > min(n, d) = 3"), (True, "True"), ("all", "a string")):
        try:
            user_function(cls)(bad).fit(X)
        except ValueError:
            continue
        raise AssertionError(f"n_components={what} must raise ValueError in fit")
