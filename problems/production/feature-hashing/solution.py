import hashlib

import numpy as np


def _token_hash(token, seed):
    return int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")


def hash_features(rows, n_features, seed=0):
    """Signed feature hashing of a list of {name: value} dicts (reference)."""
    n_rows = len(rows)
    cache = {}                      # token -> (column, sign); categorical tokens repeat a lot
    row_idx, col_idx, vals = [], [], []
    for r, row in enumerate(rows):
        for name, value in row.items():
            if isinstance(value, str):
                token, weight = f"{name}={value}", 1.0
            else:
                token, weight = name, float(value)
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
