import numpy as np
import pandas as pd


def _as_1d(x):
    # positional: a pandas Series' index is ignored
    return np.asarray(x.to_numpy() if isinstance(x, pd.Series) else x).ravel()


def _smooth(s, n, prior, m):
    """(s + m * prior) / (n + m), falling back to the prior when there is no data and m == 0."""
    den = n + m
    safe = np.where(den > 0, den, 1.0)
    return np.where(den > 0, (s + m * prior) / safe, prior)


def oof_target_encode(train_cat, y, folds, test_cat, m=10.0):
    cat_tr = _as_1d(train_cat)
    cat_te = _as_1d(test_cat)
    y = _as_1d(y).astype(np.float64)
    folds = _as_1d(folds)
    n, m = len(cat_tr), float(m)

    # shared integer codes for train and test categories
    codes, _ = pd.factorize(pd.Series(np.concatenate([cat_tr.astype(object), cat_te.astype(object)])))
    c_tr, c_te = codes[:n], codes[n:]
    n_cat = int(codes.max()) + 1 if len(codes) else 0
    f, _ = pd.factorize(pd.Series(folds))
    n_folds = int(f.max()) + 1 if n else 0

    # per (fold, category) counts and target sums
    flat = f * n_cat + c_tr
    cnt = np.bincount(flat, minlength=n_folds * n_cat).reshape(n_folds, n_cat).astype(np.float64)
    sm = np.bincount(flat, weights=y, minlength=n_folds * n_cat).reshape(n_folds, n_cat)

    # statistics of the training part of each fold = totals minus the fold itself
    out_cnt = cnt.sum(axis=0)[None, :] - cnt
    out_sm = sm.sum(axis=0)[None, :] - sm
    fold_n = cnt.sum(axis=1)
    fold_s = sm.sum(axis=1)
    prior_k = (y.sum() - fold_s) / (n - fold_n)

    train_enc = _smooth(out_sm[f, c_tr], out_cnt[f, c_tr], prior_k[f], m)

    # test rows: fit on the whole training set
    prior = y.mean()
    tot_cnt = cnt.sum(axis=0)
    tot_sm = sm.sum(axis=0)
    test_enc = _smooth(tot_sm[c_te], tot_cnt[c_te], prior, m)
    return train_enc.astype(np.float64), np.asarray(test_enc, dtype=np.float64).reshape(len(cat_te))
