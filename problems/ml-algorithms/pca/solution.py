import numpy as np


def pca(X, n_components):
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)                       # centre only, no scaling
    # rows of Vt are the principal directions, singular values come sorted descending
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    var = s ** 2
    total = var.sum()
    components = Vt[:n_components].copy()
    ratio = var[:n_components] / total
    return components, ratio
