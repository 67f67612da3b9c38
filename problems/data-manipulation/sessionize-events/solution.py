import numpy as np
import pandas as pd


def sessionize(events: pd.DataFrame, gap: pd.Timedelta = pd.Timedelta(minutes=30)) -> pd.Series:
    n = len(events)
    users = events["user_id"].to_numpy()
    t = events["ts"].to_numpy().astype("datetime64[ns]").astype("int64")
    g = int(pd.Timedelta(gap).value)

    order = np.lexsort((t, users))
    su, st = users[order], t[order]
    first_of_user = np.ones(n, dtype=bool)
    first_of_user[1:] = su[1:] != su[:-1]
    new_session = first_of_user.copy()
    new_session[1:] |= (st[1:] - st[:-1]) > g          # strictly greater than gap

    global_id = np.cumsum(new_session) - 1             # 0, 1, 2, ... over all users
    user_offset = np.maximum.accumulate(np.where(first_of_user, global_id, 0)) if n else global_id
    local = np.empty(n, dtype="int64")
    local[order] = global_id - user_offset
    return pd.Series(local, index=events.index, name="session_id", dtype="int64")
