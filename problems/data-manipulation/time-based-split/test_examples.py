import numpy as np
import pandas as pd

from solution import time_based_split


def _ts(values):
    """Timestamps from strings of mixed precision (pandas 2 infers one format per list)."""
    return pd.to_datetime([pd.Timestamp(v) for v in values])


def _example():
    return pd.DataFrame({
        "user_id": [1, 2, 1, 3, 2, 3, 4],
        "ts": _ts(["2024-01-02", "2024-01-07", "2024-01-08", "2024-01-10",
                              "2024-01-12", "2024-01-05", "2024-01-09 23:00"]),
        "y": [0, 1, 0, 1, 1, 0, 1],
    })


def test_statement_example():
    df = _example()
    train, test = time_based_split(df, pd.Timestamp("2024-01-10"), pd.Timedelta(days=3))
    assert isinstance(train, pd.DataFrame) and isinstance(test, pd.DataFrame), "return two DataFrames"
    assert train.index.tolist() == [0, 1, 5], f"train rows: expected [0, 1, 5], got {train.index.tolist()}"
    assert test.index.tolist() == [3, 4], f"test rows: expected [3, 4], got {test.index.tolist()}"
    pd.testing.assert_frame_equal(train, df.loc[[0, 1, 5]])
    pd.testing.assert_frame_equal(test, df.loc[[3, 4]])


def test_statement_example_disjoint_users():
    df = _example()
    train, test = time_based_split(df, pd.Timestamp("2024-01-10"), pd.Timedelta(days=3),
                                   disjoint_users=True)
    assert train.index.tolist() == [0], f"train rows: expected [0], got {train.index.tolist()}"
    assert test.index.tolist() == [3, 4], f"test rows: expected [3, 4], got {test.index.tolist()}"
