import numpy as np
import pandas as pd


def smoothed_ctr(log, ads, a, b):
    ads_index = pd.Index(list(ads), name="ad_id")
    sub = log.loc[log["ad_id"].isin(ads_index), ["ad_id", "clicked"]]
    grouped = sub.groupby("ad_id")["clicked"]
    impressions = grouped.size().reindex(ads_index, fill_value=0).astype(np.int64)
    clicks = grouped.sum().reindex(ads_index, fill_value=0).astype(np.int64)
    out = pd.DataFrame({
        "ad_id": ads_index.to_numpy(),
        "impressions": impressions.to_numpy(),
        "clicks": clicks.to_numpy(),
    })
    out["ctr"] = (out["clicks"] + a) / (out["impressions"] + a + b)
    out["ctr"] = out["ctr"].astype(np.float64)
    out = out.sort_values(["ctr", "ad_id"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)


def fit_beta_prior(log, min_impressions=100):
    """Empirical-Bayes Beta prior by the method of moments (part 2).

    Per ad of `log` with at least `min_impressions` impressions, the raw rate r = clicks /
    impressions; m = mean(r) and v = var(r) (population variance, ddof=0) over those ads, each ad
    counting once; then a + b = m (1 - m) / v - 1, a = m (a + b), b = (1 - m) (a + b).
    Returns (a, b) as Python floats. Raises ValueError with fewer than 2 such ads, all their rates equal (v = 0), or
    a + b <= 0 (rates too spread out for a Beta prior by moments).
    """
    counts = log.groupby("ad_id")["clicked"].agg(["size", "sum"])
    kept = counts[counts["size"] >= min_impressions]
    if len(kept) < 2:
        raise ValueError("need at least 2 ads with min_impressions impressions")
    r = kept["sum"].to_numpy(dtype=np.float64) / kept["size"].to_numpy(dtype=np.float64)
    if np.all(r == r[0]):       # v = 0; a computed mean can be off by one ulp, so test the rates
        raise ValueError("all rates are equal: the prior variance is 0")
    m = float(r.mean())
    v = float(((r - m) ** 2).mean())
    s = m * (1.0 - m) / v - 1.0
    if s <= 0.0:
        raise ValueError("rates too spread out for a Beta prior by moments (a + b <= 0)")
    return m * s, (1.0 - m) * s
