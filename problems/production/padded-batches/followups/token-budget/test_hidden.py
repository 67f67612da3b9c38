import itertools

import numpy as np

from mlprep_harness.checks import describe as _describe, as_tuple as _as_tuple, as_array as _as_array
import solution


def _user_token_budget_batches(*args, **kwargs):
    """Your token_budget_batches, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "token_budget_batches", None)
    assert callable(fn), "define token_budget_batches(sequences, max_tokens, buffer_size, pad_value=0) in solution.py (part 3)"
    return fn(*args, **kwargs)


def token_budget_batches(sequences, max_tokens, buffer_size, **kw):
    """Your token_budget_batches, each yielded item checked as it is pulled (laziness unchanged) to
    be a tuple (batch 2-D int64 array, lengths (b,) int array, indices (b,) int array)."""
    got = _user_token_budget_batches(sequences, max_tokens, buffer_size, **kw)
    assert hasattr(got, "__iter__"), "token_budget_batches result: expected a generator, got %s" % _describe(got)

    def checked():
        for j, item in enumerate(got):
            batch, lengths, indices = _as_tuple(item, 3, ("batch", "lengths", "indices"), "item %d" % j)
            assert isinstance(batch, np.ndarray) and batch.ndim == 2, "batch %d: expected a 2-D array, got %s" % (j, _describe(batch))
            assert batch.dtype == np.int64, "batch %d: dtype must be int64, got %s" % (j, batch.dtype)
            assert batch.shape[0] >= 1, "batch %d: a batch has at least one row, got %s" % (j, _describe(batch))
            _as_array(lengths, (batch.shape[0],), "lengths %d" % j, "iu")
            _as_array(indices, (batch.shape[0],), "indices %d" % j, "iu")
            yield batch, lengths, indices
    return checked()


def _cost(rows, longest):
    return rows * max(longest, 1)


def _reference(seqs, max_tokens, buffer_size, pad_value=0):
    """Stable sort per buffer, then greedy cut: add the next item while rows * max(longest, 1) fits."""
    groups = []
    for b0 in range(0, len(seqs), buffer_size):
        pos = sorted(range(b0, min(b0 + buffer_size, len(seqs))), key=lambda i: len(seqs[i]))
        cur = []
        for i in pos:
            if cur and _cost(len(cur) + 1, len(seqs[i])) > max_tokens:
                groups.append(cur)
                cur = []
            cur.append(i)
        if cur:
            groups.append(cur)
    out = []
    for idx in groups:
        width = max(len(seqs[i]) for i in idx)
        rows = [list(seqs[i]) + [pad_value] * (width - len(seqs[i])) for i in idx]
        out.append((np.array(rows, dtype=np.int64).reshape(len(idx), width),
                    np.array([len(seqs[i]) for i in idx]), np.array(idx)))
    return out


def _check(got, expected, what):
    got = list(got)
    assert len(got) == len(expected), f"{what}: expected {len(expected)} batches, got {len(got)} " \
                                      f"(rows per batch {[len(g[2]) for g in got][:12]}, expected {[len(e[2]) for e in expected][:12]})"
    for j, (g, e) in enumerate(zip(got, expected)):
        np.testing.assert_array_equal(g[2], e[2], err_msg=f"{what}: batch {j}: stream positions (indices) differ")
        assert g[0].shape == e[0].shape, f"{what}: batch {j}: shape {g[0].shape}, expected {e[0].shape}"
        np.testing.assert_array_equal(g[0], e[0], err_msg=f"{what}: batch {j}: values differ")
        np.testing.assert_array_equal(g[1], e[1], err_msg=f"{what}: batch {j}: lengths differ")


def _seqs(rng, n, lo=0, hi=100):
    return [rng.integers(1, 1000, size=int(rng.integers(lo, hi + 1))).tolist() for _ in range(n)]


def test_matches_stated_rule_on_random_streams():
    rng = np.random.default_rng(1)
    for max_tokens, buffer_size, n in [(40, 16, 70), (64, 12, 61), (25, 3, 20), (100, 64, 64), (7, 10, 45)]:
        seqs = _seqs(rng, n, 0, 30)
        _check(token_budget_batches(iter(seqs), max_tokens, buffer_size), _reference(seqs, max_tokens, buffer_size),
               f"max_tokens={max_tokens}, buffer_size={buffer_size}, {n} items")


def test_budget_counts_padded_cells_and_exact_fit():
    # lengths 1, 1, 1, 7 with max_tokens 12: real tokens 10 fit, padded cells 4 * 7 = 28 do not
    seqs = [[1], [2], [3], [4] * 7]
    _check(token_budget_batches(seqs, 12, 4), _reference(seqs, 12, 4), "budget on padded cells (rows x longest)")
    # four sequences of length 4 and max_tokens 16: 4 * 4 = 16 fits exactly -> one batch
    seqs = [[k] * 4 for k in range(4)]
    got = list(token_budget_batches(seqs, 16, 8))
    assert len(got) == 1 and got[0][0].shape == (4, 4), \
        f"4 rows x 4 tokens = 16 cells must fit max_tokens=16 in one batch, got shapes {[g[0].shape for g in got]}"
    got = list(token_budget_batches(seqs, 15, 8))
    assert [g[0].shape for g in got] == [(3, 4), (1, 4)], \
        f"max_tokens=15: expected batches of shape (3, 4) and (1, 4), got {[g[0].shape for g in got]}"


def test_every_multi_row_batch_within_budget_and_padding_low():
    # lengths uniform on 1..100, max_tokens 2048, buffers of 1024: batches nearly full, little padding
    rng = np.random.default_rng(4)
    seqs = _seqs(rng, 4096, 1, 100)
    got = list(token_budget_batches(iter(seqs), 2048, 1024))
    for j, (b, l, _) in enumerate(got):
        assert b.shape[0] == 1 or b.size <= 2048, f"batch {j}: {b.shape[0]} rows x {b.shape[1]} = {b.size} cells > max_tokens 2048"
    cells = sum(b.size for b, *_ in got)
    real = sum(int(np.sum(l)) for _, l, _ in got)
    assert sum(len(l) for _, l, _ in got) == 4096, "every item must be in exactly one batch"
    assert (cells - real) / cells < 0.06, f"padding ratio {(cells - real) / cells:.3f}, expected below 0.06"
    assert cells / (len(got) * 2048) > 0.9, \
        f"batches use {cells / (len(got) * 2048):.2f} of the budget on average; greedy filling gives over 0.9"
    _check(got, _reference(seqs, 2048, 1024), "4096 items")


def test_oversized_item_alone_and_empty_sequences():
    # an item longer than max_tokens is yielded alone; empty sequences cost 1 cell per row
    seqs = [[1, 2], [9] * 50, [3], [4, 5]]
    _check(token_budget_batches(seqs, 10, 4, pad_value=-1), _reference(seqs, 10, 4, -1), "an item of 50 tokens, max_tokens=10")
    seqs = [[] for _ in range(10)]
    got = list(token_budget_batches(seqs, 4, 10))
    assert [g[0].shape for g in got] == [(4, 0), (4, 0), (2, 0)], \
        f"10 empty sequences, max_tokens=4 (each row costs at least 1): expected shapes (4, 0), (4, 0), (2, 0), got {[g[0].shape for g in got]}"


def test_batches_never_span_buffers():
    seqs = [[1], [2], [3], [4], [5], [6], [7]]
    got = list(token_budget_batches(seqs, 100, 3))
    assert [g[2].tolist() for g in got] == [[0, 1, 2], [3, 4, 5], [6]], \
        f"buffers of 3: each buffer is cut on its own, got index groups {[g[2].tolist() for g in got]}"


def test_lazy_on_endless_source():
    pulled = [0]

    def endless():
        for i in itertools.count():
            if pulled[0] >= 10_000:
                raise AssertionError("read 10,000 items from an endless source (not lazy)")
            pulled[0] += 1
            yield [i] * (i % 7)

    gen = token_budget_batches(endless(), 12, 20)
    yielded = 0
    for j in range(1, 16):
        _, lengths, _ = next(gen)
        yielded += len(lengths)
        allowed = 20 * -(-yielded // 20)
        assert pulled[0] <= allowed, f"after {yielded} items in {j} batches {pulled[0]} were read; at most {allowed} (the current buffer)"


def test_empty_input_and_errors():
    assert list(token_budget_batches([], 8, 4)) == [], "empty input yields nothing"
    for mt, buf in [(0, 4), (8, 0), (-1, 4)]:
        try:
            next(iter(_user_token_budget_batches([[1]], mt, buf)))
        except ValueError:
            continue
        raise AssertionError(f"max_tokens={mt}, buffer_size={buf} must raise ValueError (both must be >= 1)")
