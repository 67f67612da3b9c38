"""Bug: weight 1 / (distance + 1e-9) instead of the zero-distance rule: exact matches get a huge weight, but the other neighbours still add theirs, so a tie between two exact matches is broken by the far neighbours. Caught by test_zero_distance_tie_ignores_other_neighbours."""
import numpy as np


def knn_predict(X_train, y_train, X_test, k, weights="uniform"):
    """k-NN classification, brute force (reference for parts 1-2).

    weights="uniform": one vote per neighbour (part 1). weights="distance": each of the k
    neighbours votes with weight 1 / (Euclidean distance); if any neighbour is at distance exactly
    0, only the zero-distance neighbours vote, one vote each (scikit-learn's rule). Equal distances:
    lower training index first; equal totals: the smallest label. Returns int64 (n_test,).
    """
    if weights not in ("uniform", "distance"):
        raise ValueError("weights must be 'uniform' or 'distance'")
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train)
    classes, codes = np.unique(y_train, return_inverse=True)   # classes sorted ascending
    codes = codes.reshape(-1)
    n_classes = len(classes)
    train_sq = (X_train ** 2).sum(axis=1)
    out = np.empty(len(X_test), dtype=np.int64)
    chunk = 512                                     # bounds memory: chunk x n_train distances
    for start in range(0, len(X_test), chunk):
        Q = X_test[start:start + chunk]
        d2 = (Q ** 2).sum(axis=1)[:, None] - 2.0 * Q @ X_train.T + train_sq[None, :]
        np.maximum(d2, 0.0, out=d2)
        # stable sort: equal distances keep training order, so the lower index comes first
        nn = np.argsort(d2, axis=1, kind="stable")[:, :k]
        rows = np.repeat(np.arange(len(Q)), k)
        if weights == "uniform":
            w = np.ones(nn.shape)
        else:
            # exact distances of the k neighbours only (the expansion above is not exactly 0 for
            # identical points): an (chunk, k, d) difference, small
            dist = np.sqrt(((Q[:, None, :] - X_train[nn]) ** 2).sum(axis=2))
            w = 1.0 / (dist + 1e-9)      # BUG: epsilon instead of the zero-distance rule
        votes = np.zeros((len(Q), n_classes), dtype=np.float64)
        np.add.at(votes, (rows, codes[nn].ravel()), w.ravel())
        out[start:start + chunk] = votes.argmax(axis=1)   # first maximum = smallest label
    return classes[out]
