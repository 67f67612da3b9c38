"""Bug: keeps the right rows with the right ranks, but tied rows come out in input order, not by
item ascending. Caught by test_tie_at_cutoff_keeps_every_tied_row and test_matches_reference_on_random_data."""
import numpy as np
import pandas as pd


def top_k_per_group(df: pd.DataFrame, k: int, ties: str = "item") -> pd.DataFrame:
    if ties not in ("item", "all"):
        raise ValueError("ties must be 'item' or 'all', got %r" % (ties,))
    if ties == "item":
        ordered = df.sort_values(["group", "score", "item"], ascending=[True, False, True], kind="mergesort")
        top = ordered.groupby("group", sort=False).head(k).copy()
        top["rank"] = (top.groupby("group", sort=False).cumcount() + 1).astype("int64")
        return top.reset_index(drop=True)
    ordered = df.sort_values(["group", "score"], ascending=[True, False], kind="mergesort")
    rank = ordered.groupby("group", sort=False)["score"].rank(method="min", ascending=False)
    top = ordered[rank.to_numpy() <= k].copy()
    top["rank"] = rank[rank.to_numpy() <= k].astype("int64").to_numpy()
    return top.reset_index(drop=True)
