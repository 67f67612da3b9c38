import itertools

import numpy as np

from mlprep_harness.checks import describe as _describe
from mlprep_harness.timing import assert_relative_speed, load_reference
import solution


def _user_merge_k_streams(*args, **kwargs):
    """Your merge_k_streams, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "merge_k_streams", None)
    assert callable(fn), "define merge_k_streams(streams, dedupe=False) in solution.py (part 3)"
    return fn(*args, **kwargs)


def merge_k_streams(streams, **kw):
    """Your merge_k_streams, every yielded item checked as it is pulled to be a (timestamp, vector) tuple."""
    got = _user_merge_k_streams(streams, **kw)
    assert hasattr(got, "__iter__"), \
        "merge_k_streams result: expected a generator of (timestamp, vector) tuples, got %s" % _describe(got)

    def checked():
        for i, item in enumerate(got):
            assert isinstance(item, tuple) and len(item) == 2, \
                "item %d: expected a (timestamp, vector) tuple from the input, unchanged, got %s" % (i, _describe(item))
            yield item
    return checked()


class _NoCompare:
    """Stands in for a vector; any ordering comparison is a bug."""

    def __init__(self, tag):
        self.tag = tag

    def _fail(self, other):
        raise AssertionError("merge_k_streams compared vectors (or items); compare timestamps only")

    __lt__ = __le__ = __gt__ = __ge__ = _fail


def _reference(streams, dedupe=False):
    """Stable sort of all items in stream order == merge with ties to the lower stream index."""
    out = []
    for item in sorted([it for s in streams for it in s], key=lambda it: it[0]):
        if not dedupe or not any(t == item[0] and np.array_equal(v, item[1]) for t, v in out):
            out.append(item)
    return out


def _check(got, expected, what):
    got = list(got)
    assert len(got) == len(expected), f"{what}: yielded {len(got)} items, expected {len(expected)}"
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g[0] == e[0], f"{what}: item {i}: timestamp {g[0]}, expected {e[0]}"
        assert g is e, f"{what}: item {i} (timestamp {e[0]}): not the expected input item (wrong stream or order on a tie)"


def _stream(rng, n, values=1000):
    ts = np.sort(rng.integers(0, max(n // 2, 1) + 1, size=n))
    return [(int(t), rng.integers(0, values, size=2).astype(float)) for t in ts]


def test_ties_go_to_lower_stream_index():
    s = [[(5, np.array([float(k), float(j)])) for j in range(2)] for k in range(4)]
    _check(merge_k_streams([iter(x) for x in s]), [it for x in s for it in x],
           "4 streams, all timestamps equal: stream 0's items first, then stream 1's, ...")


def test_vectors_are_never_compared():
    streams = [[(t, _NoCompare((k, i))) for i, t in enumerate(ts)]
               for k, ts in enumerate([[1, 2, 2, 4], [2, 2, 3], [], [1, 4, 4, 4], [2]])]
    got = [(t, v.tag) for t, v in merge_k_streams([iter(s) for s in streams])]
    assert got == [(t, v.tag) for t, v in _reference(streams)], f"order differs: got {got}"


def test_matches_reference_on_random_streams():
    rng = np.random.default_rng(3)
    for sizes in ([50, 50, 50], [0, 200, 7, 1, 0, 30], [300], [], [0, 0], [20] * 40):
        streams = [_stream(rng, n) for n in sizes]
        _check(merge_k_streams([(x for x in s) for s in streams]), _reference(streams), f"stream sizes {sizes}")


def test_int_and_float_timestamps_tie():
    s0, s1, s2 = [(3, np.array([0.0]))], [(3.0, np.array([1.0]))], [(2.5, np.array([2.0])), (3, np.array([3.0]))]
    _check(merge_k_streams([iter(s1), iter(s0), iter(s2)]), [s2[0], s1[0], s0[0], s2[1]], "3 == 3.0 is a tie")


def test_lazy_reads_at_most_one_item_per_stream_ahead():
    read = [0]

    def counted(gen):
        for item in gen:
            if read[0] >= 100_000:
                raise AssertionError("read 100,000 items from endless streams (not lazy)")
            read[0] += 1
            yield item

    k = 6
    streams = [counted((t, np.array([float(j)])) for t in itertools.count(j, k - j % 3)) for j in range(k)]
    gen = merge_k_streams(streams)
    last = -1
    for n in range(1, 301):
        t, _ = next(gen)
        assert t >= last, "output is not sorted by timestamp"
        last = t
        assert read[0] <= n + k, f"after {n} yielded items {read[0]} were read; at most {n + k} (one head per stream)"


def test_dedupe_across_many_streams():
    rng = np.random.default_rng(9)
    streams = [_stream(rng, n, values=2) for n in (40, 40, 40, 5)]
    _check(merge_k_streams([iter(s) for s in streams], dedupe=True), _reference(streams, dedupe=True),
           "dedupe=True over 4 streams (same rule as merge_streams)")
    _check(merge_k_streams([iter(s) for s in streams]), _reference(streams), "default dedupe=False keeps every item")


# Scale tests last.
def test_scale_heap_on_1000_streams():
    rng = np.random.default_rng(2024)
    k, n = 1000, 10
    streams = [[(int(t), None) for t in np.sort(rng.integers(0, 5000, n))] for _ in range(k)]
    reference = load_reference(__file__).merge_k_streams
    out = assert_relative_speed(
        candidate=lambda: list(merge_k_streams([iter(s) for s in streams])),
        reference=lambda: list(reference([iter(s) for s in streams])),
        factor=10, slack_ms=50, key="merge-sorted-streams/k-way-1000",
        what="merging 1,000 streams of 10 items must run within 10x the time of a heap-based reference "
             "plus 50 ms (a scan over all stream heads per item is O(k) per item)")
    _check(out, _reference(streams), "1,000 streams")
