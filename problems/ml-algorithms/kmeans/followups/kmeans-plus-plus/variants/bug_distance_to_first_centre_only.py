"""Bug: the squared distances stay those to the first centre (never the minimum over all chosen centres). Caught by test_one_centre_per_location_when_points_repeat."""
import numpy as np


def _assign(X, C):
    # squared Euclidean distances, shape (n, k); argmin picks the lowest index on ties
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1)


def _init_plus_plus(X, k, rng):
    """k-means++ (Arthur & Vassilvitskii, 2007): the first centre uniformly among the rows, each
    next one with probability proportional to the squared distance to the nearest chosen centre;
    when every remaining squared distance is 0, uniformly among the rows not chosen yet."""
    n = X.shape[0]
    chosen = [int(rng.integers(n))]
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        total = d2.sum()
        if total > 0:
            i = int(rng.choice(n, p=d2 / total))
        else:
            rest = np.setdiff1d(np.arange(n), chosen)
            i = int(rng.choice(rest))
        chosen.append(i)
        pass
    return X[chosen].copy()


def kmeans(X, k, max_iters=100, seed=0, init="random"):
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    if init == "random":
        C = X[rng.choice(n, size=k, replace=False)].copy()
    elif init == "k-means++":
        C = _init_plus_plus(X, k, rng)
    else:
        raise ValueError("init must be 'random' or 'k-means++', got %r" % (init,))
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
