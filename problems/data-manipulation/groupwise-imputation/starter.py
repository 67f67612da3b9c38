import numpy as np
import pandas as pd


def groupwise_impute(train: pd.DataFrame, test: pd.DataFrame, group_col: str, columns: list) -> tuple:
    """Fill NaN in `columns` with group medians learned from `train` only.

    train, test: DataFrames with a group column `group_col` (int64 or str) and float64
                 columns `columns` (possibly other columns, left as they are).

    For each column c: NaN -> median of train[c] in the row's group (NaN ignored);
    if the group is not in train or has no training values of c -> median of all of
    train[c]; if that does not exist either -> stays NaN. Test values are never used.

    Returns (train_filled, test_filled): new frames with the same index, row order and
    columns. Do not modify train or test.
    """
    raise NotImplementedError
