import numpy as np


def knn_predict(X_train, y_train, X_test, k):
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
        votes = np.zeros((len(Q), n_classes), dtype=np.int64)
        np.add.at(votes, (np.repeat(np.arange(len(Q)), k), codes[nn].ravel()), 1)
        out[start:start + chunk] = votes.argmax(axis=1)   # first maximum = smallest label
    return classes[out]
