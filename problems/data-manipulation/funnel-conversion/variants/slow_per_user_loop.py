"""Known-slow variant: correct, but loops over users in Python (groupby iteration) and scans each
user's events per step. The validator checks it passes every correctness test and fails the
scale test."""
import numpy as np
import pandas as pd


def funnel_conversion(events, steps=("view", "add_to_cart", "purchase")):
    steps = list(steps)
    counts = [0] * len(steps)
    ev = events[events["event"].isin(steps)]
    for _, g in ev.groupby("user_id"):
        pairs = list(zip(g["event"], g["ts"]))
        cur = None
        for k, step in enumerate(steps):
            cand = [t for e, t in pairs if e == step and (cur is None or t >= cur)]
            if not cand:
                break
            cur = min(cand)
            counts[k] += 1
    users = np.asarray(counts, dtype=np.int64)
    prev = np.concatenate([users[:1], users[:-1]])
    first = np.full_like(users, users[0] if len(users) else 0)
    return pd.DataFrame({
        "step": pd.Series(steps, dtype=object),
        "users": users,
        "conversion_from_previous": np.divide(users, prev, out=np.zeros(len(users)), where=prev > 0),
        "conversion_from_first": np.divide(users, first, out=np.zeros(len(users)), where=first > 0),
    })
