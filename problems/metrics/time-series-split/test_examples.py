import numpy as np
from solution import time_series_split


def _as_lists(splits):
    return [(np.asarray(tr).tolist(), np.asarray(te).tolist()) for tr, te in splits]


def test_example_no_gap():
    got = _as_lists(time_series_split(10, 3))
    expected = [([0, 1, 2, 3], [4, 5]), ([0, 1, 2, 3, 4, 5], [6, 7]), ([0, 1, 2, 3, 4, 5, 6, 7], [8, 9])]
    assert got == expected, f"got {got}"


def test_example_gap_2():
    got = _as_lists(time_series_split(10, 3, gap=2))
    expected = [([0, 1], [4, 5]), ([0, 1, 2, 3], [6, 7]), ([0, 1, 2, 3, 4, 5], [8, 9])]
    assert got == expected, f"got {got}"


def test_example_gap_too_large_raises():
    try:
        time_series_split(10, 3, gap=4)
    except ValueError:
        return
    raise AssertionError("expected ValueError: the first training set would be empty")
