"""Known-slow variant: correct, but grows X with np.vstack one row at a time (each append copies
everything so far: quadratic). The validator checks it passes every correctness test and fails
the scale test."""
import hashlib

import numpy as np


def hash_features(rows, n_features, seed=0):
    X = np.zeros((0, n_features), dtype=np.float64)
    for row in rows:
        vec = np.zeros((1, n_features), dtype=np.float64)
        for name, value in row.items():
            token, weight = (f"{name}={value}", 1.0) if isinstance(value, str) else (name, float(value))
            h = int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")
            vec[0, h % n_features] += (1.0 if (h >> 63) & 1 == 0 else -1.0) * weight
        X = np.vstack([X, vec])
    return X
