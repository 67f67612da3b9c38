"""Known-slow variant: correct, but decides each transaction in a Python loop over rows.
The validator checks it passes every correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def label_transactions(transactions, chargebacks, as_of, maturity_days):
    as_of = pd.Timestamp(as_of)
    known = set()
    for tid, rep in zip(chargebacks["txn_id"], chargebacks["reported_at"]):
        if rep <= as_of:
            known.add(tid)
    cutoff = as_of - pd.Timedelta(days=maturity_days)
    rows, labels = [], []
    for i, (tid, ts) in enumerate(zip(transactions["txn_id"], transactions["ts"])):
        if ts > as_of:
            continue
        if tid in known:
            rows.append(i)
            labels.append(1)
        elif ts <= cutoff:
            rows.append(i)
            labels.append(0)
    out = transactions.iloc[rows].copy()
    out["label"] = np.array(labels, dtype=np.int64)
    return out.reset_index(drop=True)
