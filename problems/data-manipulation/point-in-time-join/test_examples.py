import numpy as np
import pandas as pd

from solution import point_in_time_join


def _ts(values):
    """Timestamps from strings of mixed precision (pandas 2 infers one format per list)."""
    return pd.to_datetime([pd.Timestamp(v) for v in values])


def _example():
    labels = pd.DataFrame({
        "user_id": [1, 2, 1, 3],
        "ts": _ts(["2024-01-03", "2024-01-02", "2024-01-01 12:00", "2024-01-05"]),
        "label": [0, 1, 1, 0],
    })
    features = pd.DataFrame({
        "user_id": [1, 1, 2, 1],
        "feature_ts": _ts(["2024-01-01", "2024-01-03", "2024-01-04", "2024-01-02"]),
        "spend_7d": [10.0, 30.0, 99.0, 20.0],
    })
    return labels, features


def test_statement_example():
    labels, features = _example()
    out = point_in_time_join(labels, features)
    assert isinstance(out, pd.DataFrame), "return a pandas DataFrame"
    assert out.shape == (4, 5), f"expected shape (4, 5), got {out.shape}"
    expected = pd.DataFrame({
        "user_id": [1, 2, 1, 3],
        "ts": labels["ts"],
        "label": [0, 1, 1, 0],
        "feature_ts": _ts(["2024-01-03", None, "2024-01-01", None]),
        "spend_7d": [30.0, np.nan, 10.0, np.nan],
    })
    got = out.reset_index(drop=True)[list(expected.columns)]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_snapshot_at_label_time_is_used():
    labels = pd.DataFrame({"user_id": [7], "ts": _ts(["2024-03-01 08:00"])})
    features = pd.DataFrame({
        "user_id": [7, 7],
        "feature_ts": _ts(["2024-03-01 07:00", "2024-03-01 08:00"]),
        "f": [1.0, 2.0],
    })
    out = point_in_time_join(labels, features).reset_index(drop=True)
    assert len(out) == 1
    assert out.loc[0, "f"] == 2.0, "a snapshot with feature_ts == ts is available (inclusive)"
