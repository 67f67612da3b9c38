import itertools

import numpy as np

from solution import padded_batches as _user_padded_batches
from mlprep_harness.checks import describe as _describe, as_tuple as _as_tuple


def padded_batches(sequences, batch_size, *args, **kwargs):
    """Your padded_batches (arguments passed on as given, so pad_value's default is tested), with
    every item it yields checked, as it is pulled (laziness unchanged), to be a tuple (batch,
    lengths): a 2-D integer array of at most batch_size rows and an integer array of one length
    per row."""
    got = _user_padded_batches(sequences, batch_size, *args, **kwargs)
    assert hasattr(got, "__iter__"), \
        "padded_batches result: expected a generator of (batch, lengths) tuples, got %s" % _describe(got)
    return _checked_batches(got, batch_size)


def _checked_batches(got, batch_size):
    """Pass on the user's batches one at a time, each checked before a test uses it."""
    for j, item in enumerate(got):
        batch, lengths = _as_tuple(item, 2, ("batch", "lengths"), "batch %d" % j)
        _as_array(batch, ("b", "max_len"), "batch %d" % j, "iu")
        # (an invalid batch_size is left to the test that expects a ValueError)
        assert batch_size < 1 or 1 <= batch.shape[0] <= batch_size, "batch %d: expected 1 to %d rows (batch_size), got %s" % (
            j, batch_size, _describe(batch))
        _as_array(lengths, (batch.shape[0],), "lengths %d (one per row of batch %d)" % (j, j), "iu")
        yield batch, lengths


def _as_array(got, shape, what, kinds="f"):
    """`got` if it is a NumPy array of `shape` (None or a name matches any length on that axis) whose dtype
    kind is one of `kinds` ('f' float, 'iu' integer, 'b' bool), else an AssertionError naming what
    came back (before any test does arithmetic on it)."""
    dims = ["n" if d is None else str(d) for d in shape]  # a str names a free axis
    want = "an array of shape (%s)" % (dims[0] + "," if len(dims) == 1 else ", ".join(dims))
    assert isinstance(got, np.ndarray), "%s: expected %s, got %s" % (what, want, _describe(got))
    ok = got.ndim == len(shape) and all(d is None or isinstance(d, str) or d == g for d, g in zip(shape, got.shape))
    assert ok, "%s: expected %s, got %s" % (what, want, _describe(got))
    assert got.dtype.kind in kinds, "%s: expected a%s array, got dtype %s" % (
        what, {"f": " float", "iu": "n integer", "b": " bool"}.get(kinds, " numeric"), got.dtype)
    return got


class _CountingSource:
    """Endless source of sequences that records how many items were read."""

    def __init__(self, limit=100_000):
        self.pulled = 0
        self.limit = limit

    def __iter__(self):
        for i in itertools.count():
            if self.pulled >= self.limit:
                raise AssertionError(f"read more than {self.limit} items from an endless source (not lazy)")
            self.pulled += 1
            yield list(range(i % 5))


def _reference(seqs, batch_size, pad_value):
    out = []
    for start in range(0, len(seqs), batch_size):
        chunk = [list(s) for s in seqs[start:start + batch_size]]
        width = max(len(s) for s in chunk)
        rows = [s + [pad_value] * (width - len(s)) for s in chunk]
        out.append((np.array(rows, dtype=np.int64).reshape(len(chunk), width),
                    np.array([len(s) for s in chunk], dtype=np.int64)))
    return out


def _check(got, expected):
    got = list(got)
    assert len(got) == len(expected), f"expected {len(expected)} batches, got {len(got)}"
    for j, ((gb, gl), (eb, el)) in enumerate(zip(got, expected)):
        gb, gl = np.asarray(gb), np.asarray(gl)
        assert gb.shape == eb.shape, f"batch {j}: shape {gb.shape}, expected {eb.shape}"
        assert gl.shape == el.shape, f"lengths {j}: shape {gl.shape}, expected {el.shape}"
        np.testing.assert_array_equal(gb, eb, err_msg=f"batch {j} values differ")
        np.testing.assert_array_equal(gl, el, err_msg=f"lengths {j} differ")


def _random_seqs(rng, n, max_len=12):
    seqs = []
    for i in range(n):
        s = rng.integers(1, 1000, size=int(rng.integers(0, max_len + 1)))
        kind = i % 3
        seqs.append(s if kind == 0 else (list(map(int, s)) if kind == 1 else tuple(map(int, s))))
    return seqs


def test_pads_to_longest_in_each_batch_not_global():
    seqs = [[1], [2, 3], [4, 5, 6, 7, 8, 9], [10]]
    out = list(padded_batches(seqs, batch_size=2))
    shapes = [np.asarray(b).shape for b, _ in out]
    assert shapes == [(2, 2), (2, 6)], f"batch shapes {shapes}, expected [(2, 2), (2, 6)] (pad per batch)"
    _check(out, _reference(seqs, 2, 0))


def test_last_partial_batch_is_yielded():
    seqs = [[1, 2], [3], [4, 5, 6], [7], [8, 9]]
    out = list(padded_batches(seqs, batch_size=2))
    assert len(out) == 3, f"expected 3 batches (last one with 1 row), got {len(out)}"
    _check(out, _reference(seqs, 2, 0))


def test_empty_input_yields_nothing():
    assert list(padded_batches([], batch_size=3)) == [], "empty list must yield no batch"
    assert list(padded_batches(iter(()), batch_size=3)) == [], "empty generator must yield no batch"


def test_lazy_on_endless_source():
    src = _CountingSource(limit=1000)
    gen = padded_batches(iter(src), batch_size=4)
    for j in range(1, 4):
        batch, lengths = next(gen)
        assert np.asarray(batch).shape[0] == 4, "batch from an endless source must be full"
        assert src.pulled <= 4 * j, (
            f"after yielding batch {j}, {src.pulled} items were read; at most {4 * j} allowed")
    got = list(itertools.islice(padded_batches(iter(_CountingSource(limit=1000)), batch_size=7), 5))
    assert len(got) == 5, "islice over an endless source must give 5 batches"


def test_all_empty_sequences_give_zero_width_batch():
    seqs = [[], np.array([], dtype=np.int64), (), [3, 4], []]
    out = list(padded_batches(seqs, batch_size=3))
    assert len(out) == 2, f"expected 2 batches, got {len(out)}"
    b0, l0 = np.asarray(out[0][0]), np.asarray(out[0][1])
    assert b0.shape == (3, 0), f"all-empty batch should have shape (3, 0), got {b0.shape}"
    np.testing.assert_array_equal(l0, [0, 0, 0])
    _check(out, _reference(seqs, 3, 0))


def test_dtype_int64_and_pad_value_used():
    seqs = [np.array([1, 2, 3], dtype=np.int32), np.array([4], dtype=np.int32), [2 ** 40]]
    out = list(padded_batches(seqs, batch_size=3, pad_value=-7))
    batch, lengths = out[0]
    assert isinstance(batch, np.ndarray) and isinstance(lengths, np.ndarray), "batch and lengths must be numpy arrays"
    assert batch.dtype == np.int64, f"batch dtype {batch.dtype}, expected int64"
    assert lengths.dtype == np.int64, f"lengths dtype {lengths.dtype}, expected int64"
    _check(out, _reference(seqs, 3, -7))


def test_batches_stay_valid_after_later_batches():
    seqs = [[i, i + 1, i + 2][: i % 4] for i in range(1, 10)]
    out = list(padded_batches(seqs, batch_size=2, pad_value=-1))
    _check(out, _reference(seqs, 2, -1))


def test_matches_reference_on_random_stream():
    rng = np.random.default_rng(123)
    for batch_size in (1, 3, 8, 50):
        seqs = _random_seqs(rng, 41)
        copies = [np.array(s, copy=True) for s in seqs]
        got = padded_batches((s for s in seqs), batch_size=batch_size, pad_value=0)
        _check(got, _reference(seqs, batch_size, 0))
        for s, c in zip(seqs, copies):
            np.testing.assert_array_equal(np.asarray(s), c, err_msg="an input sequence was modified")


def test_invalid_batch_size_raises():
    for bad in (0, -2):
        try:
            next(iter(padded_batches([[1, 2]], batch_size=bad)))
        except ValueError:
            continue
        raise AssertionError(f"batch_size={bad} should raise ValueError")
