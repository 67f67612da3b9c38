"""Bug: the plain mean of the cohorts' rates (np.nanmean over the matrix column): a cohort of one
user weighs as much as a cohort of thousands. Caught by test_weighted_by_cohort_size_not_mean_of_rates."""
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


def _cohort_counts(activity, n_months, kind):
    """(cohort month numbers (C,), cohort sizes (C,), retained users (C, K), unobserved mask (C, K))
    with K = n_months + 1; C = 0 for an empty log."""
    if kind not in ("classic", "unbounded"):
        raise ValueError("kind must be 'classic' or 'unbounded'")
    offsets = pd.RangeIndex(n_months + 1, name="offset")
    month = _month_numbers(activity)
    df = pd.DataFrame({"user_id": activity["user_id"].to_numpy(), "m": month}).drop_duplicates()
    if df.empty:
        z = np.zeros((0, n_months + 1))
        return np.zeros(0, dtype=np.int64), np.zeros(0), z, z.astype(bool)
    df["cohort"] = df.groupby("user_id")["m"].transform("min")
    df["offset"] = df["m"] - df["cohort"]
    size = df.loc[df["offset"] == 0].groupby("cohort").size()  # one offset-0 row per user
    if kind == "classic":
        counts = (
            df.loc[df["offset"] <= n_months]
            .groupby(["cohort", "offset"]).size().unstack("offset")
            .reindex(index=size.index, columns=offsets).fillna(0)
        ).to_numpy(np.float64)
    else:
        # per user: the span from the first to the last active month, over the whole log
        span = df.groupby("user_id").agg(cohort=("cohort", "first"), span=("offset", "max"))
        span["span"] = span["span"].clip(upper=n_months)
        hist = (
            span.groupby(["cohort", "span"]).size().unstack("span")
            .reindex(index=size.index, columns=offsets).fillna(0)
        ).to_numpy(np.float64)
        # users still around at offset k = users whose span is >= k: a reversed cumulative sum
        counts = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]
    months = size.index.to_numpy()
    # cells whose calendar month is after the last observed month have not happened yet
    unobserved = months[:, None] + np.arange(n_months + 1)[None, :] > df["m"].max()
    return months, size.to_numpy(np.float64), counts, unobserved


def cohort_retention(activity, n_months, kind="classic"):
    """Monthly cohort retention matrix (reference, parts 1 and 2).

    kind="classic": share of cohort c's users active in month c + k; kind="unbounded": share whose
    last active month (whole log) is c + k or later. NaN where month c + k is after the log's last
    month. float64 DataFrame, monthly PeriodIndex of the cohorts, columns 0..n_months.
    Raises ValueError for another kind.
    """
    months, sizes, counts, unobserved = _cohort_counts(activity, n_months, kind)
    offsets = pd.RangeIndex(n_months + 1, name="offset")
    if months.size == 0:
        empty_index = pd.PeriodIndex([], freq="M", name="cohort")
        return pd.DataFrame(np.empty((0, len(offsets))), index=empty_index, columns=offsets)
    ret = counts / sizes[:, None]
    ret[unobserved] = np.nan
    return pd.DataFrame(ret, index=_period_index(months), columns=offsets)


def retention_curve(activity, n_months, kind="classic"):
    """One retention curve for the whole product (reference, part 3).

    Value at offset k = (users retained at offset k, summed over the cohorts whose month c + k is
    observed) / (users in those same cohorts): a cohort-size-weighted average that leaves out
    cohorts too young to have reached offset k. NaN where no cohort is old enough (also for an
    empty log). kind as in cohort_retention. Returns a float64 Series indexed by the ints
    0..n_months (name "retention"). Raises ValueError for another kind.
    """
    months, sizes, counts, unobserved = _cohort_counts(activity, n_months, kind)
    curve = np.full(n_months + 1, np.nan)
    if months.size:
        rates = np.where(unobserved, np.nan, counts / sizes[:, None])
        seen = (~unobserved).any(axis=0)
        curve[seen] = np.nanmean(rates[:, seen], axis=0)
    return pd.Series(curve, index=pd.RangeIndex(n_months + 1, name="offset"), name="retention")
