import numpy as np
import pandas as pd

from mlprep_harness.checks import describe as _describe
from solution import top_k_per_group as _user_top_k_per_group


def top_k_per_group(df, k, **kw):
    """Your top_k_per_group, with its result checked to be a DataFrame with the input columns plus `rank`."""
    got = _user_top_k_per_group(df, k, **kw)
    assert isinstance(got, pd.DataFrame), "top_k_per_group result: expected a pandas DataFrame, got %s" % (
        "a DataFrame" if isinstance(got, pd.DataFrame) else _describe(got))
    missing = [c for c in list(df.columns) + ["rank"] if c not in got.columns]
    assert not missing, "top_k_per_group result: missing columns %s (got %s)" % (missing, list(got.columns))
    return got


def _slow_reference(df, k):
    """ties='all': competition rank (1 + rows with a strictly higher score), keep rank <= k,
    order by group, rank, item."""
    groups = {}
    for r in df.to_dict("records"):
        groups.setdefault(r["group"], []).append(r)
    out = []
    for g in sorted(groups):
        rows = groups[g]
        ranked = [dict(r, rank=1 + sum(o["score"] > r["score"] for o in rows)) for r in rows]
        out += sorted((r for r in ranked if r["rank"] <= k), key=lambda r: (r["rank"], r["item"]))
    return pd.DataFrame(out, columns=list(df.columns) + ["rank"])


def _check(out, expected, what):
    assert len(out) == len(expected), f"{what}: expected {len(expected)} rows, got {len(out)}"
    extra = [c for c in out.columns if c not in expected.columns]
    assert not extra, f"{what}: unexpected columns {extra}"
    got = out.reset_index(drop=True)[list(expected.columns)]
    assert np.issubdtype(got["rank"].dtype, np.integer), f"{what}: rank must be an integer column, got {got['rank'].dtype}"
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True), check_dtype=False, obj=what)


def _random_df(rng, n, n_groups, string_groups=False):
    g = rng.integers(0, n_groups, n)
    item = np.empty(n, dtype="int64")
    for gi in np.unique(g):
        m = g == gi
        item[m] = rng.choice(1000, m.sum(), replace=False)
    score = rng.integers(0, 6, n) / 4.0   # coarse scores: many ties, also at the cut-off
    group = np.array([f"g{x:03d}" for x in g], dtype=object) if string_groups else g
    return pd.DataFrame({"group": group, "item": item, "score": score})


def test_tie_at_cutoff_keeps_every_tied_row():
    df = pd.DataFrame({"group": [1, 1, 1, 1, 1], "item": [9, 7, 5, 3, 1], "score": [0.5, 0.5, 0.5, 0.9, 0.1]})
    out = top_k_per_group(df, 2, ties="all").reset_index(drop=True)
    assert out["item"].tolist() == [3, 5, 7, 9], (
        f"k=2, scores 0.9 then three rows at 0.5: all three tied rows are in, got items {out['item'].tolist()}")
    assert out["rank"].tolist() == [1, 2, 2, 2], f"tied rows share rank 2, got {out['rank'].tolist()}"


def test_rank_skips_after_ties():
    # competition rank 1, 2, 2, 4: with k=3 the row at rank 4 is out (a dense rank would give it 3)
    df = pd.DataFrame({"group": ["a"] * 5, "item": [1, 2, 3, 4, 5], "score": [0.9, 0.8, 0.8, 0.7, 0.6]})
    out = top_k_per_group(df, 3, ties="all").reset_index(drop=True)
    assert out["item"].tolist() == [1, 2, 3], f"ranks are 1, 2, 2, 4, 5: k=3 keeps items [1, 2, 3], got {out['item'].tolist()}"
    assert out["rank"].tolist() == [1, 2, 2], f"ranks must be [1, 2, 2], got {out['rank'].tolist()}"


def test_matches_reference_on_random_data():
    rng = np.random.default_rng(11)
    for k in (1, 2, 5):
        df = _random_df(rng, 1500, 100)
        df["extra"] = rng.normal(size=len(df))
        _check(top_k_per_group(df, k, ties="all"), _slow_reference(df, k), f"random data, k={k}, ties='all'")


def test_string_groups_shuffled_index_and_small_groups():
    rng = np.random.default_rng(5)
    df = _random_df(rng, 400, 80, string_groups=True)
    df.index = rng.permutation(np.arange(7000, 7400))
    _check(top_k_per_group(df, 3, ties="all"), _slow_reference(df, 3), "string groups, shuffled input")
    _check(top_k_per_group(df, 1000, ties="all"), _slow_reference(df, 1000), "k larger than every group")


def test_default_keeps_part_one_and_unknown_ties_raises():
    df = pd.DataFrame({"group": [1, 1, 1, 1], "item": [9, 7, 5, 3], "score": [0.5, 0.5, 0.5, 0.9]})
    out = top_k_per_group(df, 2).reset_index(drop=True)
    assert out["item"].tolist() == [3, 5] and out["rank"].tolist() == [1, 2], \
        "default ties='item' must keep part 1's behaviour (exactly k rows, ties by item)"
    out = top_k_per_group(df, 2, ties="item").reset_index(drop=True)
    assert out["item"].tolist() == [3, 5], "ties='item' must keep part 1's behaviour"
    try:
        _user_top_k_per_group(df, 2, ties="dense")
    except ValueError:
        pass
    else:
        raise AssertionError("ties='dense' must raise ValueError (only 'item' and 'all' are valid)")


def test_input_not_modified_and_empty():
    rng = np.random.default_rng(8)
    df = _random_df(rng, 200, 10)
    before = df.copy(deep=True)
    top_k_per_group(df, 3, ties="all")
    pd.testing.assert_frame_equal(df, before, obj="df (must not be modified)")
    empty = df.iloc[:0]
    out = top_k_per_group(empty, 3, ties="all")
    assert len(out) == 0, "empty df -> empty result"
