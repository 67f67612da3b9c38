import numpy as np
import pandas as pd

from solution import funnel_conversion


def _example_events():
    t = pd.Timestamp("2024-03-01")
    m = lambda k: t + pd.Timedelta(minutes=k)
    return pd.DataFrame({
        "user_id": [1, 1, 1, 2, 2, 3, 3, 4],
        "event": ["view", "add_to_cart", "purchase", "view", "add_to_cart",
                  "purchase", "view", "search"],
        "ts": [m(0), m(5), m(20), m(60), m(62), m(-60), m(-30), m(0)],
    })


def test_statement_example():
    out = funnel_conversion(_example_events())
    assert list(out.columns) == ["step", "users", "conversion_from_previous", "conversion_from_first"], \
        f"columns are {list(out.columns)}"
    assert out.shape == (3, 4), f"shape {out.shape}, expected (3, 4)"
    assert list(out["step"]) == ["view", "add_to_cart", "purchase"]
    assert list(np.asarray(out["users"]).astype(int)) == [3, 2, 1], f"users {list(out['users'])}"
    np.testing.assert_allclose(np.asarray(out["conversion_from_previous"], dtype=float),
                               [1.0, 2 / 3, 0.5], rtol=1e-9, err_msg="conversion_from_previous")
    np.testing.assert_allclose(np.asarray(out["conversion_from_first"], dtype=float),
                               [1.0, 2 / 3, 1 / 3], rtol=1e-9, err_msg="conversion_from_first")


def test_purchase_before_view_does_not_count():
    events = pd.DataFrame({
        "user_id": [7, 7, 7],
        "event": ["purchase", "view", "add_to_cart"],
        "ts": [1, 2, 3],
    })
    out = funnel_conversion(events)
    assert list(np.asarray(out["users"]).astype(int)) == [1, 1, 0], f"users {list(out['users'])}"
