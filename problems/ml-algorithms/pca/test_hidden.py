import numpy as np
from solution import pca as _user_pca
from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple


def pca(X, n_components):
    """Your pca, with its result checked to be a tuple (components, explained_variance_ratio) of
    float arrays of shapes (n_components, d) and (n_components,) before a test uses it."""
    got = _user_pca(X, n_components)
    comps, ratio = _as_tuple(got, 2, ("components", "explained_variance_ratio"), "pca result")
    _as_array(comps, (n_components, np.shape(X)[1]), "components")
    _as_array(ratio, (n_components,), "explained_variance_ratio")
    return comps, ratio


RTOL = dict(rtol=1e-6, atol=1e-10)


def _ref(X, k):
    X = np.asarray(X, float)
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    return vecs[:, :k].T, vals[:k] / vals.sum()


def _data(seed=123, n=300, sds=(5.0, 3.0, 2.0, 1.0, 0.5, 0.2), offset=0.0):
    rng = np.random.default_rng(seed)
    d = len(sds)
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return rng.normal(size=(n, d)) * np.array(sds) @ Q + offset


def _run(X, k):
    C, r = pca(X, k)
    return np.asarray(C, dtype=float), np.asarray(r, dtype=float)


def _assert_same_directions(C, expected, what):
    assert C.shape == expected.shape, f"{what}: components shape {C.shape}, expected {expected.shape}"
    for i in range(len(expected)):
        cos = abs(float(C[i] @ expected[i]) / (np.linalg.norm(C[i]) * np.linalg.norm(expected[i])))
        assert abs(cos - 1.0) < 1e-6, (
            f"{what}: component {i} is off the expected direction by {np.degrees(np.arccos(min(cos, 1.0))):.3g} degrees "
            f"(|cos| = {cos:.8f}, needs to be within 1e-6 of 1; signs are ignored)"
        )


def test_components_match_reference_up_to_sign():
    X = _data()
    C, _ = _run(X, 3)
    expected, _ = _ref(X, 3)
    _assert_same_directions(C, expected, "rotated gaussian data")


def test_components_are_unit_rows_and_orthogonal():
    X = _data(seed=4)
    C, _ = _run(X, 4)
    assert C.shape == (4, 6), f"components shape {C.shape}, expected (4, 6): one component per row"
    np.testing.assert_allclose(np.linalg.norm(C, axis=1), np.ones(4), rtol=0, atol=1e-8, err_msg="rows must have unit norm")
    np.testing.assert_allclose(C @ C.T, np.eye(4), rtol=0, atol=1e-8, err_msg="rows must be orthogonal")


def test_explained_variance_ratio_matches_reference():
    X = _data(seed=5)
    _, r = _run(X, 3)
    _, r_ref = _ref(X, 3)
    assert r.shape == (3,), f"ratio shape {r.shape}, expected (3,)"
    np.testing.assert_allclose(r, r_ref, **RTOL, err_msg="explained variance ratio differs")


def test_ratio_relative_to_total_variance():
    X = _data(seed=6)
    _, r2 = _run(X, 2)
    total = X.var(axis=0).sum()
    proj_var = ((X - X.mean(axis=0)) @ _ref(X, 2)[0].T).var(axis=0)
    np.testing.assert_allclose(r2, proj_var / total, **RTOL, err_msg="ratio must divide by the total variance of all features")
    assert r2.sum() < 0.999, "with 2 of 6 components the ratios must not sum to 1 (divide by the total, not by the kept variance)"
    _, r_all = _run(X, 6)
    np.testing.assert_allclose(r_all.sum(), 1.0, rtol=1e-9, err_msg="keeping all components, ratios must sum to 1")


def test_descending_order():
    X = _data(seed=7, sds=(0.3, 4.0, 1.0, 2.5, 0.1))     # variances not given in sorted order
    C, r = _run(X, 5)
    assert np.all(np.diff(r) <= 1e-12), f"ratios must be non-increasing, got {np.round(r, 4).tolist()}"
    var = ((X - X.mean(axis=0)) @ C.T).var(axis=0)
    assert np.all(np.diff(var) <= 1e-9), "components must be ordered by descending projected variance"
    _assert_same_directions(C, _ref(X, 5)[0], "unsorted variances")


def test_centres_the_data():
    X = _data(seed=8)
    shifted = X + np.array([100.0, -50.0, 30.0, 80.0, 0.0, 200.0])
    C_shift, r_shift = _run(shifted, 3)
    expected, r_ref = _ref(X, 3)
    _assert_same_directions(C_shift, expected, "data with a large mean")
    np.testing.assert_allclose(r_shift, r_ref, **RTOL, err_msg="data with a large mean: ratio changed (centre X first)")


def test_no_feature_scaling():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(400, 3)) * np.array([10.0, 1.0, 0.1])
    X[:, 1] += 0.3 * X[:, 2]
    C, r = _run(X, 2)
    expected, r_ref = _ref(X, 2)
    _assert_same_directions(C, expected, "features of different scales")
    np.testing.assert_allclose(r, r_ref, **RTOL, err_msg="ratios changed: do not standardise the features")


def test_more_features_than_samples():
    X = _data(seed=10, n=8, sds=tuple(np.linspace(6.0, 0.5, 30)))
    C, r = _run(X, 3)
    expected, r_ref = _ref(X, 3)
    _assert_same_directions(C, expected, "n < d")
    np.testing.assert_allclose(r, r_ref, **RTOL, err_msg="n < d: wrong ratio")


def test_input_not_modified():
    X = _data(seed=11, offset=5.0)
    X0 = X.copy()
    _run(X, 2)
    np.testing.assert_array_equal(X, X0, err_msg="X was modified (centre into a new array)")
