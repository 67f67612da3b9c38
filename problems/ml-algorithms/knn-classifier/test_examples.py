import numpy as np
from solution import knn_predict


def _pred(*args, **kw):
    return np.asarray(knn_predict(*args, **kw))


def test_majority_vote():
    X_train = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]]
    y_train = [0, 0, 1, 1, 1, 2]
    p = _pred(X_train, y_train, [[0.2, 0.2], [5.2, 5.1]], k=3)
    assert p.shape == (2,), f"output shape {p.shape}, expected (2,)"
    np.testing.assert_array_equal(p, [0, 1])


def test_distance_tie_lower_index_first():
    np.testing.assert_array_equal(_pred([[1], [-1], [3]], [5, 2, 2], [[0]], k=1), [5])


def test_vote_tie_smallest_label():
    np.testing.assert_array_equal(_pred([[1], [2]], [9, -3], [[0]], k=2), [-3])
