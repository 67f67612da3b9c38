import numpy as np
import pandas as pd

from solution import cohort_retention


def _example_activity():
    return pd.DataFrame({
        "user_id": [1, 1, 1, 2, 2, 3, 3, 3, 4],
        "ts": pd.to_datetime(["2024-01-15", "2024-02-03", "2024-04-20",
                              "2024-01-31", "2024-03-01",
                              "2024-02-10", "2024-02-28", "2024-03-05",
                              "2024-03-15"]),
    })


def test_statement_example():
    out = cohort_retention(_example_activity(), n_months=3)
    assert out.shape == (3, 4), f"shape {out.shape}, expected (3, 4)"
    assert isinstance(out.index, pd.PeriodIndex), f"index is {type(out.index).__name__}, expected PeriodIndex"
    assert [str(p) for p in out.index] == ["2024-01", "2024-02", "2024-03"], f"index {list(out.index)}"
    assert [int(c) for c in out.columns] == [0, 1, 2, 3], f"columns {list(out.columns)}"
    expected = np.array([[1.0, 0.5, 0.5, 0.5],
                         [1.0, 1.0, 0.0, np.nan],
                         [1.0, 0.0, np.nan, np.nan]])
    np.testing.assert_allclose(out.to_numpy(dtype=float), expected, rtol=1e-9, err_msg="retention values")


def test_offset_zero_only():
    out = cohort_retention(_example_activity(), n_months=0)
    assert out.shape == (3, 1), f"shape {out.shape}, expected (3, 1)"
    np.testing.assert_allclose(out.to_numpy(dtype=float), np.ones((3, 1)), err_msg="offset 0 must be 1.0")
