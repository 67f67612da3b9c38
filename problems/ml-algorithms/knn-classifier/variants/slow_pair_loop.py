"""Known-slow variant: correct, but computes each (test, train) distance in a Python double loop.
The validator checks it passes every correctness test and fails the scale test."""
import math

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train = np.asarray(X_train, dtype=np.float64).tolist()
    X_test = np.asarray(X_test, dtype=np.float64).tolist()
    y_train = np.asarray(y_train)
    out = []
    for q in X_test:
        d = [math.fsum((a - b) ** 2 for a, b in zip(q, row)) for row in X_train]
        nn = sorted(range(len(d)), key=d.__getitem__)[:k]   # stable: lower index first on ties
        labels, counts = np.unique(y_train[nn], return_counts=True)
        out.append(labels[np.argmax(counts)])                # first maximum = smallest label
    return np.asarray(out, dtype=y_train.dtype)
