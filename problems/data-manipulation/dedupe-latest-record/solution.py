import pandas as pd


def dedupe_latest(df, key):
    keys = [key] if isinstance(key, str) else list(key)
    # ascending sort with NaT first: the last row of each key is the latest dated record,
    # ties broken by the highest ingestion_id; an all-NaT key keeps its highest ingestion_id
    ordered = df.sort_values(keys + ["updated_at", "ingestion_id"], na_position="first", kind="mergesort")
    out = ordered.drop_duplicates(subset=keys, keep="last")
    return out.reset_index(drop=True)
