import pandas as pd

from solution import dedupe_latest


def _example_df():
    return pd.DataFrame({
        "customer_id": [2, 1, 3, 2, 1, 3, 2],
        "email": ["b@z", "a@new", "c@1", "b@y", "a@old", "c@2", "b@x"],
        "updated_at": pd.to_datetime([None, "2024-02-01", None, "2024-01-05",
                                      "2024-01-01", None, "2024-01-05"]),
        "ingestion_id": [16, 11, 13, 15, 10, 14, 12],
    })


def test_statement_example():
    out = dedupe_latest(_example_df(), "customer_id")
    expected = pd.DataFrame({
        "customer_id": [1, 2, 3],
        "email": ["a@new", "b@y", "c@2"],
        "updated_at": pd.to_datetime(["2024-02-01", "2024-01-05", None]),
        "ingestion_id": [11, 15, 14],
    })
    assert out.shape == (3, 4), f"shape {out.shape}, expected (3, 4)"
    pd.testing.assert_frame_equal(out, expected)


def test_tie_on_updated_at_goes_to_highest_ingestion_id():
    df = pd.DataFrame({
        "k": ["x", "x"],
        "updated_at": pd.to_datetime(["2024-05-01", "2024-05-01"]),
        "ingestion_id": [9, 3],
    })
    out = dedupe_latest(df, "k")
    assert out.shape == (1, 3), f"shape {out.shape}, expected (1, 3)"
    assert int(out["ingestion_id"].iloc[0]) == 9, f"kept ingestion_id {out['ingestion_id'].iloc[0]}, expected 9"
