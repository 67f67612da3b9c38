"""Known-slow variant: correct, but decides every row with DataFrame.apply(axis=1) (a Python
call per row). The validator checks it passes every correctness test and fails the scale test."""
import pandas as pd


def time_based_split(df, cutoff, horizon=pd.Timedelta(0), disjoint_users=False):
    cutoff = pd.Timestamp(cutoff)
    horizon = pd.Timedelta(horizon)
    if len(df) == 0:
        return df.copy(), df.copy()
    test_mask = df.apply(lambda r: r["ts"] >= cutoff, axis=1).astype(bool)
    train_mask = df.apply(lambda r: r["ts"] < cutoff and r["ts"] <= cutoff - horizon, axis=1).astype(bool)
    test = df[test_mask].copy()
    if disjoint_users:
        test_users = set(test["user_id"])
        train_mask &= df.apply(lambda r: r["user_id"] not in test_users, axis=1).astype(bool)
    return df[train_mask].copy(), test
