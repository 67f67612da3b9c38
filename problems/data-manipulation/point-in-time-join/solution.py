import numpy as np
import pandas as pd


def point_in_time_join(labels: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    value_cols = [c for c in features.columns if c not in ("user_id", "feature_ts")]
    if len(labels) == 0:
        out = labels.reset_index(drop=True).copy()
        out["feature_ts"] = pd.Series([], dtype="datetime64[ns]")
        for c in value_cols:
            out[c] = pd.Series([], dtype="float64")
        return out

    left = labels.reset_index(drop=True)
    left = left.assign(_row=np.arange(len(left)))
    left = left.sort_values("ts", kind="mergesort")
    right = features.sort_values("feature_ts", kind="mergesort")

    out = pd.merge_asof(
        left,
        right,
        left_on="ts",
        right_on="feature_ts",
        by="user_id",
        direction="backward",
        allow_exact_matches=True,  # feature_ts == ts is available
    )
    out = out.sort_values("_row", kind="mergesort").drop(columns="_row")
    return out.reset_index(drop=True)
