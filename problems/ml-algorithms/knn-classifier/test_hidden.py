import numpy as np
from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import knn_predict as _user_knn_predict
from mlprep_harness.checks import as_array as _as_array


def knn_predict(X_train, y_train, X_test, k):
    """Your knn_predict, with its result checked to be an integer array of one label per test row
    before a test uses it."""
    return _as_array(_user_knn_predict(X_train, y_train, X_test, k), (len(X_test),), "knn_predict result", "iu")


def _loop_ref(X_train, y_train, X_test, k):
    """Slow, obviously-correct reference: stable sort of exact distances, then count votes."""
    X_train = np.asarray(X_train, float); X_test = np.asarray(X_test, float); y_train = np.asarray(y_train)
    out = []
    for q in X_test:
        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))
        nn = np.argsort(d, kind="stable")[:k]
        labels, counts = np.unique(y_train[nn], return_counts=True)
        out.append(labels[counts == counts.max()].min())
    return np.array(out)


def _pred(*args, **kw):
    return np.asarray(knn_predict(*args, **kw))


def _blobs(seed, n, m, d=2, n_classes=3):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=2.0, size=(n_classes, d))
    y = rng.integers(0, n_classes, n)
    X = centers[y] + rng.normal(size=(n, d))
    Q = rng.normal(scale=2.5, size=(m, d))
    return X, y, Q


def test_k1_returns_nearest_label():
    X, y, Q = _blobs(1, 200, 60)
    p = _pred(X, y, Q, 1)
    assert p.shape == (60,), f"output shape {p.shape}, expected (60,)"
    np.testing.assert_array_equal(p, _loop_ref(X, y, Q, 1), err_msg="k=1 must return the label of the nearest training point")
    np.testing.assert_array_equal(_pred(X, y, X[:25], 1), y[:25], err_msg="k=1 on training points must return their own labels")


def test_majority_vote_matches_reference():
    X, y, Q = _blobs(2, 300, 80)
    y = np.array([-4, 10, 3])[y]                              # negative and non-contiguous labels
    for k in (5, 4, 9):
        np.testing.assert_array_equal(_pred(X, y, Q, k), _loop_ref(X, y, Q, k), err_msg=f"k={k}: wrong predictions")


def test_vote_tie_goes_to_smallest_label():
    X_train = np.array([[1.0, 0.0], [0.0, 2.0], [-3.0, 0.0], [0.0, -4.0]])
    y_train = np.array([8, 8, -2, -2])
    p = _pred(X_train, y_train, np.array([[0.0, 0.0]]), 4)
    np.testing.assert_array_equal(p, [-2], err_msg="2 votes each for 8 and -2: the smallest label must win")
    p = _pred(np.array([[1.0], [2.0], [3.0]]), np.array([7, 5, 6]), np.array([[0.0]]), 3)
    np.testing.assert_array_equal(p, [5], err_msg="one vote each for 7, 5, 6: expected 5")


def test_distance_tie_broken_by_training_index():
    X_train = np.array([[1.0], [-1.0]])
    np.testing.assert_array_equal(_pred(X_train, [5, 2], [[0.0]], 1), [5],
                                  err_msg="equal distances: training index 0 must come first (not the smaller label)")
    np.testing.assert_array_equal(_pred(X_train, [2, 5], [[0.0]], 1), [2],
                                  err_msg="equal distances: training index 0 must come first")
    # k=3: two points at distance 1, then three at distance 2 (indices 0, 3, 5); index 0 takes the last place
    X_train = np.array([[2.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 2.0], [9.0, 9.0], [-2.0, 0.0]])
    y_train = np.array([2, 1, 2, 1, 2, 1])
    np.testing.assert_array_equal(_pred(X_train, y_train, [[0.0, 0.0]], 3), [2],
                                  err_msg="the 3rd neighbour must be the lowest-index point among the equally distant ones")


def test_many_distance_ties_on_a_grid():
    # integer coordinates: many exactly equal distances, so the index rule decides the neighbours
    rng = np.random.default_rng(6)
    grid = np.array([[i, j] for i in range(12) for j in range(12)], dtype=float)
    X = grid[rng.permutation(len(grid))]
    y = rng.integers(0, 4, len(X))
    Q = rng.integers(0, 12, size=(150, 2)).astype(float)
    Q[:50] += 0.5
    for k in (4, 8, 13):
        np.testing.assert_array_equal(_pred(X, y, Q, k), _loop_ref(X, y, Q, k),
                                      err_msg=f"k={k}: equally distant points must be taken in training-index order")


def test_euclidean_metric():
    X_train = np.array([[3.0, 0.0], [2.0, 2.0]])   # L1 distances 3 and 4, L2 distances 3 and 2.83
    np.testing.assert_array_equal(_pred(X_train, [1, 2], [[0.0, 0.0]], 1), [2], err_msg="use Euclidean distance")


def test_k_equals_n_train_predicts_global_majority():
    X, y, Q = _blobs(3, 50, 20)
    y = np.array([1] * 20 + [0] * 15 + [2] * 15)
    p = _pred(X, y, Q, 50)
    np.testing.assert_array_equal(p, np.ones(20, dtype=int), err_msg="k = n_train: every prediction is the overall majority label")


def test_output_dtype_and_inputs_untouched():
    X, y, Q = _blobs(5, 100, 10)
    X0, y0, Q0 = X.copy(), y.copy(), Q.copy()
    p = _pred(X.tolist(), y.tolist(), Q.tolist(), 3)
    assert p.shape == (10,), f"output shape {p.shape}, expected (10,)"
    assert np.issubdtype(p.dtype, np.integer), f"labels dtype {p.dtype}, expected integer"
    _pred(X, y, Q, 3)
    np.testing.assert_array_equal(X, X0, err_msg="X_train was modified")
    np.testing.assert_array_equal(y, y0, err_msg="y_train was modified")
    np.testing.assert_array_equal(Q, Q0, err_msg="X_test was modified")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_100_by_1000_points():
    # 100,000 (test, train) pairs in 96 dimensions: a Python loop over pairs pays per coordinate,
    # vectorised distances do not (wider rows keep a pair loop 5x or more past the limit)
    rng = np.random.default_rng(4)
    X = rng.normal(size=(1000, 96))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.int64) + 2 * (X[:, 2] > 0.5)
    Q = rng.normal(size=(100, 96))
    reference = load_reference(__file__).knn_predict
    p = np.asarray(assert_relative_speed(
        candidate=lambda: knn_predict(X, y, Q, 5), reference=lambda: reference(X, y, Q, 5),
        factor=10, slack_ms=50, key="knn-classifier/100x1000x96",
        what="with 1,000 training and 100 test points in 96 dimensions, must run within 10x the "
             "time of a vectorised reference plus 50 ms (vectorised distances; a loop over test "
             "points is fine, a loop over (test, train) pairs is not)"))
    assert p.shape == (100,), f"output shape {p.shape}, expected (100,)"
    sample = np.arange(0, 100, 7)
    np.testing.assert_array_equal(p[sample], _loop_ref(X, y, Q[sample], 5), err_msg="large input: wrong predictions")
