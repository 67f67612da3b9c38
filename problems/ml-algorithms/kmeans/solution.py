import numpy as np


def _assign(X, C):
    # squared Euclidean distances, shape (n, k); argmin picks the lowest index on ties
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1)


def kmeans(X, k, max_iters=100, seed=0):
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    idx = rng.choice(n, size=k, replace=False)
    C = X[idx].copy()
    labels = None
    for _ in range(max_iters):
        new = _assign(X, C)
        if labels is not None and np.array_equal(new, labels):
            break
        labels = new
        for j in range(k):
            mask = labels == j
            if mask.any():
                C[j] = X[mask].mean(axis=0)
    labels = _assign(X, C)
    return C, labels.astype(np.int64)
