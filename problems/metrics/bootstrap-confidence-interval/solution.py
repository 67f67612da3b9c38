import numpy as np


def bootstrap_ci(x, stat=np.mean, n_boot=1000, alpha=0.05, seed=0):
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    if n == 0:
        raise ValueError("x must not be empty")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    stats = np.asarray(stat(x[idx], axis=1), dtype=float)
    low, high = np.quantile(stats, [alpha / 2.0, 1.0 - alpha / 2.0])
    return float(low), float(high)
