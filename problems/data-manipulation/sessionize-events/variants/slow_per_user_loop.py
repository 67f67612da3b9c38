"""Known-slow variant: correct, but loops over users (groupby iteration) with pandas work for
each one. The validator checks it passes every correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def sessionize(events, gap=pd.Timedelta(minutes=30)):
    out = pd.Series(np.zeros(len(events), dtype="int64"), index=events.index, name="session_id")
    gap = pd.Timedelta(gap)
    positions = pd.Series(np.arange(len(events)), index=events.index)
    for _, g in events.groupby("user_id", sort=False):
        ts = g["ts"].sort_values(kind="mergesort")
        ids = (ts.diff() > gap).cumsum().astype("int64")
        out.iloc[positions.loc[ids.index].to_numpy()] = ids.to_numpy()
    return out
