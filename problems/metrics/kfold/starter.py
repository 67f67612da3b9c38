import numpy as np


def kfold_indices(n, k, shuffle=False, seed=0):
    """K-fold cross-validation splits (sklearn KFold convention).

    Args:
        n: number of samples (indices 0..n-1).
        k: number of folds, 2 <= k <= n (else raise ValueError).
        shuffle: if False, test folds are consecutive blocks in order; if True, a random
            permutation from np.random.default_rng(seed) is cut into blocks.
        seed: int, used only when shuffle=True.

    The first n % k folds have n // k + 1 test samples, the others n // k.

    Returns:
        list of k tuples (train_idx, test_idx), 1-D integer arrays sorted ascending.
    """
    raise NotImplementedError
