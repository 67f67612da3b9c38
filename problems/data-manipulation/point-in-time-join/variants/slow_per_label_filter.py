"""Known-slow variant: correct, but filters `features` once per label row (O(labels x
snapshots)). The validator checks it passes every correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def point_in_time_join(labels, features):
    value_cols = [c for c in features.columns if c not in ("user_id", "feature_ts")]
    out = labels.reset_index(drop=True).copy()
    n = len(out)
    out_ts = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    out_vals = np.full((n, len(value_cols)), np.nan)
    for i, (u, t) in enumerate(zip(out["user_id"], out["ts"])):
        seen = features[(features["user_id"] == u) & (features["feature_ts"] <= t)]
        if len(seen):
            best = seen.loc[seen["feature_ts"].idxmax()]
            out_ts[i] = best["feature_ts"]
            out_vals[i] = best[value_cols].to_numpy(dtype="float64")
    out["feature_ts"] = out_ts
    for k, c in enumerate(value_cols):
        out[c] = out_vals[:, k]
    return out
