import numpy as np
import pandas as pd

from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import time_based_split as _user_time_based_split

BASE = np.datetime64("2024-01-01T00:00:00", "ns")
DAY = 86400


def time_based_split(df, *args, **kwargs):
    """Your time_based_split (arguments passed on as given), with its result checked to be a tuple
    (train, test) of DataFrames with the input's columns before a test uses it."""
    got = _user_time_based_split(df, *args, **kwargs)
    assert isinstance(got, tuple) and len(got) == 2, \
        "time_based_split result: expected a tuple (train, test), got %s" % _describe(got)
    for name, part in (("train", got[0]), ("test", got[1])):
        _as_frame(part, list(df.columns), name)
        wrong = {c: str(part[c].dtype) for c in df.columns if part[c].dtype != df[c].dtype}
        assert not wrong, "%s: rows must keep the input's dtypes, got %s" % (name, wrong)
    return got[0], got[1]


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


def _ts(seconds):
    return BASE + np.asarray(seconds, dtype="int64").astype("timedelta64[s]")


def _df(users, seconds, index=None, **extra):
    d = {"user_id": np.asarray(users, dtype="int64"), "ts": _ts(seconds)}
    d.update(extra)
    return pd.DataFrame(d, index=index)


def _slow_expected(df, cutoff, horizon, disjoint_users):
    """Row-by-row reference: positions of train and test rows."""
    test_pos, train_pos = [], []
    ts = list(df["ts"])
    users = list(df["user_id"])
    for i, t in enumerate(ts):
        if t >= cutoff:
            test_pos.append(i)
    test_users = {users[i] for i in test_pos}
    for i, t in enumerate(ts):
        if t < cutoff and t + horizon <= cutoff:
            if disjoint_users and users[i] in test_users:
                continue
            train_pos.append(i)
    return df.iloc[train_pos], df.iloc[test_pos]


def _check(result, df, cutoff, horizon, disjoint_users, what):
    assert isinstance(result, tuple) and len(result) == 2, f"{what}: return a tuple (train, test)"
    train, test = result
    assert isinstance(train, pd.DataFrame) and isinstance(test, pd.DataFrame), f"{what}: return DataFrames"
    exp_train, exp_test = _slow_expected(df, cutoff, horizon, disjoint_users)
    assert len(test) == len(exp_test), f"{what}: test has {len(test)} rows, expected {len(exp_test)}"
    assert len(train) == len(exp_train), f"{what}: train has {len(train)} rows, expected {len(exp_train)}"
    pd.testing.assert_frame_equal(test, exp_test, obj=f"{what}: test")
    pd.testing.assert_frame_equal(train, exp_train, obj=f"{what}: train")


def _random_df(rng, n, n_users=50, span_days=60):
    seconds = rng.integers(0, span_days * 24, n) * 3600  # hourly grid: many exact boundary hits
    return _df(rng.integers(0, n_users, n), seconds,
               index=rng.permutation(np.arange(100, 100 + n)),
               x=rng.normal(size=n), y=rng.integers(0, 2, n))


CUTOFF = pd.Timestamp("2024-01-31")


def test_test_set_is_rows_at_or_after_cutoff():
    df = _df([1, 1, 1, 2], [30 * DAY - 1, 30 * DAY, 30 * DAY + 1, 45 * DAY])
    train, test = time_based_split(df, CUTOFF, pd.Timedelta(days=2))
    assert test.index.tolist() == [1, 2, 3], \
        f"test must be exactly the rows with ts >= cutoff (row at the cutoff included), got {test.index.tolist()}"


def test_no_training_label_window_crosses_cutoff():
    rng = np.random.default_rng(123)
    df = _random_df(rng, 3000)
    horizon = pd.Timedelta(days=7)
    train, test = time_based_split(df, CUTOFF, horizon)
    ends = train["ts"] + horizon
    n_bad = int((ends > CUTOFF).sum())
    assert n_bad == 0, f"{n_bad} training rows have a label window [ts, ts + horizon) reaching past the cutoff"
    assert (train["ts"] < CUTOFF).all(), "training rows must have ts < cutoff"
    # ... and nothing that is safe was thrown away
    _check((train, test), df, CUTOFF, horizon, False, "random data, horizon 7 days")


def test_label_window_ending_exactly_at_cutoff_is_kept():
    h = pd.Timedelta(days=3)
    df = _df([1, 2, 3], [27 * DAY, 27 * DAY + 1, 27 * DAY - 1])  # ends at, 1 s after, 1 s before cutoff
    train, test = time_based_split(df, CUTOFF, h)
    assert train.index.tolist() == [0, 2], \
        f"expected train rows [0, 2] (window ending exactly at the cutoff is kept), got {train.index.tolist()}"
    assert len(test) == 0


def test_zero_horizon_is_plain_split():
    df = _df([1, 2, 3], [30 * DAY, 30 * DAY - 1, 30 * DAY + 1])
    train, test = time_based_split(df, CUTOFF, pd.Timedelta(0))
    assert train.index.tolist() == [1], f"horizon 0: train must be rows with ts < cutoff, got {train.index.tolist()}"
    assert test.index.tolist() == [0, 2], f"horizon 0: test must be rows with ts >= cutoff, got {test.index.tolist()}"
    # default horizon is 0 as well
    train2, test2 = time_based_split(df, CUTOFF)
    assert train2.index.tolist() == [1] and test2.index.tolist() == [0, 2], "default horizon must be 0"


def test_disjoint_users_removes_test_users_from_train():
    rng = np.random.default_rng(7)
    df = _random_df(rng, 2000, n_users=80)
    h = pd.Timedelta(days=5)
    train, test = time_based_split(df, CUTOFF, h, disjoint_users=True)
    overlap = set(train["user_id"]) & set(test["user_id"])
    assert not overlap, f"{len(overlap)} users appear in both train and test with disjoint_users=True"
    _check((train, test), df, CUTOFF, h, True, "disjoint users")


def test_disjoint_users_uses_purged_rows_correctly():
    # user 5's only post-cutoff row makes it a test user; user 6 only has a purged row
    h = pd.Timedelta(days=2)
    df = _df([5, 5, 6, 6, 7], [1 * DAY, 31 * DAY, 29 * DAY + 1, 2 * DAY, 3 * DAY])
    train, test = time_based_split(df, CUTOFF, h, disjoint_users=True)
    assert test.index.tolist() == [1]
    assert train.index.tolist() == [3, 4], \
        f"expected train rows [3, 4] (only users that appear in test are removed), got {train.index.tolist()}"
    train_nd, test_nd = time_based_split(df, CUTOFF, h, disjoint_users=False)
    assert train_nd.index.tolist() == [0, 3, 4] and test_nd.index.tolist() == [1]


def test_preserves_index_columns_and_order():
    rng = np.random.default_rng(11)
    df = _random_df(rng, 1500)
    df["name"] = np.array(["u%d" % u for u in df["user_id"]], dtype=object)
    for h, dis in [(pd.Timedelta(hours=36), False), (pd.Timedelta(days=10), True), (pd.Timedelta(0), False)]:
        _check(time_based_split(df, CUTOFF, h, disjoint_users=dis), df, CUTOFF, h, dis,
               f"horizon {h}, disjoint_users={dis}")


def test_either_set_may_be_empty():
    # rule: either set may be empty; an empty set is still a DataFrame with the input's columns and dtypes
    rng = np.random.default_rng(21)
    df = _random_df(rng, 300, span_days=20)                 # 2024-01-01 .. 2024-01-20
    early, late = pd.Timestamp("2023-12-01"), pd.Timestamp("2024-03-01")
    for cutoff, h, dis, what in [
        (early, pd.Timedelta(0), False, "cutoff before every row: train empty"),
        (late, pd.Timedelta(0), False, "cutoff after every row: test empty"),
        (pd.Timestamp("2024-01-10"), pd.Timedelta(days=40), False, "horizon longer than the history: train empty"),
        (pd.Timestamp("2024-01-10"), pd.Timedelta(0), True, "every user also appears in test: train empty"),
    ]:
        if dis:
            df = df.assign(user_id=np.int64(7))
        _check(time_based_split(df, cutoff, h, disjoint_users=dis), df, cutoff, h, dis,
               f"rule: either set may be empty ({what})")


def test_input_not_modified():
    rng = np.random.default_rng(8)
    df = _random_df(rng, 500)
    before = df.copy(deep=True)
    time_based_split(df, CUTOFF, pd.Timedelta(days=4), disjoint_users=True)
    pd.testing.assert_frame_equal(df, before, obj="df (must not be modified)")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_50k_rows():
    rng = np.random.default_rng(2024)
    n = 50_000
    seconds = rng.integers(0, 60 * DAY, n)
    users = rng.integers(0, 10_000, n)
    df = _df(users, seconds, x=rng.normal(size=n))
    h = pd.Timedelta(days=3)
    reference = load_reference(__file__).time_based_split
    train, test = assert_relative_speed(
        candidate=lambda: time_based_split(df, CUTOFF, h, disjoint_users=True),
        reference=lambda: reference(df, CUTOFF, h, disjoint_users=True),
        factor=10, slack_ms=50, key="time-based-split/50k-rows",
        what="on 50,000 rows of 10,000 users, must run within 10x the time of a vectorised "
             "reference plus 50 ms (boolean masks on whole columns, no per-row apply)")
    c = 30 * DAY
    test_m = seconds >= c
    train_m = (seconds <= c - 3 * DAY) & ~np.isin(users, np.unique(users[test_m]))
    np.testing.assert_array_equal(test.index.to_numpy(), np.flatnonzero(test_m),
                                  err_msg="large input: wrong test rows")
    np.testing.assert_array_equal(train.index.to_numpy(), np.flatnonzero(train_m),
                                  err_msg="large input: wrong train rows")
