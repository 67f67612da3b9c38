"""Known-slow variant: correct, but runs a pandas sort for every key (groupby().apply).
The validator checks it passes every correctness test and fails the scale test."""
import pandas as pd


def _latest(group):
    return group.sort_values(["updated_at", "ingestion_id"], na_position="first", kind="mergesort").tail(1)


def dedupe_latest(df, key):
    keys = [key] if isinstance(key, str) else list(key)
    if df.empty:
        return df.reset_index(drop=True)
    parts = [_latest(g) for _, g in df.groupby(keys if len(keys) > 1 else keys[0], sort=True)]
    return pd.concat(parts).reset_index(drop=True)
