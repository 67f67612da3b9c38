import numpy as np


def pca(X, n_components):
    """Principal component analysis (centre only, no scaling).

    Args:
        X: array-like (n, d). Must not be modified.
        n_components: number of components to keep, 1 <= n_components <= min(n, d).

    Returns:
        components: float array (n_components, d); each ROW is a unit-norm principal
            direction, ordered by descending variance (sign arbitrary).
        explained_variance_ratio: float array (n_components,); variance of each component
            divided by the total variance of the data (all d directions).
    """
    raise NotImplementedError
