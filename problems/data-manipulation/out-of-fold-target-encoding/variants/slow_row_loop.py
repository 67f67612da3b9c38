"""Known-slow variant: correct, plain Python over rows (dict counts per fold, then one lookup per
row). The validator checks it passes every correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def _as_list(x):
    return list(x.to_numpy() if isinstance(x, pd.Series) else np.asarray(x).ravel())


def oof_target_encode(train_cat, y, folds, test_cat, m=10.0):
    train_cat, folds, test_cat = _as_list(train_cat), _as_list(folds), _as_list(test_cat)
    y = [float(v) for v in _as_list(y)]
    n, m = len(y), float(m)

    def fit(rows):
        cnt, sm = {}, {}
        for i in rows:
            c = train_cat[i]
            cnt[c] = cnt.get(c, 0) + 1
            sm[c] = sm.get(c, 0.0) + y[i]
        return cnt, sm, sum(y[i] for i in rows) / len(rows)

    def enc(stats, c):
        cnt, sm, prior = stats
        nc = cnt.get(c, 0)
        return prior if nc + m == 0 else (sm.get(c, 0.0) + m * prior) / (nc + m)

    per_fold = {f: fit([i for i in range(n) if folds[i] != f]) for f in set(folds)}
    tr = np.array([enc(per_fold[folds[i]], train_cat[i]) for i in range(n)], dtype=np.float64)
    full = fit(range(n))
    te = np.array([enc(full, c) for c in test_cat], dtype=np.float64)
    return tr, te
