import hashlib

import numpy as np


def hash_features(rows, n_features, seed=0):
    """Signed feature hashing.

    rows:       list of dicts {name (str): value (str | int | float)}; rows may be empty.
    n_features: int >= 1, number of output columns.
    seed:       int, part of every hashed string.

    Token of (name, value): str value -> token f"{name}={value}", weight 1.0;
                            int/float value -> token name, weight float(value).
    h      = int.from_bytes(hashlib.md5(f"{seed}:{token}".encode("utf-8")).digest()[:8], "little")
    column = h % n_features
    sign   = +1.0 if (h >> 63) & 1 == 0 else -1.0

    Returns X, float64 of shape (len(rows), n_features), with X[r, column] += sign * weight for
    every token of row r (collisions add up). Do not modify rows.
    """
    raise NotImplementedError
