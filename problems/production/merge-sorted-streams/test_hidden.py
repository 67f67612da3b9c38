import itertools

import numpy as np

from solution import merge_streams as _user_merge_streams
from mlprep_harness.checks import describe as _describe


def merge_streams(a, b):
    """Your merge_streams, with every item it yields checked, as it is pulled (laziness unchanged),
    to be a (timestamp, vector) tuple with a real-number timestamp before a test uses it."""
    got = _user_merge_streams(a, b)
    assert hasattr(got, "__iter__"), \
        "merge_streams result: expected a generator of (timestamp, vector) tuples, got %s" % _describe(got)
    return _checked_items(got)


def _checked_items(got):
    """Pass on the user's items one at a time, each checked before a test uses it."""
    for i, item in enumerate(got):
        assert isinstance(item, tuple) and len(item) == 2, \
            "item %d: expected a (timestamp, vector) tuple from the input, unchanged, got %s" % (i, _describe(item))
        ts = item[0]
        ok = isinstance(ts, (int, float, np.integer, np.floating)) and not isinstance(ts, (bool, np.bool_))
        assert ok, "item %d: expected a timestamp (int or float) first, got %s" % (i, _describe(ts))
        yield item


class _Counter:
    def __init__(self):
        self.n = 0


def _counted(items, counter, limit=100_000):
    for item in items:
        if counter.n >= limit:
            raise AssertionError("merge_streams read far too many items from an endless stream (not lazy)")
        counter.n += 1
        yield item


class _NoCompare:
    """Stands in for a vector; any ordering comparison is a bug."""

    def __init__(self, tag):
        self.tag = tag

    def _fail(self, other):
        raise AssertionError("merge_streams compared vectors; compare timestamps only")

    __lt__ = __le__ = __gt__ = __ge__ = _fail


def _stream(rng, n, tag):
    ts = np.sort(rng.integers(0, n // 2 + 1, size=n))
    return [(int(t), np.array([tag, i], dtype=float)) for i, t in enumerate(ts)]


def _reference(a, b):
    # stable sort of a followed by b == merge with ties going to a
    return sorted(list(a) + list(b), key=lambda item: item[0])


def _check(got, expected):
    got = list(got)
    assert len(got) == len(expected), f"yielded {len(got)} items, expected {len(expected)}"
    for i, ((gt, gv), (et, ev)) in enumerate(zip(got, expected)):
        assert gt == et, f"item {i}: timestamp {gt}, expected {et}"
        np.testing.assert_array_equal(np.asarray(gv), ev,
                                      err_msg=f"item {i} (timestamp {et}): wrong vector / wrong stream or order")


def test_ties_take_a_before_b():
    a = [(5, np.array([0.0, 0.0])), (5, np.array([0.0, 1.0])), (7, np.array([0.0, 2.0]))]
    b = [(5, np.array([1.0, 0.0])), (7, np.array([1.0, 1.0])), (7, np.array([1.0, 2.0]))]
    _check(merge_streams(iter(a), iter(b)), _reference(a, b))


def test_vectors_are_never_compared():
    a = [(t, _NoCompare(("a", i))) for i, t in enumerate([1, 2, 2, 4, 4])]
    b = [(t, _NoCompare(("b", i))) for i, t in enumerate([2, 2, 3, 4])]
    got = [(t, v.tag) for t, v in merge_streams(iter(a), iter(b))]
    expected = [(t, v.tag) for t, v in _reference(a, b)]
    assert got == expected, f"order differs: got {got}"


def test_int_and_float_equal_timestamps_tie():
    a = [(3.0, np.array([0.0]))]
    b = [(3, np.array([1.0]))]
    _check(merge_streams(iter(b), iter(a)), _reference(b, a))
    _check(merge_streams(iter(a), iter(b)), _reference(a, b))


def test_matches_stable_sort_on_random_streams():
    rng = np.random.default_rng(123)
    for n_a, n_b in [(50, 50), (200, 7), (1, 300), (1000, 1000)]:
        a, b = _stream(rng, n_a, 0.0), _stream(rng, n_b, 1.0)
        _check(merge_streams((x for x in a), (y for y in b)), _reference(a, b))


def test_empty_streams():
    a = [(t, np.array([float(t)])) for t in range(5)]
    _check(merge_streams(iter(a), iter([])), a)
    _check(merge_streams(iter([]), iter(a)), a)
    assert list(merge_streams(iter([]), iter([]))) == [], "two empty streams must yield nothing"


def test_lazy_on_two_endless_streams():
    ca, cb = _Counter(), _Counter()
    a = _counted(((t, np.array([0.0])) for t in itertools.count(0, 3)), ca)
    b = _counted(((t, np.array([1.0])) for t in itertools.count(0, 2)), cb)
    got = list(itertools.islice(merge_streams(a, b), 500))
    ts = [t for t, _ in got]
    assert ts == sorted(ts), "output is not sorted by timestamp"
    assert len(got) == 500, f"expected 500 items, got {len(got)}"
    assert ca.n + cb.n <= 502, f"read {ca.n + cb.n} items to yield 500; at most 502 allowed"


def test_reads_at_most_one_item_ahead():
    ca, cb = _Counter(), _Counter()
    a = _counted(((t, np.array([0.0])) for t in range(0, 40, 2)), ca)
    b = _counted(((t, np.array([1.0])) for t in range(1, 40, 4)), cb)
    gen = merge_streams(a, b)
    for k in range(1, 26):
        next(gen)
        assert ca.n + cb.n <= k + 2, f"after {k} yielded items, {ca.n + cb.n} were read (max {k + 2})"


def test_finite_stream_then_endless_stream():
    cb = _Counter()
    a = [(t, np.array([0.0])) for t in (0, 1, 2)]
    b = _counted(((t, np.array([1.0])) for t in itertools.count(0)), cb)
    got = list(itertools.islice(merge_streams(iter(a), b), 20))
    expected = _reference(a, [(t, np.array([1.0])) for t in range(17)])
    _check(got, expected)
    ca = _Counter()
    a_endless = _counted(((t, np.array([0.0])) for t in itertools.count(10)), ca)
    got = list(itertools.islice(merge_streams(a_endless, iter([(0, np.array([1.0]))])), 10))
    assert [t for t, _ in got] == [0] + list(range(10, 19)), "wrong items after the finite stream ended"
