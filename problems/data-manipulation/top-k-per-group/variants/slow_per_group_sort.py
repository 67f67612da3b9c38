"""Known-slow variant: correct, but sorts each group separately in a Python loop over groups.
The validator checks it passes every correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def top_k_per_group(df, k):
    parts = []
    for _, g in df.groupby("group", sort=True):
        top = g.sort_values(["score", "item"], ascending=[False, True], kind="mergesort").head(k).copy()
        top["rank"] = np.arange(1, len(top) + 1, dtype="int64")
        parts.append(top)
    if not parts:
        out = df.iloc[:0].copy()
        out["rank"] = pd.Series([], dtype="int64")
        return out.reset_index(drop=True)
    return pd.concat(parts).reset_index(drop=True)
