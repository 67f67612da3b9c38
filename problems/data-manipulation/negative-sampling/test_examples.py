import numpy as np
import pandas as pd

from solution import sample_negatives


def _example():
    return pd.DataFrame({"user_id": [1, 1, 2, 2, 2, 2, 2, 3],
                         "item_id": [10, 30, 10, 20, 30, 40, 50, 20]})


def test_example_deterministic_parts():
    out = sample_negatives(_example(), items=[50, 40, 30, 20, 10], k=2, seed=0)
    assert isinstance(out, pd.DataFrame), "return a pandas DataFrame"
    assert sorted(out.columns) == ["item_id", "label", "user_id"], f"columns {list(out.columns)}"
    assert len(out) == 13, f"expected 8 positives + 5 negatives = 13 rows, got {len(out)}"
    rows = set(zip(out["user_id"].tolist(), out["item_id"].tolist(), out["label"].tolist()))
    positives = {(u, i, 1) for u, i in zip(_example()["user_id"], _example()["item_id"])}
    assert positives <= rows, "every interaction must appear with label 1"
    # user 1 wants 2 * 2 = 4 negatives but only 20, 40, 50 are left -> gets all three
    assert {(1, 20, 0), (1, 40, 0), (1, 50, 0)} <= rows, "user 1 must get all of 20, 40, 50 as negatives"
    # user 2 interacted with every item -> no negatives
    assert not any(u == 2 and lab == 0 for u, _, lab in rows), "user 2 has no candidates, so no negatives"


def test_example_random_user():
    out = sample_negatives(_example(), items=[50, 40, 30, 20, 10], k=2, seed=0)
    neg3 = sorted(out.loc[(out["user_id"] == 3) & (out["label"] == 0), "item_id"].tolist())
    assert len(neg3) == 2, f"user 3 has 1 positive and k = 2: expected 2 negatives, got {len(neg3)}"
    assert set(neg3) <= {10, 30, 40, 50}, f"user 3's negatives {neg3} must come from 10, 30, 40, 50"
    again = sample_negatives(_example(), items=[50, 40, 30, 20, 10], k=2, seed=0)
    neg3_again = sorted(again.loc[(again["user_id"] == 3) & (again["label"] == 0), "item_id"].tolist())
    assert neg3 == neg3_again, "the same seed must give the same negatives"
