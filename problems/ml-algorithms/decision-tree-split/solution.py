import numpy as np

_TIE = 1e-12


def _impurity(counts, criterion):
    # counts: (..., C) class counts; rows with a total of 0 get impurity 0
    total = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(total, 1)
    if criterion == "gini":
        return 1.0 - (p ** 2).sum(axis=-1)
    logp = np.log2(np.where(p > 0, p, 1.0))          # 0 * log2(0) counts as 0
    return -(p * logp).sum(axis=-1)


def best_split(X, y, criterion="gini"):
    if criterion not in ("gini", "entropy"):
        raise ValueError(f"unknown criterion {criterion!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n = X.shape[0]
    if n == 0:
        return None, None, 0.0
    _, codes = np.unique(y, return_inverse=True)
    codes = codes.reshape(-1)
    onehot = np.eye(codes.max() + 1)[codes]             # (n, C)
    parent = _impurity(onehot.sum(axis=0), criterion)

    best = (None, None, 0.0)
    best_gain = -np.inf
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs = X[order, j]
        left_counts = np.cumsum(onehot[order], axis=0)  # counts of the first i+1 sorted rows
        # a split between sorted positions i and i+1 exists only where the value changes
        cut = np.nonzero(xs[1:] > xs[:-1])[0]
        if cut.size == 0:
            continue
        lc = left_counts[cut]
        rc = left_counts[-1] - lc
        n_left = (cut + 1).astype(np.float64)
        gains = parent - (n_left * _impurity(lc, criterion) + (n - n_left) * _impurity(rc, criterion)) / n
        thresholds = (xs[cut] + xs[cut + 1]) / 2.0
        i = int(np.argmax(gains))                       # first maximum = lowest threshold
        top = gains[i]
        i = int(np.nonzero(gains >= top - _TIE)[0][0])
        if top > best_gain + _TIE:                      # strictly better than earlier features
            best_gain = top
            best = (j, float(thresholds[i]), float(gains[i]))
    if best[0] is None:
        return None, None, 0.0
    return best
