import pandas as pd


def dedupe_latest(df, key):
    """Keep only the latest record for every key.

    Args:
        df: pd.DataFrame with the key column(s), a column `updated_at` (datetime64[ns], may
            contain NaT), a column `ingestion_id` (int, unique over the whole frame) and any
            other columns. Do not modify it.
        key: a column name (str) or a list of column names forming the key.

    Rules:
        - the latest record has the greatest `updated_at`;
        - equal `updated_at` -> the record with the highest `ingestion_id` wins;
        - a missing `updated_at` (NaT) is older than any timestamp; if every record of a key
          has NaT, the key is still kept and the highest `ingestion_id` wins.

    Returns:
        pd.DataFrame with exactly one row per distinct key: the winning record, unchanged
        (same columns in the same order, same dtypes, values of one single record), rows sorted
        by the key column(s) ascending, index 0..n_keys-1.
    """
    raise NotImplementedError
