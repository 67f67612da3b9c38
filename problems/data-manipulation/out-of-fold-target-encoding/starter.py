import numpy as np
import pandas as pd


def oof_target_encode(train_cat, y, folds, test_cat, m=10.0):
    """K-fold out-of-fold mean target encoding with m-estimate smoothing.

    Args:
        train_cat: 1-D categories of the n training rows (list / ndarray / Series; str or int).
        y: 1-D numeric targets, length n.
        folds: 1-D integer fold ids, length n (arbitrary ids, at least 2 distinct).
        test_cat: 1-D categories of the n_test test rows (may contain unseen categories).
        m: smoothing strength, float >= 0.
        Inputs are positional (a Series' index is ignored) and must not be modified.

    Training row in fold f: fit on the rows with fold id != f,
        prior_f = mean(y over those rows),
        enc = (s_c + m * prior_f) / (n_c + m)   (n_c, s_c: count and y-sum of the row's category there)
    Test row: same formula fitted on ALL training rows (prior = mean(y)).
    A category with no fitting rows gets the prior (also when m == 0).

    Returns:
        (train_encoded, test_encoded): float64 arrays of shapes (n,) and (n_test,).
    """
    raise NotImplementedError
