"""Bug: learning rate 1/m_j from this batch only, so a hit centre becomes its batch mean and forgets what it absorbed before. Caught by test_step_matches_per_point_update and test_assignment_uses_centroids_from_start_of_step."""
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
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
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


def minibatch_step(C, counts, batch):
    """One mini-batch k-means step (Sculley, 2010) with per-centre learning rate 1/count.

    C: (k, d) centroids, counts: (k,) points absorbed so far per centre, batch: (m, d).
    Every batch point is assigned with the centroids at the start of the step (lowest index on a
    tie); centre j with m_j batch points becomes (counts[j]*C[j] + their sum) / (counts[j] + m_j),
    the result of the per-point update c <- c + (x - c) / count. Returns new (C, counts); the
    inputs are not modified."""
    C = np.array(C, dtype=np.float64)
    counts = np.array(counts, dtype=np.int64)
    batch = np.asarray(batch, dtype=np.float64)
    k, d = C.shape
    labels = _assign(batch, C)
    m = np.bincount(labels, minlength=k)
    sums = np.zeros((k, d))
    np.add.at(sums, labels, batch)
    hit = m > 0
    C[hit] = sums[hit] / m[hit][:, None]
    return C, counts + m


def minibatch_kmeans(X, k, batch_size=100, n_steps=50, seed=0):
    """k-means++ initialisation (as kmeans(init="k-means++")), then n_steps mini-batch steps, each
    on batch_size rows drawn without replacement, all draws from np.random.default_rng(seed).
    Returns (centroids (k, d) float64, labels (n,) int64 = nearest returned centroid)."""
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    C = _init_plus_plus(X, k, rng)
    counts = np.zeros(k, dtype=np.int64)
    for _ in range(n_steps):
        C, counts = minibatch_step(C, counts, X[rng.choice(n, size=batch_size, replace=False)])
    return C, _assign(X, C).astype(np.int64)
