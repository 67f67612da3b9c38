import numpy as np
import pandas as pd


def label_transactions(transactions, chargebacks, as_of, maturity_days):
    """Point-in-time fraud labels from delayed chargebacks.

    Args:
        transactions: pd.DataFrame with columns txn_id (unique), ts (datetime64[ns]) and any
            other columns. Do not modify it.
        chargebacks: pd.DataFrame with columns txn_id and reported_at (datetime64[ns]); a
            transaction may have several chargebacks, some txn_ids may be unknown. Do not modify it.
        as_of: pd.Timestamp, the moment the training set is built.
        maturity_days: int >= 0.

    With T = as_of and W = pd.Timedelta(days=maturity_days), only transactions with ts <= T are
    considered, and only chargebacks with reported_at <= T are known:
        label 1: the transaction has at least one known chargeback (whatever its age);
        label 0: no known chargeback and ts <= T - W (mature);
        excluded: no known chargeback and ts > T - W (immature), or ts > T.

    Returns:
        the labelled transactions: every column of `transactions` unchanged, plus a last column
        `label` (int64, 0/1); rows in the input order; index 0..k-1.
    """
    raise NotImplementedError
