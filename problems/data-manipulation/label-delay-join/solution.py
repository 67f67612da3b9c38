import numpy as np
import pandas as pd


def label_transactions(transactions, chargebacks, as_of, maturity_days):
    as_of = pd.Timestamp(as_of)
    # only chargebacks reported by the as-of date are known (point-in-time correctness)
    known = chargebacks.loc[chargebacks["reported_at"] <= as_of, "txn_id"].unique()
    exists = (transactions["ts"] <= as_of).to_numpy()
    positive = transactions["txn_id"].isin(known).to_numpy() & exists
    mature = (transactions["ts"] <= as_of - pd.Timedelta(days=maturity_days)).to_numpy()
    keep = positive | (exists & mature)
    out = transactions.loc[keep].copy()
    out["label"] = positive[keep].astype(np.int64)
    return out.reset_index(drop=True)
