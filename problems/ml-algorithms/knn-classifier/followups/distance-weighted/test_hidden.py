import numpy as np

from mlprep_harness.checks import as_array as _as_array
from solution import knn_predict as _user_knn_predict


def knn_predict(X_train, y_train, X_test, k, **kwargs):
    """Your knn_predict (keyword arguments passed on), run under np.errstate(all='raise'), with its
    result checked to be an integer array of one label per test row before a test uses it."""
    with np.errstate(all="raise"):
        got = _user_knn_predict(X_train, y_train, X_test, k, **kwargs)
    return _as_array(got, (len(X_test),), "knn_predict result", "iu")


def _weighted_ref(X_train, y_train, X_test, k):
    """Slow, obviously-correct reference: stable sort of exact distances, 1/d votes, zero-distance
    neighbours alone when there are any, highest total then smallest label."""
    X_train = np.asarray(X_train, float); X_test = np.asarray(X_test, float); y_train = np.asarray(y_train)
    out = []
    for q in X_test:
        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))
        nn = np.argsort(d, kind="stable")[:k]
        dn, yn = d[nn], y_train[nn]
        if np.any(dn == 0):
            w = (dn == 0).astype(float)
        else:
            w = 1.0 / dn
        totals = {}
        for lab, wi in zip(yn.tolist(), w.tolist()):
            totals[lab] = totals.get(lab, 0.0) + wi
        best = max(totals.values())
        out.append(min(lab for lab, t in totals.items() if t == best))
    return np.array(out)


def _blobs(seed, n, m, d=2, n_classes=3):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=2.0, size=(n_classes, d))
    y = rng.integers(0, n_classes, n)
    X = centers[y] + rng.normal(size=(n, d))
    Q = rng.normal(scale=2.5, size=(m, d))
    return X, y, Q


def test_inverse_distance_not_squared_not_uniform():
    # query 0; label 1 at distance 1 (weight 1), label 0 twice at distance 1.5 (weights 2/3 each)
    # 1/d: 1 vs 1.333 -> 0 ; 1/d^2: 1 vs 0.889 -> 1 ; uniform: 1 vs 2 -> 0
    X = np.array([[1.0], [1.5], [-1.5], [50.0]])
    y = np.array([1, 0, 0, 1])
    got = knn_predict(X, y, np.array([[0.0]]), 3, weights="distance")
    np.testing.assert_array_equal(got, [0], err_msg="weights are 1/distance (Euclidean, not squared): 1 < 2/1.5")
    # label 1 at distance 1, label 0 twice at distance 3: 1/d gives 1 vs 0.667 -> 1, uniform gives 0
    X = np.array([[1.0], [3.0], [-3.0]])
    got = knn_predict(X, np.array([1, 0, 0]), np.array([[0.0]]), 3, weights="distance")
    np.testing.assert_array_equal(got, [1], err_msg="a near neighbour must outweigh two far ones (1 > 2/3)")


def test_matches_reference_on_random_data():
    X, y, Q = _blobs(2, 300, 120, d=3)
    y = np.array([-4, 10, 3])[y]                          # negative and non-contiguous labels
    for k in (1, 4, 7, 15):
        np.testing.assert_array_equal(knn_predict(X, y, Q, k, weights="distance"), _weighted_ref(X, y, Q, k),
                                      err_msg=f"k={k}: distance-weighted predictions differ from the reference")


def test_zero_distance_neighbours_vote_alone():
    # the query equals three training rows (labels 7, 7, 2): only they vote, one vote each -> 7.
    # Infinite weights would tie 7 and 2 (inf == inf) and give 2; a 1/0 raises under errstate.
    X = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.5, 0.0], [0.0, 0.5]])
    y = np.array([7, 7, 2, 2, 2])
    got = knn_predict(X, y, np.array([[0.0, 0.0]]), 5, weights="distance")
    np.testing.assert_array_equal(got, [7], err_msg="zero-distance neighbours (labels 7, 7, 2) vote alone, one vote each")
    # one exact match among far points of another label: it alone decides
    X = np.array([[2.0, 1.0], [2.0, 1.1], [2.1, 1.0], [1.9, 1.0]])
    got = knn_predict(X, np.array([4, 9, 9, 9]), np.array([[2.0, 1.0], [2.0, 1.05]]), 4, weights="distance")
    np.testing.assert_array_equal(got, [4, 9], err_msg="a test row equal to a training row takes that row's label "
                                                       "(only zero-distance neighbours vote)")


def test_zero_distance_tie_ignores_other_neighbours():
    # the query equals two training rows, labels 7 and 2: one vote each, an exact tie -> 2 (the
    # smallest). The neighbours at distance 0.5 (label 7) get weight 0; 1/(d + eps) lets them
    # break the tie towards 7
    X = np.array([[0.0, 0.0], [0.0, 0.0], [0.5, 0.0], [0.0, -0.5]])
    got = knn_predict(X, np.array([7, 2, 7, 7]), np.array([[0.0, 0.0]]), 4, weights="distance")
    np.testing.assert_array_equal(got, [2], err_msg="two zero-distance neighbours (labels 7 and 2) vote alone, one "
                                                    "vote each, and tie: the smallest label (2) wins; the neighbours "
                                                    "at distance 0.5 get weight 0 (no 1/(d + eps))")


def test_query_points_equal_to_training_points():
    # queries drawn from the training rows: exact zero distances must be detected although
    # ||a||^2 - 2ab + ||b||^2 is not exactly 0 for them
    X, y, _ = _blobs(4, 200, 1, d=5)
    X = X * 37.3 + 11.0
    Q = X[::3]
    for k in (3, 6):
        got = knn_predict(X, y, Q, k, weights="distance")
        np.testing.assert_array_equal(got, y[::3], err_msg=f"k={k}: a query equal to a training row (the only one "
                                                           "at distance 0) must get that row's label")
    # large coordinates, each row with two near copies (1e-4 away) of another label: an exact
    # match alone decides; distances from the expanded form are off by up to ~1e-4 here
    rng = np.random.default_rng(12)
    A = rng.normal(size=(200, 16)) * 1000.0
    e0, e1 = np.eye(16)[0] * 1e-4, np.eye(16)[1] * 1e-4
    X = np.vstack([A, A + e0, A - e1])
    y = np.r_[np.zeros(200, int), np.ones(400, int)]
    got = knn_predict(X, y, A, 3, weights="distance")
    bad = np.flatnonzero(got != 0)
    assert bad.size == 0, (f"{bad.size} of 200 queries equal to a training row (label 0) with two near copies "
                           "(label 1, 1e-4 away) did not get label 0: detect distance 0 exactly, from the rows")


def test_weighted_tie_goes_to_smallest_label():
    # an exact tie: label 8 at distance 1 (1.0) vs label 6 at distances 2 and 2 (0.5 + 0.5);
    # then label 5 at distances 1 and 4 (1 + 0.25) vs label -3 at distance 2 twice (1.0), where
    # a uniform vote would tie 2-2 and pick -3
    X = np.array([[1.0], [-2.0], [2.0], [9.0]])
    got = knn_predict(X, np.array([8, 6, 6, 8]), np.array([[0.0]]), 3, weights="distance")
    np.testing.assert_array_equal(got, [6], err_msg="total weights 1.0 and 1.0 tie: the smallest label (6) wins, "
                                                    "not the label of the nearest neighbour")
    X = np.array([[1.0], [4.0], [2.0], [-2.0]])
    got = knn_predict(X, np.array([5, 5, -3, -3]), np.array([[0.0]]), 4, weights="distance")
    np.testing.assert_array_equal(got, [5], err_msg="totals 1.25 (label 5) vs 1.0 (label -3): 5 wins")


def test_invariant_to_scaling_and_uniform_default_unchanged():
    X, y, Q = _blobs(7, 150, 60, d=4)
    base = knn_predict(X, y, Q, 6, weights="distance")
    for c in (1e-3, 250.0):
        np.testing.assert_array_equal(knn_predict(X * c, y, Q * c, 6, weights="distance"), base,
                                      err_msg=f"scaling every coordinate by {c} scales all weights alike: "
                                              "predictions must not change")
    # uniform (the default) is part 1: majority vote; on this data it differs from weighted somewhere
    X = np.array([[1.0], [3.0], [-3.0]])
    np.testing.assert_array_equal(knn_predict(X, [1, 0, 0], [[0.0]], 3), [0], err_msg="default weights='uniform' is a plain majority vote")
    np.testing.assert_array_equal(knn_predict(X, [1, 0, 0], [[0.0]], 3, weights="uniform"), [0],
                                  err_msg="weights='uniform' is a plain majority vote")


def test_distance_ties_still_by_training_index():
    # k=2 on a grid: several neighbours at equal distance, the lower training index fills the places
    rng = np.random.default_rng(6)
    grid = np.array([[i, j] for i in range(10) for j in range(10)], dtype=float)
    X = grid[rng.permutation(len(grid))]
    y = rng.integers(0, 4, len(X))
    Q = rng.integers(0, 10, size=(120, 2)).astype(float) + 0.5
    for k in (2, 5, 9):
        np.testing.assert_array_equal(knn_predict(X, y, Q, k, weights="distance"), _weighted_ref(X, y, Q, k),
                                      err_msg=f"k={k}: equally distant neighbours taken in training-index order")


def test_unknown_weights_and_inputs_untouched():
    X, y, Q = _blobs(5, 60, 10)
    X0, y0, Q0 = X.copy(), y.copy(), Q.copy()
    p = knn_predict(X.tolist(), y.tolist(), Q.tolist(), 3, weights="distance")
    assert np.issubdtype(p.dtype, np.integer), f"labels dtype {p.dtype}, expected integer"
    np.testing.assert_array_equal(X, X0, err_msg="X_train was modified")
    np.testing.assert_array_equal(y, y0, err_msg="y_train was modified")
    np.testing.assert_array_equal(Q, Q0, err_msg="X_test was modified")
    try:
        _user_knn_predict(X, y, Q, 3, weights="gaussian")
    except ValueError:
        pass
    else:
        raise AssertionError("weights='gaussian' must raise ValueError (only 'uniform' and 'distance')")
