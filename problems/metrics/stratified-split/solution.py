import math

import numpy as np


def stratified_split(y, test_size, seed=0):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("y must be 1-D")
    if not (0 < test_size < 1):
        raise ValueError("test_size must be strictly between 0 and 1")
    n = y.shape[0]
    rng = np.random.default_rng(seed)
    _, inverse = np.unique(y, return_inverse=True)
    inverse = inverse.ravel()
    order = np.argsort(inverse, kind="stable")          # indices grouped by class
    counts = np.bincount(inverse)
    bounds = np.concatenate([[0], np.cumsum(counts)])
    is_test = np.zeros(n, dtype=bool)
    for c, n_c in enumerate(counts):
        members = order[bounds[c]:bounds[c + 1]]
        n_test = math.floor(test_size * int(n_c) + 0.5)
        if n_test > 0:
            is_test[rng.choice(members, size=n_test, replace=False)] = True
    return np.flatnonzero(~is_test), np.flatnonzero(is_test)
