import numpy as np
import pandas as pd


def time_based_split(df: pd.DataFrame, cutoff: pd.Timestamp, horizon: pd.Timedelta = pd.Timedelta(0),
                     disjoint_users: bool = False) -> tuple:
    cutoff = pd.Timestamp(cutoff)
    horizon = pd.Timedelta(horizon)
    ts = df["ts"]
    test_mask = ts >= cutoff
    # label window [ts, ts + horizon) must end no later than the cutoff
    train_mask = (ts < cutoff) & (ts <= cutoff - horizon)
    test = df[test_mask].copy()
    if disjoint_users:
        train_mask &= ~df["user_id"].isin(test["user_id"].unique())
    train = df[train_mask].copy()
    return train, test
