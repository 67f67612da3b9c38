import math
import numpy as np
from solution import best_split as _user_best_split
from mlprep_harness.checks import describe as _describe, as_scalar as _as_scalar


def best_split(X, y, **criterion):
    """Your best_split (criterion passed on only when a test gives it, so the default is tested),
    with its result checked to be a tuple (feature, threshold, gain) of the stated types before a
    test uses it."""
    got = _user_best_split(X, y, **criterion)
    assert isinstance(got, (tuple, list)) and len(got) == 3, \
        "best_split result: expected a tuple (feature, threshold, gain), got %s" % _describe(got)
    f, t, g = got
    if f is None or t is None:
        assert f is None and t is None, \
            "best_split result: feature and threshold must both be None (no valid split) or both set, got (%r, %r)" % (f, t)
    else:
        assert isinstance(f, (int, np.integer)) and not isinstance(f, (bool, np.bool_)), \
            "best_split result: expected an int feature index, got %s" % _describe(f)
        t = _as_scalar(t, "best_split result: threshold")
    return f, t, _as_scalar(g, "best_split result: gain")


def _impurity(labels, criterion):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    if criterion == "gini":
        return 1.0 - float((p ** 2).sum())
    return -sum(float(q) * math.log2(float(q)) for q in p if q > 0)


def _brute_force(X, y, criterion):
    """Slow reference: every feature, every midpoint of distinct values, first strict improvement wins."""
    X = np.asarray(X, dtype=float); y = np.asarray(y)
    n = len(y)
    parent = _impurity(y, criterion)
    best = (None, None, 0.0); best_gain = -np.inf
    for j in range(X.shape[1]):
        u = np.unique(X[:, j])
        for a, b in zip(u[:-1], u[1:]):
            t = (a + b) / 2.0
            m = X[:, j] <= t
            g = parent - m.sum() / n * _impurity(y[m], criterion) - (~m).sum() / n * _impurity(y[~m], criterion)
            if g > best_gain + 1e-12:
                best_gain, best = g, (j, float(t), float(g))
    return best


def _data(seed):
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.integers(0, 10, 80), rng.normal(size=80).round(1),
                         rng.integers(0, 4, 80), rng.normal(size=80).round(2)]).astype(float)
    s = X[:, 3] + 0.15 * X[:, 0] + rng.normal(scale=0.8, size=80)
    return X, np.digitize(s, [0.3, 1.2])


def _check(result, expected, what):
    f, t, g = result
    ef, et, eg = expected
    assert f is not None and int(f) == ef, f"{what}: feature index {f}, expected {ef}"
    np.testing.assert_allclose(float(t), et, rtol=1e-9, atol=1e-9, err_msg=f"{what}: threshold")
    np.testing.assert_allclose(float(g), eg, rtol=1e-9, atol=1e-9, err_msg=f"{what}: gain")


def test_gini_matches_brute_force():
    for seed in (37, 18):
        X, y = _data(seed)
        expected = _brute_force(X, y, "gini")
        _check(best_split(X, y, criterion="gini"), expected, f"gini, dataset {seed}")
    X, y = _data(37)
    expected = _brute_force(X, y, "gini")
    _check(best_split(X, y), expected, "default criterion must be gini")


def test_entropy_in_bits_matches_brute_force():
    # on this dataset gini and entropy choose different splits
    for seed in (37, 18):
        X, y = _data(seed)
        expected = _brute_force(X, y, "entropy")
        _check(best_split(X, y, criterion="entropy"), expected, f"entropy, dataset {seed}")


def test_entropy_perfect_split_is_one_bit():
    X = np.array([[0.2, 9.0], [0.4, 1.0], [0.9, 9.0], [1.3, 1.0]])
    y = np.array([7, 7, 3, 3])
    _check(best_split(X, y, criterion="entropy"), (0, 0.65, 1.0),
           "balanced perfect split (log2, 0*log(0)=0)")


def test_threshold_is_midpoint_of_distinct_values():
    X = np.array([[1.0], [1.0], [1.0], [4.0], [4.0], [9.0], [9.0]])
    y = np.array([0, 0, 0, 1, 1, 1, 1])
    expected_gain = _brute_force(X, y, "gini")[2]
    _check(best_split(X, y), (0, 2.5, expected_gain),
           "thresholds are midpoints of consecutive DISTINCT values")


def test_ties_prefer_lowest_feature_index():
    rng = np.random.default_rng(3)
    good = np.arange(12, dtype=float)
    noise = rng.permutation(12).astype(float)
    y = (good >= 6).astype(int)
    f, _, _ = best_split(np.column_stack([noise, good, good * 10.0]), y)
    assert f is not None and int(f) == 1, f"features 1 and 2 tie with the best gain: expected 1, got {f}"
    f, _, _ = best_split(np.column_stack([good, noise, good]), y)
    assert f is not None and int(f) == 0, f"features 0 and 2 tie with the best gain: expected 0, got {f}"


def test_ties_prefer_lowest_threshold():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    y = np.array([0, 1, 1, 1, 1, 0])
    order = np.array([4, 0, 5, 2, 1, 3])          # rows not sorted by value
    _check(best_split(x[order, None], y[order]), (0, 1.5, 8 / 45), "mirror-image splits tie")
    _check(best_split(x[order, None], y[order], criterion="entropy"),
           (0, 1.5, _brute_force(x[:, None], y, "entropy")[2]), "mirror-image splits tie (entropy)")


def test_no_candidate_returns_none():
    assert tuple(best_split(np.full((5, 3), 2.0), [0, 1, 0, 1, 1])) == (None, None, 0.0), \
        "all features constant: expected (None, None, 0.0)"
    assert tuple(best_split([[1.0, 2.0]], [1])) == (None, None, 0.0), "single sample: expected (None, None, 0.0)"


def test_constant_feature_is_skipped():
    X = np.array([[5.0, 3.0], [5.0, 1.0], [5.0, 2.0], [5.0, 4.0]])
    y = np.array([1, 0, 0, 1])
    _check(best_split(X, y), (1, 2.5, 0.5), "feature 0 is constant")


def test_pure_labels_return_first_candidate_with_zero_gain():
    X = np.array([[2.0, 0.0], [2.0, 5.0], [2.0, 1.0], [2.0, 3.0]])
    _check(best_split(X, np.array([4, 4, 4, 4])), (1, 0.5, 0.0), "all labels equal")


def test_string_labels_and_inputs_untouched():
    X, y_int = _data(18)
    names = np.array(["cat", "dog", "emu"])
    y = names[y_int]
    X0, y0 = X.copy(), y.copy()
    expected = _brute_force(X, y_int, "gini")
    result = best_split(X, y, criterion="gini")
    np.testing.assert_array_equal(X, X0, err_msg="X was modified (sort a copy, not X[:, j] in place)")
    _check(result, expected, "string labels")
    assert np.array_equal(y, y0), "y was modified"
