import numpy as np


def kmeans(X, k, max_iters=100, seed=0):
    """K-means clustering with Lloyd's algorithm.

    Args:
        X: array-like (n, d), int or float. Must not be modified.
        k: number of clusters, 1 <= k <= n.
        max_iters: maximum number of iterations (assignment + update).
        seed: seed for np.random.default_rng; initial centroids are the rows
            X[rng.choice(n, size=k, replace=False)].

    Returns:
        centroids: float64 array (k, d). An empty cluster keeps its previous centroid.
        labels: int array (n,), labels[i] = index of the nearest returned centroid.
    """
    raise NotImplementedError
