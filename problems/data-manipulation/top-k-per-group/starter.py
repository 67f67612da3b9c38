import numpy as np
import pandas as pd


def top_k_per_group(df: pd.DataFrame, k: int) -> pd.DataFrame:
    """Keep the k highest-scoring rows of every group.

    df: DataFrame with columns group (int64 or str), item (int64), score (float64) and
        possibly others; (group, item) unique; any row order.
    k:  int >= 1.

    Within a group: score descending, ties by item ascending; keep the first k rows
    (groups with fewer rows are kept whole) and add rank = 1, 2, ... (int64).
    Returns all columns of df plus rank, sorted by group ascending then rank ascending
    (index not checked). Do not modify df.
    """
    raise NotImplementedError
