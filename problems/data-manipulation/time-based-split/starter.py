import numpy as np
import pandas as pd


def time_based_split(df: pd.DataFrame, cutoff: pd.Timestamp, horizon: pd.Timedelta = pd.Timedelta(0),
                     disjoint_users: bool = False) -> tuple:
    """Leakage-free split at `cutoff` for rows whose label window is [ts, ts + horizon).

    df:      DataFrame with columns user_id (int64), ts (datetime64[ns]) and possibly others.
    cutoff:  pd.Timestamp.
    horizon: pd.Timedelta >= 0, length of each row's label window.
    disjoint_users: if True, drop from train every row whose user_id appears in test.

    Returns (train, test):
        test  = rows with ts >= cutoff
        train = rows with ts < cutoff and ts + horizon <= cutoff (minus test users if disjoint_users)
    Both keep all columns, the original index labels and the original row order
    (like df[mask]). Do not modify df.
    """
    raise NotImplementedError
