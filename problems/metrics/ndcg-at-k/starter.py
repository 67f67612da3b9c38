import numpy as np


def ndcg_at_k(y_true, y_score, k):
    """NDCG@k for a single query with graded relevance.

    Args:
        y_true: array-like, shape (n,). Non-negative relevance of each item (int or float).
        y_score: array-like, shape (n,). Predicted score of each item; higher = ranked earlier.
            Ties are broken by original position (stable sort: earlier input item first).
        k: int >= 1. Cutoff; if k > n, all n items are used.

    Returns:
        float in [0, 1]. Gain is 2**rel - 1, discount is log2(position + 1) with 1-based
        positions, the ideal DCG uses all of y_true sorted descending. Returns 0.0 when
        the ideal DCG is 0. The inputs must not be modified.
    """
    raise NotImplementedError
