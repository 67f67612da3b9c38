import hashlib
import tracemalloc

import numpy as np

from mlprep_harness.checks import as_array as _as_array, as_tuple as _as_tuple
import solution

ATOL = 1e-9


def _user_sparse(*args, **kwargs):
    """Your hash_features_sparse, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "hash_features_sparse", None)
    assert callable(fn), "define hash_features_sparse(rows, n_features, seed=0, crosses=()) in solution.py (part 3)"
    return fn(*args, **kwargs)


def hash_features_sparse(rows, n_features, **kwargs):
    """Your hash_features_sparse, its result checked to be a CSR triple (indptr, indices, data) with
    the dtypes, lengths and row pointers the statement gives, before a test uses it."""
    got = _as_tuple(_user_sparse(rows, n_features, **kwargs), 3, ("indptr", "indices", "data"), "hash_features_sparse result")
    indptr = _as_array(got[0], (len(rows) + 1,), "indptr", "iu")
    indices = _as_array(got[1], (None,), "indices", "iu")
    data = _as_array(got[2], (len(indices),), "data (one value per entry of indices)")
    assert indptr.dtype == np.int64 and indices.dtype == np.int64, \
        f"indptr and indices must be int64, got {indptr.dtype} and {indices.dtype}"
    assert data.dtype == np.float64, f"data must be float64, got {data.dtype}"
    assert indptr[0] == 0 and indptr[-1] == len(indices), \
        f"indptr must start at 0 and end at len(indices) = {len(indices)}, got {indptr[0]} ... {indptr[-1]}"
    assert np.all(np.diff(indptr) >= 0), "indptr must be non-decreasing"
    assert len(indices) == 0 or (indices.min() >= 0 and indices.max() < n_features), "column index out of range"
    return indptr, indices, data


def _col_sign(token, seed, n_features):
    h = int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")
    return h % n_features, (1.0 if (h >> 63) & 1 == 0 else -1.0)


def _token(name, value):
    return (f"{name}={value}", 1.0) if isinstance(value, str) else (name, float(value))


def _tokens(row, crosses):
    out = [_token(n, v) for n, v in row.items()]
    for cross in crosses:
        if all(n in row for n in cross):
            parts = [_token(n, row[n]) for n in cross]
            out.append(("^".join(t for t, _ in parts), float(np.prod([w for _, w in parts]))))
    return out


def _reference_rows(rows, n_features, seed=0, crosses=()):
    """Per row a dict column -> sum (the dense matrix without its zeros)."""
    out = []
    for row in rows:
        acc = {}
        for tok, w in _tokens(row, crosses):
            c, s = _col_sign(tok, seed, n_features)
            acc[c] = acc.get(c, 0.0) + s * w
        out.append(acc)
    return out


def _check_rows(csr, rows, n_features, seed=0, crosses=(), what=""):
    indptr, indices, data = csr
    want = _reference_rows(rows, n_features, seed, crosses)
    for r, acc in enumerate(want):
        cols = indices[indptr[r]:indptr[r + 1]]
        vals = data[indptr[r]:indptr[r + 1]]
        assert np.all(np.diff(cols) > 0), \
            f"{what}: row {r}: columns {cols.tolist()[:8]} must be strictly ascending (sorted, each column once)"
        assert np.all(vals != 0.0), f"{what}: row {r}: stored an explicit 0.0 (entries that add up to 0 are left out)"
        got = dict(zip(cols.tolist(), vals.tolist()))
        missing = [c for c, v in acc.items() if abs(v) > ATOL and c not in got]
        extra = [c for c in got if abs(acc.get(c, 0.0)) <= ATOL and abs(got[c]) > ATOL]
        assert not missing and not extra, \
            f"{what}: row {r}: columns missing {missing[:5]}, unexpected columns {extra[:5]}"
        for c, v in got.items():
            assert abs(v - acc.get(c, 0.0)) <= ATOL * (1 + abs(v)), \
                f"{what}: row {r}, column {c}: value {v}, expected {acc.get(c, 0.0)}"


def _random_rows(rng, n):
    rows = []
    for _ in range(n):
        row = {}
        for j in rng.choice(10, size=rng.integers(0, 7), replace=False):
            if j < 5:
                row[f"cat{j}"] = f"v{rng.integers(0, 12)}"
            else:
                row[f"num{j}"] = int(rng.integers(-5, 20)) if j < 8 else float(np.round(rng.normal() * 3, 2))
        rows.append(row)
    return rows


def test_same_matrix_as_dense_on_random_rows():
    rng = np.random.default_rng(1)
    rows = _random_rows(rng, 250)
    crosses = [("cat0", "cat1"), ("cat2", "num6")]
    for n_features, seed in ((8, 0), (64, 3), (2 ** 14, 11)):
        csr = hash_features_sparse(rows, n_features, seed=seed, crosses=crosses)
        _check_rows(csr, rows, n_features, seed, crosses, f"n_features={n_features}, seed={seed}")


def test_collisions_merged_into_one_sorted_entry():
    # n_features = 1: every token of a row lands in column 0 and must become ONE entry
    rows = [{"a": 2.0, "b": -1.5, "c": "x", "d": 4}, {"e": "y"}, {"f": 0.25, "g": 3}]
    indptr, indices, data = hash_features_sparse(rows, 1)
    assert indptr.tolist() == [0, 1, 2, 3], f"n_features=1: one entry per row, got indptr {indptr.tolist()}"
    _check_rows((indptr, indices, data), rows, 1, what="n_features=1")
    rng = np.random.default_rng(4)
    rows = _random_rows(rng, 100)
    _check_rows(hash_features_sparse(rows, 4, seed=2), rows, 4, 2, what="n_features=4 (many collisions)")


def test_cancelled_entries_are_left_out():
    # two tokens in one column with opposite signs and equal weights sum to exactly 0: no entry;
    # a numeric feature with value 0 adds no entry either
    seen = {}
    for i in range(10_000):
        c, s = _col_sign(f"k={i}", 0, 16)
        if (c, -s) in seen:
            t1, t2 = seen[(c, -s)], str(i)
            break
        seen.setdefault((c, s), str(i))
    rows = [{"k": t1, f"k={t2}": 1.0}, {"zero": 0.0, "k": t1}]
    csr = hash_features_sparse(rows, 16)
    indptr, indices, _ = csr
    assert indptr[1] == 0, (f"row 0: 'k={t1}' and 'k={t2}' cancel in column {c} (signs opposite, weight 1): "
                            f"the row must have no entries, got columns {indices[:indptr[1]].tolist()}")
    _check_rows(csr, rows, 16, what="cancelled collisions")
    assert indptr[2] - indptr[1] == 1, "row 1: a numeric value 0.0 must not be stored (only 'k=...' remains)"


def test_empty_rows_and_empty_input():
    indptr, indices, data = hash_features_sparse([{}, {"a": "b"}, {}], 10)
    assert indptr.tolist()[:2] == [0, 0] and indptr[3] == indptr[2], \
        f"empty rows have no entries: indptr {indptr.tolist()}"
    indptr, indices, data = hash_features_sparse([], 7)
    assert indptr.tolist() == [0] and len(indices) == 0 and len(data) == 0, \
        f"no rows: indptr [0] and empty indices/data, got {indptr.tolist()}, {len(indices)}, {len(data)}"


def test_memory_does_not_grow_with_n_features():
    # 30 rows into 2**20 columns: one dense row alone is 8 MB, the whole dense matrix 250 MB;
    # allowed: 1 MB plus 400 bytes per token
    rng = np.random.default_rng(7)
    rows = _random_rows(rng, 30)
    n_tokens = sum(len(_tokens(r, [("cat0", "cat1")])) for r in rows)
    budget = 1_000_000 + 400 * n_tokens
    tracemalloc.start()
    try:
        csr = hash_features_sparse(rows, 2 ** 20, seed=5, crosses=[("cat0", "cat1")])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= budget, (f"peak memory {peak / 1e6:.1f} MB for {n_tokens} tokens, allowed {budget / 1e6:.2f} MB: "
                            "build the entries from the tokens, never a dense row of n_features values")
    _check_rows(csr, rows, 2 ** 20, 5, [("cat0", "cat1")], "30 rows, 2**20 columns")


def test_invalid_crosses_raise_and_rows_untouched():
    rows = [{"a": "x", "b": 1.0}, {"a": "y"}]
    for bad in ([("a",)], [("a", "a")], [("a", "b"), ()], [("a", "b", "a")]):
        try:
            _user_sparse(rows, 8, crosses=bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"hash_features_sparse(crosses={bad!r}) must raise ValueError as in part 2 "
                                 "(a cross needs >= 2 names, all distinct)")
    saved = [dict(r) for r in rows]
    hash_features_sparse(rows, 8, crosses=[("a", "b")])
    assert rows == saved, "rows were modified"
