import numpy as np
from solution import best_split


def _check(result, feature, threshold, gain):
    f, t, g = result
    assert f is not None and int(f) == feature, f"feature index {f}, expected {feature}"
    np.testing.assert_allclose(float(t), threshold, rtol=1e-9, atol=1e-9, err_msg="threshold")
    np.testing.assert_allclose(float(g), gain, rtol=1e-9, atol=1e-9, err_msg="gain")


def test_perfect_split_gini_and_entropy():
    X = [[1, 5], [2, 6], [3, 5], [4, 6]]
    y = [0, 0, 1, 1]
    _check(best_split(X, y), 0, 2.5, 0.5)
    _check(best_split(X, y, criterion="entropy"), 0, 2.5, 1.0)


def test_tie_lowest_threshold():
    _check(best_split([[1], [2], [3], [4], [5], [6]], [0, 1, 1, 1, 1, 0]), 0, 1.5, 8 / 45)


def test_duplicates_and_no_split():
    _check(best_split([[1], [1], [1], [4], [4], [9]], ["a", "a", "a", "b", "b", "b"]), 0, 2.5, 0.5)
    assert tuple(best_split([[3, 7], [3, 7]], [0, 1])) == (None, None, 0.0)
