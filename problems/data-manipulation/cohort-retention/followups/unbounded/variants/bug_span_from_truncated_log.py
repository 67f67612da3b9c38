"""Bug: drops activity past n_months before finding each user's last month (the classic path's
filter reused), so a user who returns after the reported window looks churned.
Caught by test_activity_beyond_n_months_counts."""
import numpy as np
import pandas as pd


def _month_numbers(activity):
    """Integer month number (year * 12 + month - 1) of every event; same on pandas 1.5 to 3.0."""
    ts = activity["ts"]
    return ts.dt.year.to_numpy(np.int64) * 12 + ts.dt.month.to_numpy(np.int64) - 1


def _period_index(months):
    return pd.PeriodIndex(
        [pd.Period(year=int(m // 12), month=int(m % 12) + 1, freq="M") for m in months],
        freq="M",
        name="cohort",
    )


def cohort_retention(activity, n_months, kind="classic"):
    """Monthly cohort retention matrix (reference, parts 1 and 2).

    activity: DataFrame with user_id and ts (datetime64, tz-naive); n_months >= 0.
    kind="classic" (part 1): cell (c, k) = share of cohort c's users active in month c + k.
    kind="unbounded" (part 2): share of cohort c's users whose LAST active month is c + k or later
    (they came back at month c + k or any time after, within the whole log, whatever n_months is).
    Cells whose month c + k is after the last month of the log are NaN in both. Returns a float64
    DataFrame indexed by a monthly PeriodIndex of the cohorts, columns 0..n_months.
    Raises ValueError for another kind.
    """
    if kind not in ("classic", "unbounded"):
        raise ValueError("kind must be 'classic' or 'unbounded'")
    offsets = pd.RangeIndex(n_months + 1, name="offset")
    month = _month_numbers(activity)
    df = pd.DataFrame({"user_id": activity["user_id"].to_numpy(), "m": month}).drop_duplicates()
    if df.empty:
        empty_index = pd.PeriodIndex([], freq="M", name="cohort")
        return pd.DataFrame(np.empty((0, len(offsets))), index=empty_index, columns=offsets)

    df["cohort"] = df.groupby("user_id")["m"].transform("min")
    df["offset"] = df["m"] - df["cohort"]
    size = df.loc[df["offset"] == 0].groupby("cohort").size()  # one offset-0 row per user
    if kind == "classic":
        active = (
            df.loc[df["offset"] <= n_months]
            .groupby(["cohort", "offset"])
            .size()
            .unstack("offset")
            .reindex(index=size.index, columns=offsets)
            .fillna(0)
        )
        counts = active.to_numpy(np.float64)
    else:
        # per user: the span from the first to the last active month, over the whole log
        span = df.loc[df["offset"] <= n_months].groupby("user_id").agg(cohort=("cohort", "first"), span=("offset", "max"))
        span["span"] = span["span"].clip(upper=n_months)
        hist = (
            span.groupby(["cohort", "span"]).size().unstack("span")
            .reindex(index=size.index, columns=offsets).fillna(0)
        ).to_numpy(np.float64)
        # users still around at offset k = users whose span is >= k: a reversed cumulative sum
        counts = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]
    ret = counts / size.to_numpy(np.float64)[:, None]

    # cells whose calendar month is after the last observed month have not happened yet
    last = df["m"].max()
    unobserved = size.index.to_numpy()[:, None] + np.arange(n_months + 1)[None, :] > last
    ret[unobserved] = np.nan
    return pd.DataFrame(ret, index=_period_index(size.index.to_numpy()), columns=offsets)
