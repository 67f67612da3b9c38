import numpy as np
import pandas as pd

from solution import sessionize


def _ts(values):
    """Timestamps from strings of mixed precision (pandas 2 infers one format per list)."""
    return pd.to_datetime([pd.Timestamp(v) for v in values])


def test_statement_example():
    events = pd.DataFrame({
        "user_id": [1, 1, 2, 1, 1, 2, 1, 1],
        "ts": _ts(["2024-01-01 10:40", "2024-01-01 10:00", "2024-01-01 10:05",
                              "2024-01-01 10:30", "2024-01-01 11:10", "2024-01-01 12:00",
                              "2024-01-01 11:41", "2024-01-01 13:00"]),
    })
    out = sessionize(events)
    assert isinstance(out, pd.Series), "return a pandas Series"
    assert len(out) == 8, f"expected 8 values, got {len(out)}"
    assert list(out.index) == list(events.index), "result must have the index of events"
    np.testing.assert_array_equal(out.to_numpy(), [0, 0, 0, 0, 0, 1, 1, 2])


def test_gap_of_exactly_30_minutes_stays_in_session():
    events = pd.DataFrame({
        "user_id": [9, 9, 9],
        "ts": _ts(["2024-02-01 08:00", "2024-02-01 08:30", "2024-02-01 09:00:01"]),
    })
    np.testing.assert_array_equal(sessionize(events).to_numpy(), [0, 0, 1],
                                  err_msg="gap == 30 min stays; gap > 30 min starts a new session")
