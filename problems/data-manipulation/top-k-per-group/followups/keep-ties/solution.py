import numpy as np
import pandas as pd


def top_k_per_group(df: pd.DataFrame, k: int, ties: str = "item") -> pd.DataFrame:
    if ties not in ("item", "all"):
        raise ValueError("ties must be 'item' or 'all', got %r" % (ties,))
    ordered = df.sort_values(["group", "score", "item"], ascending=[True, False, True], kind="mergesort")
    if ties == "item":
        top = ordered.groupby("group", sort=False).head(k).copy()
        top["rank"] = (top.groupby("group", sort=False).cumcount() + 1).astype("int64")
        return top.reset_index(drop=True)
    # competition ("min") rank: 1 + number of rows of the group with a strictly higher score
    rank = ordered.groupby("group", sort=False)["score"].rank(method="min", ascending=False)
    top = ordered[rank.to_numpy() <= k].copy()
    top["rank"] = rank[rank.to_numpy() <= k].astype("int64").to_numpy()
    return top.reset_index(drop=True)
