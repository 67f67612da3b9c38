import itertools
import tracemalloc

import numpy as np

from solution import merge_streams as _user_merge_streams
from mlprep_harness.checks import describe as _describe


def merge_streams(a, b, **kw):
    """Your merge_streams, every yielded item checked as it is pulled to be a (timestamp, vector) tuple."""
    got = _user_merge_streams(a, b, **kw)
    assert hasattr(got, "__iter__"), \
        "merge_streams result: expected a generator of (timestamp, vector) tuples, got %s" % _describe(got)

    def checked():
        for i, item in enumerate(got):
            assert isinstance(item, tuple) and len(item) == 2, \
                "item %d: expected a (timestamp, vector) tuple from the input, unchanged, got %s" % (i, _describe(item))
            yield item
    return checked()


def _reference(a, b):
    """Stable merge (a first on ties), then drop items equal in timestamp and vector to an earlier one."""
    out = []
    for item in sorted(list(a) + list(b), key=lambda it: it[0]):
        if not any(t == item[0] and np.array_equal(v, item[1]) for t, v in out):
            out.append(item)
    return out


def _check(got, expected, what):
    got = list(got)
    assert len(got) == len(expected), f"{what}: yielded {len(got)} items, expected {len(expected)}"
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g[0] == e[0], f"{what}: item {i}: timestamp {g[0]}, expected {e[0]}"
        assert g is e, (f"{what}: item {i} (timestamp {e[0]}): expected the input item {e[1].tolist()} itself "
                        f"(the first in merge order), got {np.asarray(g[1]).tolist()}")


def _stream(rng, n, values=3):
    ts = np.sort(rng.integers(0, n // 3 + 1, size=n))
    return [(int(t), rng.integers(0, values, size=2).astype(float)) for t in ts]


def test_duplicate_across_streams_kept_once_from_a():
    a = [(1, np.array([1.0, 2.0])), (2, np.array([0.0, 0.0]))]
    b = [(1, np.array([1.0, 2.0])), (2, np.array([0.0, 1.0]))]
    got = list(merge_streams(iter(a), iter(b), dedupe=True))
    assert len(got) == 3, f"(1, [1, 2]) is in both streams: 3 items expected, got {len(got)}"
    _check(got, [a[0], a[1], b[1]], "duplicate across streams")


def test_non_adjacent_duplicate_at_same_timestamp():
    # merge order at t=3: a:[1,0], a:[2,0], b:[1,0]; the last one repeats the first, not its neighbour
    a = [(3, np.array([1.0, 0.0])), (3, np.array([2.0, 0.0]))]
    b = [(3, np.array([1.0, 0.0])), (3, np.array([2.0, 0.0])), (3, np.array([3.0, 0.0]))]
    _check(merge_streams(iter(a), iter(b), dedupe=True), [a[0], a[1], b[2]],
           "duplicates that are not next to each other in merge order")


def test_same_vector_different_time_or_shape_is_not_duplicate():
    v = np.array([1.0, 1.0])
    a = [(1, v), (2, v.copy()), (2, np.array([1.0, 1.0, 1.0]))]
    b = [(1.5, v.copy()), (2.0, np.array([1.0, 1.0]))]
    _check(merge_streams(iter(a), iter(b), dedupe=True), [a[0], b[0], a[1], a[2]],
           "equal vectors at different timestamps, and vectors of another shape, are different events")


def test_default_keeps_every_item():
    a = [(1, np.array([1.0])), (1, np.array([1.0]))]
    b = [(1, np.array([1.0]))]
    got = list(merge_streams(iter(a), iter(b)))
    assert len(got) == 3 and got[0] is a[0] and got[1] is a[1] and got[2] is b[0], \
        "without dedupe (the default) every item is yielded, as in part 1"


def test_matches_reference_on_random_streams():
    rng = np.random.default_rng(7)
    for n_a, n_b in [(60, 60), (300, 20), (0, 50), (500, 500)]:
        a, b = _stream(rng, n_a), _stream(rng, n_b)
        _check(merge_streams((x for x in a), (y for y in b), dedupe=True), _reference(a, b),
               f"random streams of {n_a} and {n_b} items")


def test_lazy_and_one_item_ahead_with_dedupe():
    read = [0]

    def counted(gen):
        for item in gen:
            read[0] += 1
            yield item

    a = counted((t // 2, np.array([float(t % 2)])) for t in itertools.count())
    b = counted((t // 3, np.array([float(t % 3)])) for t in itertools.count())
    gen = merge_streams(a, b, dedupe=True)
    for k in range(1, 200):
        next(gen)
    # every timestamp has 3 distinct vectors 0, 1, 2 (b repeats 0 and 1): 5 items read per 3 yielded
    assert read[0] <= 199 * 5 // 3 + 4, f"read {read[0]} items to yield 199 distinct ones: read one item at a time"


def test_memory_stays_bounded_on_a_long_stream():
    # 60,000 distinct events (30,000 per stream): remembering every yielded event (a global set) grows by megabytes;
    # only the events at the current timestamp need to be kept
    def src(tag):
        return ((t, np.array([tag, float(t)])) for t in range(30_000))

    tracemalloc.start()
    try:
        gen = merge_streams(src(0.0), src(1.0), dedupe=True)
        for _ in itertools.islice(gen, 5_000):
            pass
        base = tracemalloc.get_traced_memory()[0]
        for _ in itertools.islice(gen, 55_000):
            pass
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000, f"memory grew by {grown / 1e6:.1f} MB over 50,000 events: keep only the current timestamp's events"
