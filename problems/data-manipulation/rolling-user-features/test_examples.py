import numpy as np
import pandas as pd

from solution import rolling_user_features


def _ts(values):
    """Timestamps from strings of mixed precision (pandas 2 infers one format per list)."""
    return pd.to_datetime([pd.Timestamp(v) for v in values])


def test_statement_example():
    events = pd.DataFrame({
        "user_id": [1, 1, 2, 1, 1, 1],
        "ts": _ts(["2024-01-02", "2024-01-01", "2024-01-03",
                              "2024-01-09", "2024-01-02", "2024-01-08 12:00"]),
        "amount": [2.0, 1.0, 100.0, 8.0, 4.0, 16.0],
    })
    out = rolling_user_features(events)
    assert isinstance(out, pd.DataFrame), "return a pandas DataFrame"
    assert len(out) == 6, f"expected 6 rows, got {len(out)}"
    assert list(out.index) == list(events.index), "result must have the index of events"
    np.testing.assert_array_equal(out["prev_count"].to_numpy(), [1, 0, 0, 1, 1, 2])
    np.testing.assert_allclose(out["prev_sum"].to_numpy(dtype="float64"),
                               [1.0, 0.0, 0.0, 16.0, 1.0, 6.0], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(out["prev_mean"].to_numpy(dtype="float64"),
                               [1.0, np.nan, np.nan, 16.0, 1.0, 3.0], rtol=1e-9, atol=1e-6)


def test_event_does_not_see_itself():
    events = pd.DataFrame({
        "user_id": [3],
        "ts": _ts(["2024-05-01 10:00"]),
        "amount": [42.0],
    })
    out = rolling_user_features(events)
    assert out["prev_count"].iloc[0] == 0, "the current event is not in its own history"
    assert out["prev_sum"].iloc[0] == 0.0
    assert np.isnan(out["prev_mean"].iloc[0]), "empty history -> prev_mean is NaN"
