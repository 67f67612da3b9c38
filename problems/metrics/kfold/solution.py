import numpy as np


def kfold_indices(n, k, shuffle=False, seed=0):
    n, k = int(n), int(k)
    if k < 2 or k > n:
        raise ValueError("need 2 <= k <= n")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    sizes = np.full(k, n // k, dtype=np.int64)
    sizes[: n % k] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    folds = []
    for i in range(k):
        mask = np.zeros(n, dtype=bool)
        mask[order[bounds[i]:bounds[i + 1]]] = True
        folds.append((np.flatnonzero(~mask), np.flatnonzero(mask)))
    return folds
