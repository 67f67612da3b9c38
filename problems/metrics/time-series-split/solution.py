import numpy as np


def time_series_split(n, n_splits, gap=0):
    n, n_splits, gap = int(n), int(n_splits), int(gap)
    if n_splits < 1:
        raise ValueError("n_splits must be >= 1")
    if gap < 0:
        raise ValueError("gap must be >= 0")
    if n_splits + 1 > n:
        raise ValueError("n_splits + 1 must not exceed n")
    test_size = n // (n_splits + 1)
    if n - gap - n_splits * test_size <= 0:
        raise ValueError("the first training set would be empty")
    splits = []
    for i in range(n_splits):
        start = n - (n_splits - i) * test_size
        splits.append((np.arange(0, start - gap), np.arange(start, start + test_size)))
    return splits
