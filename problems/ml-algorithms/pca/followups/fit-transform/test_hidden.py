"""Part 2 (fit once, transform new data, deterministic signs): hidden tests. Part 1 keeps running."""
import numpy as np

import solution
from mlprep_harness.checks import as_array as _as_array, describe as _describe
from mlprep_harness.frameworks import user_function

TOL = dict(rtol=1e-6, atol=1e-8)


def _fit(X, k):
    """Your PCA(k).fit(X), checked to return the model with attributes of the stated shapes."""
    cls = getattr(solution, "PCA", None)
    assert callable(cls), "define class PCA(n_components) with fit, transform, inverse_transform in solution.py (part 2)"
    model = user_function(cls)(k)
    got = model.fit(X)
    inner = getattr(got, "__wrapped__", got)
    assert inner is getattr(model, "__wrapped__", model), f"fit(X) must return the model itself (self), got {_describe(got)}"
    d = np.shape(X)[1]
    _as_array(model.mean_, (d,), "mean_")
    _as_array(model.components_, (k, d), "components_")
    _as_array(model.explained_variance_ratio_, (k,), "explained_variance_ratio_")
    return model


def _transform(model, X, k):
    return _as_array(model.transform(X), (np.shape(X)[0], k), "transform result")


def _inverse(model, Z, d):
    return _as_array(model.inverse_transform(Z), (np.shape(Z)[0], d), "inverse_transform result")


def _ref(X, k):
    """eigh of the scatter matrix, descending, then the stated sign rule."""
    X = np.asarray(X, float)
    mean = X.mean(axis=0)
    Xc = X - mean
    vals, vecs = np.linalg.eigh(Xc.T @ Xc)
    order = np.argsort(vals)[::-1]
    vals, C = vals[order], vecs[:, order].T[:k]
    for i in range(k):
        j = int(np.argmax(np.abs(C[i])))
        if C[i, j] < 0:
            C[i] = -C[i]
    return mean, C, vals[:k] / vals.sum()


def _data(seed, n=200, sds=(5.0, 3.0, 2.0, 1.0, 0.5), offset=10.0):
    rng = np.random.default_rng(seed)
    d = len(sds)
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return rng.normal(size=(n, d)) * np.array(sds) @ Q + offset * rng.normal(size=d)


def test_fit_matches_reference_with_fixed_signs():
    for seed, k in ((1, 3), (2, 5), (3, 1)):
        X = _data(seed)
        model = _fit(X, k)
        mean, C, ratio = _ref(X, k)
        np.testing.assert_allclose(model.mean_, mean, **TOL, err_msg="mean_ is the training mean")
        np.testing.assert_allclose(model.components_, C, **TOL,
                                   err_msg=f"components_ (k={k}), compared exactly: each row's largest-|entry| must be positive")
        np.testing.assert_allclose(model.explained_variance_ratio_, ratio, **TOL, err_msg="explained_variance_ratio_ as in part 1")


def test_sign_rule_largest_absolute_entry_positive():
    rng = np.random.default_rng(5)
    for trial in range(5):
        X = _data(10 + trial, sds=(4.0, 2.0, 1.0))
        X = X * np.sign(rng.normal(size=3))                 # flip some features: directions point anywhere
        C = np.asarray(_fit(X, 3).components_)
        for i, row in enumerate(C):
            j = int(np.argmax(np.abs(row)))
            assert row[j] > 0, f"trial {trial}: component {i} = {np.round(row, 4)}: its largest-|entry| (index {j}) must be positive"
    # a direction whose largest entry is negative in the data's own orientation
    X = np.array([[0.0, 0.0], [1.0, -3.0], [2.0, -6.0], [3.0, -9.1]])
    C = np.asarray(_fit(X, 1).components_)
    assert C[0, 1] > 0 and C[0, 0] < 0, f"the direction is about (-0.32, 0.95) after the flip, got {np.round(C[0], 4)}"


def test_same_model_whatever_the_row_order():
    X = _data(20)
    a = _fit(X, 3)
    b = _fit(X[np.random.default_rng(0).permutation(len(X))], 3)
    np.testing.assert_allclose(b.components_, a.components_, **TOL,
                               err_msg="shuffling the rows must give the same components (signs fixed by the rule)")
    np.testing.assert_allclose(b.transform(X), a.transform(X), **TOL, err_msg="and the same projections")


def test_transform_uses_the_training_mean():
    X = _data(30)
    model = _fit(X, 2)
    _, C, _ = _ref(X, 2)
    X_new = _data(31, n=15) + 50.0                           # another batch with a very different mean
    np.testing.assert_allclose(_transform(model, X_new, 2), (X_new - X.mean(axis=0)) @ C.T, **TOL,
                               err_msg="transform must subtract the TRAINING mean, not the new batch's mean")
    one = _transform(model, X_new[:1], 2)
    np.testing.assert_allclose(one, (X_new[:1] - X.mean(axis=0)) @ C.T, **TOL, err_msg="a single row (1, d)")


def test_inverse_transform_adds_the_mean_back():
    X = _data(40)
    d = X.shape[1]
    full = _fit(X, d)
    np.testing.assert_allclose(_inverse(full, _transform(full, X, d), d), X, rtol=1e-9, atol=1e-8,
                               err_msg="with every component kept, inverse_transform(transform(X)) must give X back")
    model = _fit(X, 2)
    X_hat = _inverse(model, _transform(model, X, 2), d)
    mean, _, _ = _ref(X, 2)
    np.testing.assert_allclose(X_hat.mean(axis=0), mean, **TOL, err_msg="reconstructions are centred on the training mean")


def test_reconstruction_error_equals_discarded_variance():
    X = _data(50)
    Xc = X - X.mean(axis=0)
    vals = np.sort(np.linalg.eigvalsh(Xc.T @ Xc))[::-1]
    for k in (1, 2, 4):
        model = _fit(X, k)
        err = float(np.sum((X - _inverse(model, _transform(model, X, k), X.shape[1])) ** 2))
        np.testing.assert_allclose(err, vals[k:].sum(), rtol=1e-6,
                                   err_msg=f"k={k}: the squared reconstruction error must equal the sum of the discarded eigenvalues")


def test_lists_accepted_and_inputs_untouched():
    X = _data(60, n=30)
    X_copy = X.copy()
    model = _fit(X, 2)
    Z = np.asarray(model.transform(X))
    Z_copy = Z.copy()
    model.inverse_transform(Z)
    np.testing.assert_array_equal(X, X_copy, err_msg="fit or transform modified X")
    np.testing.assert_array_equal(Z, Z_copy, err_msg="inverse_transform modified Z")
    lst = _fit(X.tolist(), 2)
    np.testing.assert_allclose(lst.components_, model.components_, **TOL, err_msg="fit on a list of lists")
    np.testing.assert_allclose(np.asarray(lst.transform(X[:3].tolist())), Z[:3], **TOL, err_msg="transform of a list of lists")


def test_errors():
    cls = getattr(solution, "PCA", None)
    assert callable(cls), "define class PCA(n_components) in solution.py (part 2)"
    X = _data(70, n=20)
    unfitted = user_function(cls)(2)
    for call, what in ((lambda: unfitted.transform(X), "transform before fit"),
                       (lambda: unfitted.inverse_transform(np.zeros((3, 2))), "inverse_transform before fit")):
        try:
            call()
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
    model = _fit(X, 2)
    for call, what in ((lambda: model.transform(X[:, :3]), "transform with 3 of 5 features"),
                       (lambda: model.inverse_transform(np.zeros((3, 4))), "inverse_transform with 4 columns for 2 components")):
        try:
            call()
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
