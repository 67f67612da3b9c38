"""Bug: k = the number of cumulative ratios still below the fraction (np.searchsorted without + 1):
one component too few. Caught by test_smallest_k_reaching_the_fraction."""
import numpy as np


def pca(X, n_components):
    """PCA by SVD of the centred data (part 1): (components (k, d), explained_variance_ratio (k,))."""
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)                       # centre only, no scaling
    # rows of Vt are the principal directions, singular values come sorted descending
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    var = s ** 2
    total = var.sum()
    components = Vt[:n_components].copy()
    ratio = var[:n_components] / total
    return components, ratio


class PCA:
    """PCA fitted once and applied to new data (reference, part 2).

    fit(X) stores mean_ (d,), components_ (k, d) and explained_variance_ratio_ (k,), as pca()
    computes them, with a deterministic sign: each component is flipped so that its entry of
    largest absolute value is positive (the first such entry on ties). transform(X) =
    (X - mean_) @ components_.T, shape (m, k); inverse_transform(Z) = Z @ components_ + mean_,
    shape (m, d). Raises ValueError before fit or on a wrong number of features.

    Part 3: n_components may also be a float in (0, 1), the fraction of the total variance to keep
    (the smallest k whose cumulative explained variance ratio reaches it, 1e-12 slack), or None
    (min(n, d) components). fit sets n_components_ (int). Raises ValueError for a float outside
    (0, 1), an int outside 1..min(n, d), a bool or another type.
    """

    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError("X must be 2-D (n, d)")
        k = self._choose_k(X)
        components, ratio = pca(X, k)
        self.n_components_ = k
        rows = np.arange(components.shape[0])
        pivot = components[rows, np.argmax(np.abs(components), axis=1)]
        components = components * np.where(pivot < 0, -1.0, 1.0)[:, None]
        self.mean_ = X.mean(axis=0)
        self.components_ = components
        self.explained_variance_ratio_ = ratio
        return self

    def _choose_k(self, X):
        """The number of components to keep for self.n_components on the data X."""
        limit = min(X.shape)
        nc = self.n_components
        if nc is None:
            return limit
        if isinstance(nc, (bool, np.bool_)):
            raise ValueError("n_components must be an int, a float in (0, 1) or None")
        if isinstance(nc, (int, np.integer)):
            if not 1 <= nc <= limit:
                raise ValueError("n_components must be between 1 and min(n, d)")
            return int(nc)
        if isinstance(nc, (float, np.floating)):
            if not 0.0 < nc < 1.0:
                raise ValueError("a float n_components must be in (0, 1)")
            _, ratio = pca(X, limit)
            reached = np.cumsum(ratio) >= nc - 1e-12
            return max(int(np.searchsorted(np.cumsum(ratio), nc - 1e-12)), 1)
        raise ValueError("n_components must be an int, a float in (0, 1) or None")

    def _check(self, A, axis, what):
        if not hasattr(self, "components_"):
            raise ValueError("call fit before %s" % what)
        width = self.components_.shape[axis]
        A = np.asarray(A, dtype=np.float64)
        if A.ndim != 2 or A.shape[1] != width:
            raise ValueError("%s expects a 2-D array with %d columns" % (what, width))
        return A

    def transform(self, X):
        X = self._check(X, 1, "transform")
        return (X - self.mean_) @ self.components_.T

    def inverse_transform(self, Z):
        Z = self._check(Z, 0, "inverse_transform")
        return Z @ self.components_ + self.mean_
