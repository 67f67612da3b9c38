"""Known-slow variant: correct, but filters the whole interactions DataFrame for every
interaction to find that user's positives (O(n^2)). The validator checks it passes every
correctness test and fails the scale test."""
import numpy as np
import pandas as pd


def sample_negatives(interactions, items, k, seed=0):
    rng = np.random.default_rng(seed)
    catalogue = np.unique(np.asarray(items, dtype=np.int64))
    users = interactions["user_id"].to_numpy(dtype=np.int64)
    pos_items = interactions["item_id"].to_numpy(dtype=np.int64)
    need = {}                                   # user -> (number of positives, positive items)
    for u in users.tolist():
        mine = interactions.loc[interactions["user_id"] == u, "item_id"].to_numpy(dtype=np.int64)
        need[u] = (len(mine), mine)
    neg_users, neg_items = [], []
    for u in sorted(need):
        count, mine = need[u]
        available = catalogue[~np.isin(catalogue, mine)]
        n = min(k * count, available.size)
        if n > 0:
            neg_items.append(rng.choice(available, size=n, replace=False))
            neg_users.append(np.full(n, u, dtype=np.int64))
    pos = pd.DataFrame({"user_id": users, "item_id": pos_items, "label": np.ones(users.size, dtype=np.int64)})
    neg = pd.DataFrame({
        "user_id": np.concatenate(neg_users) if neg_users else np.empty(0, dtype=np.int64),
        "item_id": np.concatenate(neg_items) if neg_items else np.empty(0, dtype=np.int64),
        "label": np.zeros(sum(a.size for a in neg_items), dtype=np.int64),
    })
    out = pd.concat([pos, neg], ignore_index=True)
    return out.sort_values(["user_id", "label", "item_id"], ascending=[True, False, True]).reset_index(drop=True)
