import numpy as np
import pandas as pd


def smoothed_ctr(log, ads, a, b):
    """Bayesian-smoothed click-through rate per ad.

    Args:
        log: pd.DataFrame, one row per impression, columns
             ad_id   - int or str
             clicked - 0/1 int or bool
             (other columns ignored). Do not modify it.
        ads: list of distinct ad ids to report (ads with no impressions included; log rows of
             ads not in this list are ignored).
        a, b: Beta prior parameters, floats > 0.

    ctr = (clicks + a) / (impressions + a + b)

    Returns:
        pd.DataFrame with exactly one row per ad in `ads`, columns
            ad_id, impressions (int), clicks (int), ctr (float64),
        sorted by ctr descending, exact ties by ad_id ascending, index 0..len(ads)-1.
    """
    raise NotImplementedError
