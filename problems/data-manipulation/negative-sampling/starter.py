import numpy as np
import pandas as pd


def sample_negatives(interactions: pd.DataFrame, items, k: int, seed: int = 0) -> pd.DataFrame:
    """Add k uniformly sampled negatives per positive, pooled per user.

    interactions: DataFrame with int64 columns user_id, item_id (others ignored); pairs unique.
    items:        1-D list / array / Series of unique int item ids (the catalogue), any order.
    k:            int >= 0.   seed: int -> rng = np.random.default_rng(seed), the only RNG used.

    For each user u: P_u = #interactions, A_u = catalogue items u has not interacted with.
    Draw n_u = min(k * P_u, len(A_u)) DISTINCT items from A_u uniformly without replacement.

    Returns a DataFrame with columns user_id, item_id, label (int64): every interaction with
    label 1 plus every sampled negative with label 0 (row order and index not checked).
    Do not modify the inputs.
    """
    raise NotImplementedError
