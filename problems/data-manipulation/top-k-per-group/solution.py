import numpy as np
import pandas as pd


def top_k_per_group(df: pd.DataFrame, k: int) -> pd.DataFrame:
    ordered = df.sort_values(["group", "score", "item"], ascending=[True, False, True], kind="mergesort")
    top = ordered.groupby("group", sort=False).head(k).copy()
    top["rank"] = (top.groupby("group", sort=False).cumcount() + 1).astype("int64")
    return top.reset_index(drop=True)
