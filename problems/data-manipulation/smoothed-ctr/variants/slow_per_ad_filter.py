"""Known-slow variant: correct, but filters the whole log once per ad (a loop over ads).
The validator checks it passes every correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def smoothed_ctr(log, ads, a, b):
    rows = []
    ad_col = log["ad_id"]
    for ad in ads:
        hits = log.loc[ad_col == ad, "clicked"]
        rows.append((ad, len(hits), int(hits.sum())))
    out = pd.DataFrame(rows, columns=["ad_id", "impressions", "clicks"])
    if len(ads) and isinstance(ads[0], (int, np.integer)):
        out["ad_id"] = out["ad_id"].astype(np.asarray(ads).dtype)
    out["impressions"] = out["impressions"].astype(np.int64)
    out["clicks"] = out["clicks"].astype(np.int64)
    out["ctr"] = ((out["clicks"] + a) / (out["impressions"] + a + b)).astype(np.float64)
    out = out.sort_values(["ctr", "ad_id"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)
