import pandas as pd


def dedupe_latest(df, key, deleted=None):
    """Latest record per key of a change-data-capture frame (reference for parts 1-2).

    Winner per key: the greatest updated_at (NaT older than any time), then the highest
    ingestion_id. deleted (part 2): the name of a bool column marking tombstones; a key whose
    winner is a tombstone is left out (a delete hides every older version, a later upsert
    brings the key back). Output: the winning rows unchanged, sorted by key, index 0..m-1.
    """
    keys = [key] if isinstance(key, str) else list(key)
    # ascending sort with NaT first: the last row of each key is the latest dated record,
    # ties broken by the highest ingestion_id; an all-NaT key keeps its highest ingestion_id
    ordered = df.sort_values(keys + ["updated_at", "ingestion_id"], na_position="first", kind="mergesort")
    out = ordered.drop_duplicates(subset=keys, keep="last")
    if deleted is not None:
        if deleted not in df.columns:
            raise KeyError(f"no column {deleted!r}")
        # filter AFTER choosing the winner: dropping tombstones first would resurrect older versions
        out = out[~out[deleted].to_numpy(dtype=bool)]
    return out.reset_index(drop=True)
