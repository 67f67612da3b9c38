"""Bug: evicts the oldest monitored item (insertion order) instead of the one with the smallest estimate. Caught by test_new_item_takes_over_the_minimum_counter and test_guarantees_on_skewed_streams."""
import numpy as np
import pandas as pd


def top_k_per_group(df: pd.DataFrame, k: int, ties: str = "item") -> pd.DataFrame:
    if ties not in ("item", "all"):
        raise ValueError("ties must be 'item' or 'all', got %r" % (ties,))
    ordered = df.sort_values(["group", "score", "item"], ascending=[True, False, True], kind="mergesort")
    if ties == "item":
        top = ordered.groupby("group", sort=False).head(k).copy()
        top["rank"] = (top.groupby("group", sort=False).cumcount() + 1).astype("int64")
        return top.reset_index(drop=True)
    # competition ("min") rank: 1 + number of rows of the group with a strictly higher score
    rank = ordered.groupby("group", sort=False)["score"].rank(method="min", ascending=False)
    top = ordered[rank.to_numpy() <= k].copy()
    top["rank"] = rank[rank.to_numpy() <= k].astype("int64").to_numpy()
    return top.reset_index(drop=True)


class GroupedHeavyHitters:
    """Approximate top items per group over a stream, with at most `m` counters per group:
    the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005).

    For a monitored item, `estimate` overcounts by at most `error`:
    estimate - error <= true count <= estimate, and error <= N_g / m (N_g: events of the group).
    Every item with more than N_g / m events in its group is monitored."""

    def __init__(self, m):
        if int(m) != m or m < 1:
            raise ValueError("m must be an integer >= 1")
        self.m = int(m)
        self._groups = {}                 # group -> {item: [estimate, error]}

    def add(self, group, item):
        table = self._groups.setdefault(group, {})
        entry = table.get(item)
        if entry is not None:
            entry[0] += 1
        elif len(table) < self.m:
            table[item] = [1, 0]
        else:
            victim = next(iter(table))
            floor = table.pop(victim)[0]
            table[item] = [floor + 1, floor]

    def counts(self, group):
        """{item: (estimate, error)} of the monitored items of `group` ({} for an unseen group)."""
        return {it: (e, err) for it, (e, err) in self._groups.get(group, {}).items()}

    def top(self, group, k):
        """The k monitored items with the largest estimates, largest first (ties: smaller item first)."""
        table = self._groups.get(group, {})
        return sorted(table, key=lambda it: (-table[it][0], it))[:k]
