import numpy as np


def bootstrap_ci(x, stat=np.mean, n_boot=1000, alpha=0.05, seed=0):
    """Percentile bootstrap confidence interval.

    Args:
        x: array-like, shape (n,), n >= 1 real numbers. Must not be modified.
        stat: callable with numpy's reduction signature; call it once as stat(resamples, axis=1).
        n_boot: number of resamples (>= 1).
        alpha: 1 - coverage, 0 < alpha < 1 (alpha / 2 in each tail).
        seed: int seed.

    Algorithm (fixed, so results are reproducible):
        rng = np.random.default_rng(seed)
        idx = rng.integers(0, n, size=(n_boot, n))
        stats = stat(x[idx], axis=1)                                # shape (n_boot,)
        low, high = np.quantile(stats, [alpha / 2, 1 - alpha / 2])  # default linear interpolation

    Returns:
        (low, high): tuple of two Python floats.
    """
    raise NotImplementedError
