import numpy as np
import pandas as pd


def sample_negatives(interactions: pd.DataFrame, items, k: int, seed: int = 0) -> pd.DataFrame:
    """Uniform negative sampling per user, without replacement (reference)."""
    rng = np.random.default_rng(seed)
    catalogue = np.unique(np.asarray(items, dtype=np.int64))          # sorted, unique
    users = interactions["user_id"].to_numpy(dtype=np.int64)
    pos_items = interactions["item_id"].to_numpy(dtype=np.int64)

    order = np.lexsort((pos_items, users))                             # group rows by user
    users_s, items_s = users[order], pos_items[order]
    uniq_users, starts, counts = np.unique(users_s, return_index=True, return_counts=True)
    pos_idx = np.searchsorted(catalogue, items_s)                      # catalogue positions

    free = np.ones(catalogue.size, dtype=bool)
    neg_users, neg_items = [], []
    for u, s, c in zip(uniq_users, starts, counts):
        taken = pos_idx[s:s + c]
        free[taken] = False
        available = catalogue[free]
        free[taken] = True
        n = min(k * int(c), available.size)
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
    out = out.sort_values(["user_id", "label", "item_id"], ascending=[True, False, True], kind="mergesort")
    return out.reset_index(drop=True)
