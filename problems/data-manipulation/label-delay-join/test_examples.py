import numpy as np
import pandas as pd

from solution import label_transactions


def _example():
    transactions = pd.DataFrame({
        "txn_id": ["t1", "t2", "t3", "t4", "t5", "t6", "t7"],
        "ts": pd.to_datetime(["2024-01-10", "2024-01-20", "2024-02-05", "2024-03-20",
                              "2024-03-25", "2024-04-05", "2024-03-01"]),
        "amount": [120.0, 35.5, 60.0, 999.0, 15.0, 80.0, 42.0],
    })
    chargebacks = pd.DataFrame({
        "txn_id": ["t1", "t1", "t2", "t4", "t6", "t99"],
        "reported_at": pd.to_datetime(["2024-02-15", "2024-02-20", "2024-04-10",
                                       "2024-03-25", "2024-04-20", "2024-03-01"]),
    })
    return transactions, chargebacks


def test_statement_example():
    transactions, chargebacks = _example()
    out = label_transactions(transactions, chargebacks, pd.Timestamp("2024-03-31"), maturity_days=30)
    expected = transactions.iloc[[0, 1, 2, 3, 6]].reset_index(drop=True)
    expected["label"] = np.array([1, 0, 0, 1, 0], dtype=np.int64)
    assert out.shape == (5, 4), f"shape {out.shape}, expected (5, 4)"
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)


def test_later_as_of_sees_the_late_chargeback():
    transactions, chargebacks = _example()
    out = label_transactions(transactions, chargebacks, pd.Timestamp("2024-04-15"), maturity_days=30)
    # at 2024-04-15, t2's chargeback (reported 2024-04-10) is known; mature means ts <= 2024-03-16
    assert list(out["txn_id"]) == ["t1", "t2", "t3", "t4", "t7"], f"rows {list(out['txn_id'])}"
    assert list(out["label"]) == [1, 1, 0, 1, 0], f"labels {list(out['label'])}"
