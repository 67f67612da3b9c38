"""Bug: checks only that a cross has 2 distinct names, so a repeated name as in ('a', 'b', 'a') is hashed instead of raising ValueError. Caught by test_invalid_crosses_raise."""
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
        if len(set(c)) < 2:                       # BUG: ('a', 'b', 'a') accepted
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


def hash_features(rows, n_features, seed=0, crosses=()):
    """Signed feature hashing of a list of {name: value} dicts, with hashed feature crosses
    (reference for parts 1-2). Returns a float64 (len(rows), n_features) array."""
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
