import itertools

import numpy as np

from mlprep_harness.checks import describe as _describe, as_tuple as _as_tuple, as_array as _as_array
import solution


def _user_bucketed_batches(*args, **kwargs):
    """Your bucketed_batches, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "bucketed_batches", None)
    assert callable(fn), "define bucketed_batches(sequences, batch_size, buffer_size, pad_value=0) in solution.py (part 2)"
    return fn(*args, **kwargs)


def bucketed_batches(sequences, batch_size, buffer_size, **kw):
    """Your bucketed_batches, each yielded item checked as it is pulled (laziness unchanged) to be
    a tuple (batch 2-D int array, lengths (b,) int array, indices (b,) int array)."""
    got = _user_bucketed_batches(sequences, batch_size, buffer_size, **kw)
    assert hasattr(got, "__iter__"), "bucketed_batches result: expected a generator, got %s" % _describe(got)

    def checked():
        for j, item in enumerate(got):
            batch, lengths, indices = _as_tuple(item, 3, ("batch", "lengths", "indices"), "item %d" % j)
            assert isinstance(batch, np.ndarray) and batch.ndim == 2, "batch %d: expected a 2-D array, got %s" % (j, _describe(batch))
            assert batch.dtype == np.int64, "batch %d: dtype must be int64, got %s" % (j, batch.dtype)
            assert 1 <= batch.shape[0] <= batch_size, "batch %d: expected 1 to %d rows, got %s" % (j, batch_size, _describe(batch))
            _as_array(lengths, (batch.shape[0],), "lengths %d" % j, "iu")
            _as_array(indices, (batch.shape[0],), "indices %d" % j, "iu")
            yield batch, lengths, indices
    return checked()


def _reference(seqs, batch_size, buffer_size, pad_value=0):
    out = []
    for b0 in range(0, len(seqs), buffer_size):
        pos = list(range(b0, min(b0 + buffer_size, len(seqs))))
        pos.sort(key=lambda i: len(seqs[i]))           # Python's sort is stable
        for s0 in range(0, len(pos), batch_size):
            idx = pos[s0:s0 + batch_size]
            width = max(len(seqs[i]) for i in idx)
            rows = [list(seqs[i]) + [pad_value] * (width - len(seqs[i])) for i in idx]
            out.append((np.array(rows, dtype=np.int64).reshape(len(idx), width),
                        np.array([len(seqs[i]) for i in idx]), np.array(idx)))
    return out


def _check(got, expected, what):
    got = list(got)
    assert len(got) == len(expected), f"{what}: expected {len(expected)} batches, got {len(got)}"
    for j, (g, e) in enumerate(zip(got, expected)):
        np.testing.assert_array_equal(g[2], e[2], err_msg=f"{what}: batch {j}: stream positions (indices) differ")
        assert g[0].shape == e[0].shape, f"{what}: batch {j}: shape {g[0].shape}, expected {e[0].shape}"
        np.testing.assert_array_equal(g[0], e[0], err_msg=f"{what}: batch {j}: values differ")
        np.testing.assert_array_equal(g[1], e[1], err_msg=f"{what}: batch {j}: lengths differ")


def _seqs(rng, n, lo=0, hi=100):
    return [rng.integers(1, 1000, size=int(rng.integers(lo, hi + 1))).tolist() for _ in range(n)]


def _padding_ratio(batches):
    cells = sum(b.size for b, *_ in batches)
    real = sum(int(np.sum(l)) for _, l, *_ in batches)
    return (cells - real) / cells


def test_matches_stated_rule_on_random_streams():
    rng = np.random.default_rng(1)
    for batch_size, buffer_size, n in [(4, 16, 70), (5, 12, 61), (3, 3, 20), (8, 64, 64)]:
        seqs = _seqs(rng, n, 0, 30)
        _check(bucketed_batches(iter(seqs), batch_size, buffer_size), _reference(seqs, batch_size, buffer_size),
               f"batch_size={batch_size}, buffer_size={buffer_size}, {n} items")


def test_equal_lengths_keep_arrival_order():
    # 200 items with only 3 distinct lengths: the sort must be stable (np.argsort's default is not)
    rng = np.random.default_rng(2)
    seqs = [[int(i)] * int(rng.integers(1, 4)) for i in range(200)]
    _check(bucketed_batches(seqs, 10, 200), _reference(seqs, 10, 200), "many equal lengths (stable sort)")


def test_every_item_once_with_stream_positions():
    rng = np.random.default_rng(3)
    seqs = _seqs(rng, 103, 0, 20)
    got = list(bucketed_batches(iter(seqs), 6, 24))
    pos = np.concatenate([i for _, _, i in got])
    np.testing.assert_array_equal(np.sort(pos), np.arange(103), err_msg="every stream position exactly once")
    for b, l, idx in got:
        for row, length, p in zip(b, l, idx):
            assert length == len(seqs[p]) and list(row[:length]) == seqs[p], f"row for stream position {p} does not hold item {p}"


def test_padding_ratio_bound():
    # lengths uniform on 1..100: plain batches of 16 pad about 45% of the cells; sorting buffers of
    # 1024 items leaves batches whose lengths differ by about 2, under 5% padding
    rng = np.random.default_rng(4)
    seqs = _seqs(rng, 4096, 1, 100)
    got = list(bucketed_batches(iter(seqs), 16, 1024))
    ratio = _padding_ratio(got)
    plain = _padding_ratio(_reference([s for s in seqs], 16, 16))
    assert plain > 0.3, "test setup: plain batching must pad a lot"
    assert ratio < 0.05, f"padding ratio {ratio:.3f} with buffers of 1024 items must be below 0.05 (plain batches: {plain:.3f})"


def test_lazy_on_endless_source():
    pulled = [0]

    def endless():
        for i in itertools.count():
            if pulled[0] >= 10_000:
                raise AssertionError("read 10,000 items from an endless source (not lazy)")
            pulled[0] += 1
            yield [i] * (i % 7)

    gen = bucketed_batches(endless(), 4, 20)
    for j in range(1, 11):
        next(gen)
        buffers = (j + 4) // 5                     # 5 batches per buffer of 20
        assert pulled[0] <= 20 * buffers, f"after batch {j} {pulled[0]} items were read; at most {20 * buffers} allowed"


def test_last_partial_buffer_empty_input_and_errors():
    seqs = [[1, 2, 3], [4], [], [5, 6]]
    _check(bucketed_batches(seqs, 3, 3, pad_value=-1), _reference(seqs, 3, 3, -1), "last buffer with one item, pad -1")
    assert list(bucketed_batches([], 2, 4)) == [], "empty input yields nothing"
    for bs, buf in [(0, 4), (5, 4)]:
        try:
            next(iter(_user_bucketed_batches([[1]], bs, buf)))
        except ValueError:
            continue
        raise AssertionError(f"batch_size={bs}, buffer_size={buf} must raise ValueError (need 1 <= batch_size <= buffer_size)")
