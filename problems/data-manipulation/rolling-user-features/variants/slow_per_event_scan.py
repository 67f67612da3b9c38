"""Known-slow variant: correct, but for every event scans all events with a boolean mask
(O(n) numpy work per event, O(n^2) in all). The validator checks it passes every correctness
test and fails the scale test."""
import numpy as np
import pandas as pd


def rolling_user_features(events, window=pd.Timedelta(days=7)):
    users = events["user_id"].to_numpy()
    t = events["ts"].to_numpy().astype("datetime64[ns]").astype("int64")
    amount = events["amount"].to_numpy(dtype="float64")
    w = int(pd.Timedelta(window).value)
    n = len(events)
    cnt = np.zeros(n, dtype="int64")
    tot = np.zeros(n, dtype="float64")
    for i in range(n):
        m = (users == users[i]) & (t > t[i] - w) & (t < t[i])
        cnt[i] = m.sum()
        tot[i] = amount[m].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)
    return pd.DataFrame({"prev_count": cnt, "prev_sum": tot, "prev_mean": mean}, index=events.index)
