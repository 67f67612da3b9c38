import numpy as np


def time_series_split(n, n_splits, gap=0):
    """Expanding-window time-series CV splits (sklearn TimeSeriesSplit convention).

    Args:
        n: number of time-ordered samples (indices 0..n-1).
        n_splits: number of splits (>= 1).
        gap: samples left out between the end of each train set and the start of its test set.

    test_size = n // (n_splits + 1); split i tests on [start_i, start_i + test_size) with
    start_i = n - (n_splits - i) * test_size, and trains on [0, start_i - gap).

    Raises:
        ValueError: n_splits < 1, gap < 0, n_splits + 1 > n, or an empty first train set.

    Returns:
        list of n_splits tuples (train_idx, test_idx) of 1-D sorted integer arrays.
    """
    raise NotImplementedError
