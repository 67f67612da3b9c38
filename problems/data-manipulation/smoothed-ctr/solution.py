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
