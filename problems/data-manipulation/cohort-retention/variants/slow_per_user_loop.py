"""Known-slow variant: correct, but loops over users in Python with pandas work inside each
iteration (thousands of small Series operations). The validator checks it passes every
correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def cohort_retention(activity, n_months):
    offsets = pd.RangeIndex(n_months + 1, name="offset")
    months = {}
    for user, events in activity.groupby("user_id", sort=False):
        ts = events["ts"]
        months[user] = set((ts.dt.year * 12 + ts.dt.month - 1).tolist())
    if not months:
        return pd.DataFrame(np.empty((0, n_months + 1)), index=pd.PeriodIndex([], freq="M", name="cohort"),
                            columns=offsets)
    last = max(max(ms) for ms in months.values())
    cohorts = {}
    for ms in months.values():
        cohorts.setdefault(min(ms), []).append(ms)
    rows, labels = [], []
    for c in sorted(cohorts):
        members = cohorts[c]
        rows.append([np.nan if c + k > last else sum(1 for ms in members if c + k in ms) / len(members)
                     for k in range(n_months + 1)])
        labels.append(pd.Period(year=c // 12, month=c % 12 + 1, freq="M"))
    return pd.DataFrame(np.array(rows, dtype=np.float64), index=pd.PeriodIndex(labels, freq="M", name="cohort"),
                        columns=offsets)
