import numpy as np
import pandas as pd

from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import sample_negatives as _user_sample_negatives


def sample_negatives(interactions, items, k, *args, **kwargs):
    """Your sample_negatives (arguments passed on as given, so seed's default is tested), with its
    result checked to be a DataFrame with integer columns user_id, item_id, label before a test
    uses it."""
    got = _user_sample_negatives(interactions, items, k, *args, **kwargs)
    out = _as_frame(got, ["user_id", "item_id", "label"], "sample_negatives result")
    wrong = {c: str(out[c].dtype) for c in ("user_id", "item_id", "label")
             if not pd.api.types.is_integer_dtype(out[c].dtype)}
    assert not wrong, "sample_negatives result: user_id, item_id, label must be integer columns, got dtypes %s" % wrong
    return out


def _describe(x):
    """What came back, for messages: 'a DataFrame with columns [...]', 'an array of shape (3,)'."""
    if isinstance(x, pd.DataFrame):
        return "a DataFrame of shape %s with columns %s" % (x.shape, list(x.columns))
    if isinstance(x, pd.Series):
        return "a Series of length %d (dtype %s)" % (len(x), x.dtype)
    if isinstance(x, np.ndarray):
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s" % type(x).__name__


def _as_frame(got, columns, what):
    """`got` if it is a DataFrame having every name in `columns`, else an AssertionError naming
    what came back (before any test code indexes into it)."""
    assert isinstance(got, pd.DataFrame), "%s: expected a pandas DataFrame, got %s" % (what, _describe(got))
    missing = [c for c in columns if c not in got.columns]
    assert not missing, "%s: expected a DataFrame with columns %s; missing %s (got columns %s)" % (
        what, list(columns), missing, list(got.columns))
    return got

COLS = ["user_id", "item_id", "label"]


def _make(seed, n_users, n_items, max_pos):
    """Random interactions with arbitrary (large, unsorted) user and item ids."""
    rng = np.random.default_rng(seed)
    catalogue = rng.choice(10**9, size=n_items, replace=False).astype(np.int64)
    users = (rng.choice(10**6, size=n_users, replace=False) * 10**6 + 7).astype(np.int64)
    us, its = [], []
    for u in users:
        p = int(rng.integers(1, max_pos + 1))
        us.append(np.full(p, u, dtype=np.int64))
        its.append(rng.choice(catalogue, size=p, replace=False))
    df = pd.DataFrame({"user_id": np.concatenate(us), "item_id": np.concatenate(its)})
    df["ts"] = rng.integers(0, 10**6, size=len(df))  # an extra column, to be ignored
    df = df.sample(frac=1.0, random_state=1)          # shuffled rows, non-default index
    return df, catalogue


def _call(interactions, items, k, seed=0):
    return _validate(sample_negatives(interactions, items, k, seed=seed))


def _validate(out):
    assert isinstance(out, pd.DataFrame), f"return a pandas DataFrame, got {type(out).__name__}"
    assert sorted(out.columns) == sorted(COLS), f"columns must be exactly {COLS}, got {list(out.columns)}"
    for c in COLS:
        assert pd.api.types.is_integer_dtype(out[c].dtype), f"column {c} must be an integer column, got {out[c].dtype}"
    labels = set(np.unique(out["label"].to_numpy()).tolist())
    assert labels <= {0, 1}, f"label must be 0 or 1, got values {sorted(labels)}"
    return out.reset_index(drop=True)[COLS]


def _negatives(out):
    return out[out["label"] == 0][["user_id", "item_id"]].reset_index(drop=True)


def _expected_counts(interactions, n_items, k):
    p = interactions.groupby("user_id").size()
    return np.minimum(k * p, n_items - p)


def test_negatives_are_never_positives_of_that_user():
    inter, catalogue = _make(1, 300, 60, 40)
    out = _call(inter, catalogue, k=3, seed=0)
    neg = _negatives(out)
    assert len(neg) > 0, "expected some negatives"
    clash = neg.merge(inter[["user_id", "item_id"]], on=["user_id", "item_id"], how="inner")
    assert len(clash) == 0, (f"{len(clash)} negatives are items the user interacted with, e.g. user "
                             f"{clash['user_id'].iloc[0]}, item {clash['item_id'].iloc[0]}")
    outside = ~np.isin(neg["item_id"].to_numpy(), catalogue)
    assert not outside.any(), f"{int(outside.sum())} negatives are not in the item catalogue"
    strangers = ~np.isin(neg["user_id"].to_numpy(), inter["user_id"].to_numpy())
    assert not strangers.any(), "negatives were created for users who are not in interactions"


def test_negative_count_per_user_is_min_of_k_times_positives_and_candidates():
    inter, catalogue = _make(2, 300, 60, 40)  # users with many positives run out of candidates
    for k in (1, 3):
        out = _call(inter, catalogue, k=k, seed=1)
        got = _negatives(out).groupby("user_id").size()
        exp = _expected_counts(inter, len(catalogue), k)
        got = got.reindex(exp.index, fill_value=0)
        wrong = exp.index[got.to_numpy() != exp.to_numpy()]
        assert len(wrong) == 0, (f"k={k}: {len(wrong)} users have the wrong number of negatives, e.g. user "
                                 f"{wrong[0]}: expected min(k * P_u, m_u) = {exp[wrong[0]]}, got {got[wrong[0]]}")


def test_all_positives_kept_with_label_one():
    inter, catalogue = _make(3, 200, 80, 10)
    out = _call(inter, catalogue, k=2, seed=2)
    pos = out[out["label"] == 1][["user_id", "item_id"]]
    assert len(pos) == len(inter), f"expected {len(inter)} label-1 rows (one per interaction), got {len(pos)}"
    pd.testing.assert_frame_equal(
        pos.sort_values(["user_id", "item_id"]).reset_index(drop=True),
        inter[["user_id", "item_id"]].sort_values(["user_id", "item_id"]).reset_index(drop=True),
        check_dtype=False, obj="label-1 rows vs interactions")


def test_users_with_few_or_no_candidates():
    items = [5, 3, 9, 1, 7, 11]
    rows = [(100, i) for i in items]                      # user 100: every item -> no negatives
    rows += [(200, i) for i in [5, 3, 9, 1, 7]]           # user 200: 1 candidate, wants 5 -> gets 11
    rows += [(300, 5), (300, 3)]                          # user 300: 4 candidates, wants exactly 4
    rows += [(400, 9)]                                    # user 400: 5 candidates, wants 1
    inter = pd.DataFrame(rows, columns=["user_id", "item_id"])
    out = _call(inter, items, k=1, seed=3)
    neg = _negatives(out)
    by_user = {u: sorted(g["item_id"].tolist()) for u, g in neg.groupby("user_id")}
    assert 100 not in by_user, f"user 100 interacted with every item but got negatives {by_user.get(100)}"
    assert by_user.get(200) == [11], f"user 200 must get its only candidate [11], got {by_user.get(200)}"
    assert len(by_user.get(400, [])) == 1, f"user 400 (1 positive, k=1) must get 1 negative, got {by_user.get(400)}"
    assert (out["label"] == 1).sum() == len(inter), "positives of saturated users must still be kept"
    out2 = _call(inter, items, k=2, seed=3)
    neg2 = _negatives(out2)
    got300 = sorted(neg2.loc[neg2["user_id"] == 300, "item_id"].tolist())
    assert got300 == [1, 7, 9, 11], f"user 300 (2 positives, k=2, 4 candidates) must get all of them, got {got300}"


def test_negatives_distinct_within_user():
    inter, catalogue = _make(4, 200, 50, 12)
    out = _call(inter, catalogue, k=4, seed=4)
    dup = out.duplicated(subset=["user_id", "item_id"])
    assert not dup.any(), (f"{int(dup.sum())} (user_id, item_id) pairs appear more than once: sample "
                           "without replacement, pooled per user")


def test_same_seed_same_result_different_seeds_differ():
    inter, catalogue = _make(5, 100, 200, 5)
    state = np.random.get_state()
    a = _call(inter, catalogue, k=3, seed=42)
    b = _call(inter, catalogue, k=3, seed=42)
    after = np.random.get_state()
    assert state[0] == after[0] and np.array_equal(state[1], after[1]) and state[2:] == after[2:], \
        "NumPy's global random state was used or reseeded; use np.random.default_rng(seed)"
    srt = lambda d: d.sort_values(COLS).reset_index(drop=True)
    pd.testing.assert_frame_equal(srt(a), srt(b), check_dtype=False, obj="two calls with seed=42")
    sets = [set(map(tuple, _negatives(_call(inter, catalogue, k=3, seed=s)).to_numpy().tolist()))
            for s in (0, 1, 2)]
    assert sets[0] != sets[1] and sets[1] != sets[2] and sets[0] != sets[2], \
        "different seeds gave identical negatives"


def test_negatives_uniform_over_candidates():
    catalogue = np.array([31, 7, 99, 12, 58, 3, 77, 45, 20, 66], dtype=np.int64)
    target = np.arange(1000, 1100)      # 100 users with positives {31, 7}: 4 of 8 candidates each
    background = np.arange(5000, 5030)  # 30 users with positives {99, 12, 58}: 6 of 7 candidates each
    rows = [(u, i) for u in target for i in (31, 7)] + [(u, i) for u in background for i in (99, 12, 58)]
    inter = pd.DataFrame(rows, columns=["user_id", "item_id"])
    cnt_t, cnt_b = {}, {}
    seeds = range(20)
    for s in seeds:
        neg = _negatives(_call(inter, catalogue, k=2, seed=s))
        is_t = neg["user_id"].isin(target)
        if s == 0:
            subsets = {tuple(sorted(g.tolist())) for _, g in neg.loc[is_t].groupby("user_id")["item_id"]}
            assert len(subsets) >= 20, (f"100 users with the same positives got only {len(subsets)} distinct "
                                        "negative sets in one call: draws must be independent across users")
        for item, c in neg.loc[is_t, "item_id"].value_counts().items():
            cnt_t[int(item)] = cnt_t.get(int(item), 0) + int(c)
        for item, c in neg.loc[~is_t, "item_id"].value_counts().items():
            cnt_b[int(item)] = cnt_b.get(int(item), 0) + int(c)
    for name, counts, cands, n_draws, p in (
            ("users with positives {31, 7}", cnt_t, [99, 12, 58, 3, 77, 45, 20, 66], 100 * len(seeds), 4 / 8),
            ("users with positives {99, 12, 58}", cnt_b, [31, 7, 3, 77, 45, 20, 66], 30 * len(seeds), 6 / 7)):
        mean, sd = n_draws * p, np.sqrt(n_draws * p * (1 - p))
        for item in cands:
            c = counts.get(item, 0)
            assert abs(c - mean) <= 6 * sd, (f"{name}: item {item} was drawn {c} times over {n_draws} user-draws, "
                                             f"expected about {mean:.0f} (uniform over the user's candidates, "
                                             "independent across users)")


def test_empty_interactions_and_k_zero():
    empty = pd.DataFrame({"user_id": np.array([], dtype=np.int64), "item_id": np.array([], dtype=np.int64)})
    out = sample_negatives(empty, [1, 2, 3], 4, seed=0)
    assert isinstance(out, pd.DataFrame) and len(out) == 0, "empty interactions -> empty DataFrame"
    assert sorted(out.columns) == sorted(COLS), f"empty result must still have columns {COLS}, got {list(out.columns)}"
    inter, catalogue = _make(6, 50, 30, 5)
    out0 = _call(inter, catalogue, k=0, seed=0)
    assert len(out0) == len(inter) and (out0["label"] == 1).all(), "k = 0 must return only the positives"


def test_inputs_not_modified():
    inter, catalogue = _make(7, 80, 40, 6)
    inter_before = inter.copy(deep=True)
    for items in (catalogue, catalogue.tolist(), pd.Series(catalogue, index=np.arange(100, 100 + len(catalogue)))):
        items_before = np.array(items, copy=True)
        _call(inter, items, k=2, seed=0)
        assert np.array_equal(np.asarray(items), items_before), "items was modified (e.g. sorted in place)"
    pd.testing.assert_frame_equal(inter, inter_before, obj="interactions (must not be modified)")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_per_user_vectorised_on_10k_interactions():
    rng = np.random.default_rng(2024)
    n_users, n_items, k = 100, 1_000, 4  # few users, many interactions: a per-interaction filter is O(n^2)
    catalogue = rng.choice(10**9, size=n_items, replace=False).astype(np.int64)
    user_ids = (rng.choice(10**6, size=n_users, replace=False) * 10**6).astype(np.int64)
    inter = pd.DataFrame({"user_id": user_ids[rng.integers(0, n_users, 10_600)],
                          "item_id": catalogue[rng.integers(0, n_items, 10_600)]})
    inter = inter.drop_duplicates(["user_id", "item_id"]).iloc[:10_000].reset_index(drop=True)
    reference = load_reference(__file__).sample_negatives
    out = _validate(assert_relative_speed(
        candidate=lambda: sample_negatives(inter, catalogue, k, seed=9),
        reference=lambda: reference(inter, catalogue, k, seed=9),
        factor=10, slack_ms=20, key="negative-sampling/10k-interactions-100-users",
        what="on 10,000 interactions of 100 users over 1,000 items, must run within 10x the time "
             "of a reference that loops over users with NumPy inside, plus 20 ms (no filtering of "
             "the whole DataFrame per interaction)"))

    pos = out[out["label"] == 1]
    assert len(pos) == len(inter), f"expected {len(inter)} positives, got {len(pos)}"
    neg = _negatives(out)
    exp = _expected_counts(inter, n_items, k)
    got = neg.groupby("user_id").size().reindex(exp.index, fill_value=0)
    assert (got.to_numpy() == exp.to_numpy()).all(), "wrong number of negatives for some users"
    assert not out.duplicated(subset=["user_id", "item_id"]).any(), "duplicate (user_id, item_id) pairs"
    clash = neg.merge(inter, on=["user_id", "item_id"], how="inner")
    assert len(clash) == 0, f"{len(clash)} negatives are positives of the same user"
    assert np.isin(neg["item_id"].to_numpy(), catalogue).all(), "negatives outside the catalogue"
