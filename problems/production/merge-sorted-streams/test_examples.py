import itertools

import numpy as np

from solution import merge_streams


def _guarded(gen, limit=10_000):
    for i, item in enumerate(gen):
        if i >= limit:
            raise AssertionError("merge_streams read far too many items: it must be lazy")
        yield item


def test_example_ties_a_first():
    a = [(1, np.array([1.0])), (3, np.array([2.0])), (3, np.array([3.0]))]
    b = [(2, np.array([10.0])), (3, np.array([20.0])), (4, np.array([30.0]))]
    got = [(t, float(np.asarray(v)[0])) for t, v in merge_streams(a, b)]
    assert got == [(1, 1.0), (2, 10.0), (3, 2.0), (3, 3.0), (3, 20.0), (4, 30.0)], got


def test_example_endless():
    evens = _guarded((t, np.zeros(2)) for t in itertools.count(0, 2))
    odds = _guarded((t, np.ones(2)) for t in itertools.count(1, 2))
    got = [t for t, _ in itertools.islice(merge_streams(evens, odds), 5)]
    assert got == [0, 1, 2, 3, 4], got
