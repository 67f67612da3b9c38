"""Bug: hash_features_sparse skips the crosses check of part 2 (a single name or a repeated name is hashed instead of raising ValueError). Caught by test_invalid_crosses_raise_and_rows_untouched."""
import hashlib

import numpy as np


def _token_hash(token, seed):
    return int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")


def _token(name, value):
    """Part 1's token and weight of one (name, value) pair."""
    if isinstance(value, str):
        return f"{name}={value}", 1.0
    return name, float(value)


def _check_crosses(crosses):
    crosses = [tuple(c) for c in crosses]
    for c in crosses:
        if len(c) < 2 or len(set(c)) != len(c):
            raise ValueError(f"a cross needs at least 2 distinct feature names, got {c!r}")
    return crosses


def _row_tokens(row, crosses):
    """(token, weight) pairs of one row: its features, then one token per cross whose names are
    all present (component tokens joined by '^' in the cross's order, weights multiplied)."""
    for name, value in row.items():
        yield _token(name, value)
    for cross in crosses:
        if all(name in row for name in cross):
            parts = [_token(name, row[name]) for name in cross]
            weight = 1.0
            for _, w in parts:
                weight *= w
            yield "^".join(t for t, _ in parts), weight


def _hasher(n_features, seed):
    """token -> (column, sign), each distinct token hashed once."""
    cache = {}

    def col_sign(token):
        hit = cache.get(token)
        if hit is None:
            h = _token_hash(token, seed)
            hit = cache[token] = (h % n_features, 1.0 if (h >> 63) & 1 == 0 else -1.0)
        return hit
    return col_sign


def hash_features(rows, n_features, seed=0, crosses=()):
    """Signed feature hashing of a list of {name: value} dicts, with hashed feature crosses
    (reference for parts 1-3). Returns a float64 (len(rows), n_features) array."""
    crosses = _check_crosses(crosses)
    n_rows = len(rows)
    cache = {}                      # token -> (column, sign); categorical tokens repeat a lot
    row_idx, col_idx, vals = [], [], []
    for r, row in enumerate(rows):
        for token, weight in _row_tokens(row, crosses):
            hit = cache.get(token)
            if hit is None:
                h = _token_hash(token, seed)
                hit = cache[token] = (h % n_features, 1.0 if (h >> 63) & 1 == 0 else -1.0)
            row_idx.append(r)
            col_idx.append(hit[0])
            vals.append(hit[1] * weight)
    flat = np.asarray(row_idx, dtype=np.int64) * n_features + np.asarray(col_idx, dtype=np.int64)
    # bincount adds up repeated (row, column) pairs -- collisions accumulate
    X = np.bincount(flat, weights=np.asarray(vals, dtype=np.float64), minlength=n_rows * n_features)
    return X.astype(np.float64, copy=False).reshape(n_rows, n_features)


def hash_features_sparse(rows, n_features, seed=0, crosses=()):
    """The same matrix as hash_features, in CSR form (indptr, indices, data) (part 3).

    indptr: int64 (len(rows) + 1,), indptr[0] = 0; row r's entries are indices[indptr[r]:indptr[r+1]]
    (int64 columns, strictly ascending) and data[...] (float64 sums). Entries that add up to
    exactly 0.0 are left out. Memory O(number of tokens), never O(len(rows) * n_features).
    """
    crosses = [tuple(c) for c in crosses]      # BUG: part 2's validation skipped in the sparse path
    col_sign = _hasher(n_features, seed)
    indptr = [0]
    indices, data = [], []
    for row in rows:
        acc = {}                                  # column -> running sum, in token order
        for token, weight in _row_tokens(row, crosses):
            c, s = col_sign(token)
            acc[c] = acc.get(c, 0.0) + s * weight
        for c in sorted(acc):
            if acc[c] != 0.0:
                indices.append(c)
                data.append(acc[c])
        indptr.append(len(indices))
    return (np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
            np.asarray(data, dtype=np.float64))
