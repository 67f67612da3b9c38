"""Known-slow variant: correct, but filters the frames once per group (a Python loop over
groups, O(groups x rows)). The validator checks it passes every correctness test and fails the
scale test."""
import numpy as np
import pandas as pd


def groupwise_impute(train, test, group_col, columns):
    columns = list(columns)
    global_medians = train[columns].median()
    medians = {}
    for g in pd.unique(train[group_col]):
        rows = train.loc[train[group_col] == g, columns]
        medians[g] = rows.median()

    def fill(frame):
        out = frame.copy()
        for g in pd.unique(frame[group_col]):
            mask = (frame[group_col] == g).to_numpy()
            for c in columns:
                value = medians[g][c] if g in medians else np.nan
                if pd.isna(value):
                    value = global_medians[c]
                col = out[c].to_numpy(dtype="float64", copy=True)
                col[mask & np.isnan(col)] = value
                out[c] = col
        return out

    return fill(train), fill(test)
