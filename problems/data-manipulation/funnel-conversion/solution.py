import numpy as np
import pandas as pd


def funnel_conversion(events, steps=("view", "add_to_cart", "purchase")):
    steps = list(steps)
    ev = events.loc[events["event"].isin(steps), ["user_id", "event", "ts"]]

    counts = []
    reach = None  # Series: user_id -> earliest time the user completed the previous step
    for step in steps:
        cur = ev.loc[ev["event"] == step, ["user_id", "ts"]]
        if reach is not None:
            prev = reach.rename("prev_ts").reset_index()
            cur = cur.merge(prev, on="user_id", how="inner")
            cur = cur.loc[cur["ts"] >= cur["prev_ts"], ["user_id", "ts"]]
        # earliest completion of this step = the best starting point for the next one
        reach = cur.groupby("user_id")["ts"].min()
        counts.append(len(reach))

    users = np.asarray(counts, dtype=np.int64)
    prev_users = np.concatenate([users[:1], users[:-1]])
    first_users = np.full_like(users, users[0] if len(users) else 0)
    conv_prev = np.divide(users, prev_users, out=np.zeros(len(users)), where=prev_users > 0)
    conv_first = np.divide(users, first_users, out=np.zeros(len(users)), where=first_users > 0)
    return pd.DataFrame(
        {
            "step": pd.Series(steps, dtype=object),
            "users": users,
            "conversion_from_previous": conv_prev.astype(np.float64),
            "conversion_from_first": conv_first.astype(np.float64),
        }
    )
