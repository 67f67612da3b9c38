import numpy as np
import pandas as pd


def cohort_retention(activity, n_months):
    offsets = pd.RangeIndex(n_months + 1, name="offset")
    ts = activity["ts"]
    # integer month number: months since year 0 (same arithmetic on pandas 1.5 and 2.x)
    month = ts.dt.year.to_numpy(np.int64) * 12 + ts.dt.month.to_numpy(np.int64) - 1
    df = pd.DataFrame({"user_id": activity["user_id"].to_numpy(), "m": month}).drop_duplicates()
    if df.empty:
        empty_index = pd.PeriodIndex([], freq="M", name="cohort")
        return pd.DataFrame(np.empty((0, len(offsets))), index=empty_index, columns=offsets)

    df["cohort"] = df.groupby("user_id")["m"].transform("min")
    df["offset"] = df["m"] - df["cohort"]
    size = df.loc[df["offset"] == 0].groupby("cohort").size()  # one offset-0 row per user
    active = (
        df.loc[df["offset"] <= n_months]
        .groupby(["cohort", "offset"])
        .size()
        .unstack("offset")
        .reindex(index=size.index, columns=offsets)
        .fillna(0)
    )
    ret = active.to_numpy(np.float64) / size.to_numpy(np.float64)[:, None]

    # cells whose calendar month is after the last observed month have not happened yet
    last = df["m"].max()
    unobserved = size.index.to_numpy()[:, None] + np.arange(n_months + 1)[None, :] > last
    ret[unobserved] = np.nan

    cohort_months = size.index.to_numpy()
    index = pd.PeriodIndex(
        [pd.Period(year=int(m // 12), month=int(m % 12) + 1, freq="M") for m in cohort_months],
        freq="M",
        name="cohort",
    )
    return pd.DataFrame(ret, index=index, columns=offsets)
