import numpy as np
import pandas as pd


def rolling_user_features(events: pd.DataFrame, window: pd.Timedelta = pd.Timedelta(days=7)) -> pd.DataFrame:
    n = len(events)
    users = events["user_id"].to_numpy()
    t = events["ts"].to_numpy().astype("datetime64[ns]").astype("int64")
    amount = events["amount"].to_numpy(dtype="float64")
    w = int(pd.Timedelta(window).value)  # nanoseconds

    # Sort by (user, time); the history of each event is a contiguous slice [lo, hi).
    order = np.lexsort((t, users))
    su, st, sa = users[order], t[order], amount[order]
    ucode = np.unique(su, return_inverse=True)[1].reshape(-1).astype("int64")

    # Combined sortable key (user code, time rank) without int64 overflow.
    times, inv = np.unique(np.concatenate([st, st - w]), return_inverse=True)
    inv = inv.reshape(-1).astype("int64")
    r = len(times) + 1
    key = ucode * r + inv[:n]          # sorted, because rows are sorted by (user, time)
    key_lo = ucode * r + inv[n:]       # (user, t - window)

    hi = np.searchsorted(key, key, side="left")       # first row with (u, s) >= (u, t)
    lo = np.searchsorted(key, key_lo, side="right")   # first row with (u, s) >  (u, t - w)
    count = hi - lo
    csum = np.concatenate([[0.0], np.cumsum(sa)])
    total = csum[hi] - csum[lo]
    total[count == 0] = 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)

    prev_count = np.empty(n, dtype="int64")
    prev_sum = np.empty(n, dtype="float64")
    prev_mean = np.empty(n, dtype="float64")
    prev_count[order] = count
    prev_sum[order] = total
    prev_mean[order] = mean
    return pd.DataFrame(
        {"prev_count": prev_count, "prev_sum": prev_sum, "prev_mean": prev_mean},
        index=events.index,
    )
