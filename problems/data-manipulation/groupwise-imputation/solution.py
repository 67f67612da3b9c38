import numpy as np
import pandas as pd


def groupwise_impute(train: pd.DataFrame, test: pd.DataFrame, group_col: str, columns: list) -> tuple:
    columns = list(columns)
    group_medians = train.groupby(group_col)[columns].median()  # skips NaN; all-NaN group -> NaN
    global_medians = train[columns].median()                    # over training rows, skips NaN

    def fill(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        for c in columns:
            values = frame[c].to_numpy(dtype="float64")
            group_value = frame[group_col].map(group_medians[c]).to_numpy(dtype="float64")
            fill_value = np.where(np.isnan(group_value), global_medians[c], group_value)
            out[c] = np.where(np.isnan(values), fill_value, values)
        return out

    return fill(train), fill(test)
