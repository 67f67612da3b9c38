import math

import numpy as np


def stratified_split(y, test_size, seed=0):
    """Stratified train/test split of sample indices.

    Args:
        y: 1-D array-like of n class labels (ints or strings). Not modified.
        test_size: float with 0 < test_size < 1 (else raise ValueError).
        seed: int; all randomness comes from it (np.random.default_rng(seed)).

    Per class with n_c samples, exactly math.floor(test_size * n_c + 0.5) samples
    (round half up) go to the test set, chosen uniformly at random; the rest go to train.

    Returns:
        (train_idx, test_idx): two 1-D integer arrays of positions into y, each sorted
        ascending, disjoint, together covering 0..n-1.
    """
    raise NotImplementedError
