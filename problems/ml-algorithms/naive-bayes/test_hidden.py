import numpy as np

from solution import fit_gaussian_nb as _user_fit_gaussian_nb, predict_gaussian_nb as _user_predict_gaussian_nb
from mlprep_harness.checks import describe as _describe, as_array as _as_array


_LABEL_KINDS = "biufUSO"  # labels may be numbers or strings (statement: any sortable values)


def fit_gaussian_nb(X, y, *args, **kwargs):
    """Your fit_gaussian_nb (arguments passed on as given, so var_smoothing's default is tested),
    with its result checked to be a dict holding classes (K,), priors (K,), means (K, d) and
    vars (K, d) arrays before a test uses it."""
    got = _user_fit_gaussian_nb(X, y, *args, **kwargs)
    k, d = len(np.unique(np.asarray(y))), np.shape(X)[1]
    assert isinstance(got, dict), "fit_gaussian_nb result: expected a dict, got %s" % _describe(got)
    missing = [key for key in ("classes", "priors", "means", "vars") if key not in got]
    assert not missing, "fit_gaussian_nb result: missing key(s) %s; got keys %s" % (
        ", ".join(missing), sorted(got, key=str))
    _as_array(got["classes"], (k,), "model['classes']", _LABEL_KINDS)
    _as_array(got["priors"], (k,), "model['priors']")
    _as_array(got["means"], (k, d), "model['means']")
    _as_array(got["vars"], (k, d), "model['vars']")
    return got


def predict_gaussian_nb(model, X):
    """Your predict_gaussian_nb, with its result checked to be an array of one label per row of X."""
    return _as_array(_user_predict_gaussian_nb(model, X), (len(X),), "predictions", _LABEL_KINDS)


RTOL, ATOL = 1e-6, 1e-12


def _ref_fit(X, y, var_smoothing=1e-9):
    classes = sorted(set(y.tolist()))
    eps = var_smoothing * max(float(np.mean((X[:, j] - X[:, j].mean()) ** 2)) for j in range(X.shape[1]))
    pri, mu, var = [], [], []
    for c in classes:
        Xc = X[np.array([v == c for v in y.tolist()])]
        m = Xc.sum(axis=0) / len(Xc)
        pri.append(len(Xc) / len(X))
        mu.append(m)
        var.append(((Xc - m) ** 2).sum(axis=0) / len(Xc) + eps)
    return classes, np.array(pri), np.array(mu), np.array(var)


def _ref_jll(classes, pri, mu, var, X):
    jll = np.empty((len(X), len(classes)))
    for k in range(len(classes)):
        jll[:, k] = np.log(pri[k]) + np.sum(-0.5 * np.log(2 * np.pi * var[k]) - (X - mu[k]) ** 2 / (2 * var[k]), axis=1)
    return jll


def _check_predictions(pred, X_train, y_train, X_test, what):
    classes, pri, mu, var = _ref_fit(X_train, y_train)
    jll = _ref_jll(classes, pri, mu, var, X_test)
    pred = np.asarray(pred)
    assert pred.shape == (len(X_test),), f"{what}: prediction shape {pred.shape}, expected ({len(X_test)},)"
    srt = np.sort(jll, axis=1)
    clear = (srt[:, -1] - srt[:, -2]) > 1e-6
    expected = [classes[k] for k in np.argmax(jll, axis=1)]
    got = pred.tolist()
    wrong = [i for i in range(len(X_test)) if clear[i] and got[i] != expected[i]]
    assert not wrong, (f"{what}: {len(wrong)} of {int(clear.sum())} predictions differ from the log-space "
                       f"reference, e.g. row {wrong[0]}: got {got[wrong[0]]!r}, expected {expected[wrong[0]]!r}")


def _blobs(n_per, d, labels, seed, spread=1.0):
    rng = np.random.default_rng(seed)
    X, y = [], []
    for k, c in enumerate(labels):
        center = rng.normal(0, 2.0, size=d)
        scale = rng.uniform(0.5, 2.0, size=d) * spread
        X.append(rng.normal(center, scale, size=(n_per[k], d)))
        y += [c] * n_per[k]
    X = np.vstack(X)
    y = np.array(y)
    perm = rng.permutation(len(y))
    return X[perm], y[perm]


def test_fit_classes_sorted_and_priors_from_frequencies():
    X, y = _blobs([5, 12, 3], 2, [7, 3, 10], 123)
    model = fit_gaussian_nb(X, y)
    classes = np.asarray(model["classes"])
    assert classes.tolist() == [3, 7, 10], f"classes {classes.tolist()}, expected the sorted labels [3, 7, 10]"
    np.testing.assert_allclose(np.asarray(model["priors"], dtype=float), [12 / 20, 5 / 20, 3 / 20], rtol=RTOL,
                               err_msg="priors must be class frequencies, in the order of model['classes']")


def test_fit_means_and_biased_variances_per_class():
    X, y = _blobs([6, 4, 9], 3, [0, 1, 2], 1)
    classes, _, mu, var = _ref_fit(X, y)
    model = fit_gaussian_nb(X, y)
    means, variances = np.asarray(model["means"], dtype=float), np.asarray(model["vars"], dtype=float)
    assert means.shape == (3, 3) and variances.shape == (3, 3), \
        f"means/vars shapes {means.shape}, {variances.shape}, expected (K, d) = (3, 3)"
    np.testing.assert_allclose(means, mu, rtol=RTOL, atol=ATOL, err_msg="per-class means are wrong")
    np.testing.assert_allclose(variances, var, rtol=RTOL, atol=ATOL,
                               err_msg="per-class variances must be biased (ddof=0), plus eps")


def test_var_smoothing_scaled_by_largest_feature_variance():
    rng = np.random.default_rng(2)
    X = np.column_stack([rng.normal(0, 1, 30), rng.normal(0, 10, 30), np.full(30, 4.0)])
    y = np.array([0, 1] * 15)
    vs = 1e-2
    eps = vs * max(np.var(X[:, j]) for j in range(3))
    model = fit_gaussian_nb(X, y, var_smoothing=vs)
    variances = np.asarray(model["vars"], dtype=float)
    assert variances.shape == (2, 3), f"vars shape {variances.shape}, expected (2, 3)"
    np.testing.assert_allclose(variances[:, 2], [eps, eps], rtol=RTOL,
                               err_msg="a constant feature must get variance eps = var_smoothing * max_j Var(X[:, j])")
    for k in (0, 1):
        np.testing.assert_allclose(variances[k, :2], np.var(X[y == k][:, :2], axis=0) + eps, rtol=RTOL,
                                   err_msg=f"class {k}: vars must be the biased class variance + eps")


def test_predict_matches_log_space_reference():
    X, y = _blobs([40, 25, 35], 5, [-1, 10, 4], 3, spread=2.0)
    Xq, _ = _blobs([30, 30, 30], 5, [0, 1, 2], 4, spread=3.0)
    pred = predict_gaussian_nb(fit_gaussian_nb(X.copy(), y.copy()), Xq.copy())
    _check_predictions(pred, X, y, Xq, "3 classes labelled [-1, 10, 4]")


def test_priors_change_the_decision():
    # class 1: 18 samples from {-1, 1} + 2 = {1, 3} (mean 2, var 1); class 0: 2 samples {-1, 1} (mean 0, var 1).
    X = np.array([[-1.0], [1.0]] + [[1.0], [3.0]] * 9)
    y = np.array([0, 0] + [1, 1] * 9)
    # at x = 0.9 the likelihood prefers class 0 by 0.2 nats, the prior prefers class 1 by log(9) nats
    pred = np.asarray(predict_gaussian_nb(fit_gaussian_nb(X, y), np.array([[0.9]])))
    assert pred.shape == (1,), f"prediction shape {pred.shape}, expected (1,)"
    assert pred.tolist() == [1], f"predicted {pred.tolist()}, expected [1]: the class prior (18 vs 2 samples) must enter the decision"


def test_variance_term_in_likelihood():
    # same mean 0: class 5 is narrow (var 0.01), class 9 is wide (var 100)
    X = np.array([[-0.1], [0.1], [-10.0], [10.0]])
    y = np.array([5, 5, 9, 9])
    pred = np.asarray(predict_gaussian_nb(fit_gaussian_nb(X, y), np.array([[0.05], [5.0], [-0.2]])))
    assert pred.shape == (3,), f"prediction shape {pred.shape}, expected (3,)"
    assert pred.tolist() == [5, 9, 5], (f"predicted {pred.tolist()}, expected [5, 9, 5]: "
                                        "the -0.5 * log(2 * pi * var) normalisation term must be included")


def test_many_features_no_underflow():
    rng = np.random.default_rng(5)
    d = 2000
    X0 = rng.normal(0.0, 3.0, size=(60, d))
    X1 = rng.normal(1.0, 3.0, size=(60, d))
    X = np.vstack([X0, X1])
    y = np.array([3] * 60 + [7] * 60)
    Xq = np.vstack([rng.normal(0.0, 3.0, size=(20, d)), rng.normal(1.0, 3.0, size=(20, d))])
    model = fit_gaussian_nb(X, y)
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        pred = predict_gaussian_nb(model, Xq)
    _check_predictions(pred, X, y, Xq, f"d = {d} features (the product of densities underflows)")
    pred = np.asarray(pred)
    assert (pred[20:] == 7).mean() > 0.9, "most class-7 queries must be classified as 7 (log space avoids underflow)"


def test_string_labels_and_hand_built_model():
    model = {"classes": np.array(["cat", "dog"]), "priors": np.array([0.25, 0.75]),
             "means": np.array([[0.0, 0.0], [3.0, 1.0]]), "vars": np.array([[1.0, 1.0], [4.0, 0.25]])}
    Xq = np.array([[0.0, 0.0], [3.0, 1.0], [1.0, 0.2], [-2.0, 3.0]])
    pred = np.asarray(predict_gaussian_nb(model, Xq))
    jll = _ref_jll(["cat", "dog"], model["priors"], model["means"], model["vars"], Xq)
    expected = [["cat", "dog"][k] for k in np.argmax(jll, axis=1)]
    assert pred.shape == (4,), f"prediction shape {pred.shape}, expected (4,)"
    assert pred.tolist() == expected, f"predicted {pred.tolist()}, expected {expected} from the given model dict"
    Xt = np.array([[0.1, 0.0], [-0.2, 0.3], [2.9, 1.1], [3.2, 0.8], [3.0, 0.9]])
    yt = np.array(["dog", "cat", "dog", "dog", "cat"])
    fitted = fit_gaussian_nb(Xt, yt)
    assert np.asarray(fitted["classes"]).tolist() == ["cat", "dog"], "string classes must be sorted labels"


def test_exact_tie_goes_to_smallest_label():
    # class 3: {-1, 1} (mean 0, var 1); class 7: {0, 2} (mean 1, var 1); equal priors; x = 0.5 is an exact tie.
    X = np.array([[0.0], [2.0], [-1.0], [1.0]])
    y = np.array([7, 7, 3, 3])
    pred = np.asarray(predict_gaussian_nb(fit_gaussian_nb(X, y), np.array([[0.5], [0.4], [0.6]])))
    assert pred.tolist() == [3, 3, 7], f"predicted {pred.tolist()}, expected [3, 3, 7] (ties -> smallest label)"


def test_does_not_modify_inputs():
    X, y = _blobs([10, 10], 4, [1, 2], 6)
    Xq = np.random.default_rng(7).normal(size=(5, 4))
    Xs, ys, Xqs = X.copy(), y.copy(), Xq.copy()
    model = fit_gaussian_nb(X, y)
    predict_gaussian_nb(model, Xq)
    np.testing.assert_array_equal(X, Xs, err_msg="fit modified X")
    np.testing.assert_array_equal(y, ys, err_msg="fit modified y")
    np.testing.assert_array_equal(Xq, Xqs, err_msg="predict modified X")
