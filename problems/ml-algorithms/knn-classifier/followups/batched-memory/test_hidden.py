import tracemalloc

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from solution import knn_predict as _user_knn_predict


def knn_predict(X_train, y_train, X_test, k, **kwargs):
    """Your knn_predict (keyword arguments passed on), run under np.errstate(all='raise'), with its
    result checked to be an integer array of one label per test row before a test uses it."""
    with np.errstate(all="raise"):
        got = _user_knn_predict(X_train, y_train, X_test, k, **kwargs)
    return _as_array(got, (len(X_test),), "knn_predict result", "iu")


def _ref(X_train, y_train, X_test, k, weights="uniform"):
    """Slow, obviously-correct reference for parts 1-2, one query at a time."""
    X_train = np.asarray(X_train, float); X_test = np.asarray(X_test, float); y_train = np.asarray(y_train)
    out = []
    for q in X_test:
        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))
        nn = np.argsort(d, kind="stable")[:k]
        dn, yn = d[nn], y_train[nn]
        if weights == "uniform":
            w = np.ones(k)
        elif np.any(dn == 0):
            w = (dn == 0).astype(float)
        else:
            w = 1.0 / dn
        totals = {}
        for lab, wi in zip(yn.tolist(), w.tolist()):
            totals[lab] = totals.get(lab, 0.0) + wi
        best = max(totals.values())
        out.append(min(lab for lab, t in totals.items() if t == best))
    return np.array(out)


def _data(seed, n, m, d):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=2.0, size=(4, d))
    y = rng.integers(0, 4, n)
    X = centers[y] + rng.normal(size=(n, d))
    Q = rng.normal(scale=2.5, size=(m, d))
    Q[::5] = X[: len(Q[::5])]                       # some exact matches for the weighted vote
    return X, np.array([-2, 0, 5, 9])[y], Q


def test_every_batch_size_gives_the_same_labels():
    X, y, Q = _data(1, 250, 103, 3)                 # 103 test rows: no batch size divides them
    for weights in ("uniform", "distance"):
        want = _ref(X, y, Q, 5, weights)
        for bs in (1, 7, 10, 102, 103, 104, 10_000):
            got = knn_predict(X, y, Q, 5, weights=weights, batch_size=bs)
            bad = np.flatnonzero(got != want)
            assert bad.size == 0, (f"weights={weights!r}, batch_size={bs}: {bad.size} of 103 predictions wrong, first "
                                   f"at test row {bad[0]} (the last, partial batch must be predicted too)")


def test_batch_size_below_one_raises():
    X, y, Q = _data(2, 20, 5, 2)
    for bs in (0, -3):
        try:
            _user_knn_predict(X, y, Q, 3, batch_size=bs)
        except ValueError:
            pass
        else:
            raise AssertionError(f"batch_size={bs} must raise ValueError")


def _peak_bytes(fn):
    tracemalloc.start()
    try:
        tracemalloc.reset_peak() if hasattr(tracemalloc, "reset_peak") else None
        out = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return out, peak


def test_memory_bounded_by_batch_size():
    # 600 test rows x 3,000 training rows in 16 dimensions: the full distance matrix is 14.4 MB,
    # one block of 20 rows is 0.48 MB; allowed: eight (batch_size, n_train) float64 blocks + 2 MB
    # batch_size 2 catches np.array_split(X_test, batch_size), which makes batch_size batches (two
    # of 300 rows here) instead of batches of batch_size rows
    X, y, Q = _data(3, 3000, 600, 16)
    for weights, bs in (("uniform", 20), ("distance", 30), ("uniform", 2)):
        budget = 8 * (8 * bs * len(X)) + 2_000_000
        got, peak = _peak_bytes(lambda: knn_predict(X, y, Q, 7, weights=weights, batch_size=bs))
        assert peak <= budget, (
            f"weights={weights!r}, batch_size={bs}: peak memory {peak / 1e6:.1f} MB, allowed {budget / 1e6:.1f} MB "
            f"(eight float64 blocks of batch_size x n_train plus 2 MB): process batch_size test rows at a time and "
            "do not broadcast to (batch, n_train, d); batches hold at most batch_size rows each, "
            "np.array_split(X_test, batch_size) makes batch_size batches instead")
        sample = np.arange(0, 600, 23)
        np.testing.assert_array_equal(got[sample], _ref(X, y, Q[sample], 7, weights),
                                      err_msg=f"weights={weights!r}, batch_size={bs}: wrong predictions")
