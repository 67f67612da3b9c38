import numpy as np
import pandas as pd
from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import cohort_retention as _user_cohort_retention


def cohort_retention(activity, n_months):
    """Your cohort_retention, with its result checked to be a DataFrame whose columns are the ints
    0..n_months before a test uses it."""
    got = _as_frame(_user_cohort_retention(activity, n_months), [], "cohort_retention result")
    assert [c for c in got.columns] == list(range(n_months + 1)), \
        "cohort_retention result: expected the columns 0..%d (ints, in order), got %s" % (
            n_months, list(got.columns)[:12])
    wrong = {c: str(got[c].dtype) for c in got.columns if got[c].dtype.kind != "f"}
    assert not wrong, "cohort_retention result: retention values must be floats, got dtypes %s" % wrong
    return got


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


def _slow_reference(activity, n_months):
    """Loop reference. Returns (list of 'YYYY-MM' cohort labels, matrix)."""
    months = {}
    last = None
    for u, t in zip(activity["user_id"], activity["ts"]):
        t = pd.Timestamp(t)
        m = (t.year, t.month)
        months.setdefault(u, set()).add(m)
        last = m if last is None or m > last else last
    idx = lambda ym: ym[0] * 12 + ym[1] - 1
    cohorts = {}
    for u, ms in months.items():
        cohorts.setdefault(min(ms), []).append(u)
    labels, rows = [], []
    for c in sorted(cohorts):
        users = cohorts[c]
        row = []
        for k in range(n_months + 1):
            if idx(c) + k > idx(last):
                row.append(np.nan)
            else:
                row.append(sum(1 for u in users if any(idx(m) == idx(c) + k for m in months[u])) / len(users))
        labels.append(f"{c[0]:04d}-{c[1]:02d}")
        rows.append(row)
    return labels, np.array(rows, dtype=float).reshape(len(rows), n_months + 1)


def _check(out, labels, matrix, n_months, what):
    assert isinstance(out, pd.DataFrame), f"{what}: expected a DataFrame, got {type(out).__name__}"
    assert out.shape == matrix.shape, f"{what}: shape {out.shape}, expected {matrix.shape}"
    assert isinstance(out.index, pd.PeriodIndex), \
        f"{what}: index is {type(out.index).__name__}, expected a monthly PeriodIndex"
    assert str(out.index.dtype) == "period[M]", f"{what}: index dtype {out.index.dtype}, expected period[M]"
    got_labels = [str(p) for p in out.index]
    assert got_labels == labels, f"{what}: cohorts {got_labels[:6]}..., expected {labels[:6]}..."
    got_cols = list(out.columns)
    assert all(isinstance(c, (int, np.integer)) for c in got_cols) and got_cols == list(range(n_months + 1)), \
        f"{what}: columns {got_cols}, expected the ints 0..{n_months}"
    got = out.to_numpy(dtype=float)
    nan_wrong = np.argwhere(np.isnan(got) != np.isnan(matrix))
    assert len(nan_wrong) == 0, \
        f"{what}: NaN pattern differs first at cell (row {nan_wrong[0][0]}, offset {nan_wrong[0][1]}); " \
        f"got {got[tuple(nan_wrong[0])]}, expected {matrix[tuple(nan_wrong[0])]}"
    np.testing.assert_allclose(got, matrix, rtol=1e-9, atol=0, err_msg=f"{what}: retention values")


def _random_activity(rng, n_users, n_events, start="2022-11-01", days=500):
    uid = rng.integers(0, n_users, size=n_events)
    # user-specific start so that cohorts differ
    start_off = rng.integers(0, days, size=n_users)
    extra = rng.exponential(90, size=n_events).astype(np.int64)
    day = np.minimum(start_off[uid] + extra, days + 60)
    secs = rng.integers(0, 86_400, size=n_events)
    ts = pd.Timestamp(start) + pd.to_timedelta(day, unit="D") + pd.to_timedelta(secs, unit="s")
    return pd.DataFrame({"user_id": uid, "ts": ts, "event": rng.choice(["open", "play"], size=n_events)})


def test_offsets_are_calendar_months_not_days():
    activity = pd.DataFrame({
        "user_id": ["a", "a", "b", "b", "c", "c", "z"],
        "ts": pd.to_datetime(["2024-01-31 23:00", "2024-02-01 01:00",    # 2 hours apart: offset 1
                              "2024-01-01 00:00", "2024-01-31 00:00",    # 30 days apart: offset 0
                              "2023-12-15 00:00", "2024-01-15 00:00",    # year boundary: offset 1
                              "2024-03-01 00:00"]),
    })
    labels, matrix = _slow_reference(activity, 2)
    assert labels == ["2023-12", "2024-01", "2024-03"]
    _check(cohort_retention(activity, 2), labels, matrix, 2, "calendar-month offsets")


def test_unobserved_cells_nan_observed_empty_cells_zero():
    activity = pd.DataFrame({
        "user_id": [1, 1, 2, 3],
        "ts": pd.to_datetime(["2024-01-10", "2024-03-10", "2024-02-05", "2024-04-30"]),
    })
    # last observed month is 2024-04 (user 3); cohort 2024-01 at offset 1 (Feb) is observed and empty
    expected = np.array([[1.0, 0.0, 1.0, 0.0, np.nan],
                         [1.0, 0.0, 0.0, np.nan, np.nan],
                         [1.0, np.nan, np.nan, np.nan, np.nan]])
    _check(cohort_retention(activity, 4), ["2024-01", "2024-02", "2024-04"], expected, 4,
           "observed-but-empty vs unobserved cells")


def test_counts_distinct_users_not_events():
    activity = pd.DataFrame({
        "user_id": [1, 1, 1, 1, 2, 2, 3],
        "ts": pd.to_datetime(["2024-05-01", "2024-06-02", "2024-06-01", "2024-06-20",
                              "2024-05-03", "2024-05-30", "2024-05-17"]),
    })
    expected = np.array([[1.0, 1 / 3]])
    _check(cohort_retention(activity, 1), ["2024-05"], expected, 1, "repeated events in one month")


def test_cohort_is_earliest_activity_not_first_row():
    activity = pd.DataFrame({
        "user_id": [1, 1, 1, 2, 2],
        "ts": pd.to_datetime(["2024-03-03", "2024-01-20", "2024-02-11", "2024-02-01", "2024-01-05"]),
    })
    expected = np.array([[1.0, 1.0, 0.5]])
    _check(cohort_retention(activity, 2), ["2024-01"], expected, 2, "unsorted log")


def test_columns_complete_when_n_months_exceeds_history():
    activity = pd.DataFrame({
        "user_id": [1, 2, 2],
        "ts": pd.to_datetime(["2024-07-04", "2024-07-09", "2024-08-01"]),
    })
    labels, matrix = _slow_reference(activity, 6)
    _check(cohort_retention(activity, 6), labels, matrix, 6, "n_months longer than the log")


def test_matches_reference_on_random_log():
    rng = np.random.default_rng(123)
    activity = _random_activity(rng, n_users=250, n_events=3000)
    activity = activity.sample(frac=1.0, random_state=1).reset_index(drop=True)
    labels, matrix = _slow_reference(activity, 12)
    _check(cohort_retention(activity, 12), labels, matrix, 12, "random multi-year log")


def test_string_user_ids_and_extra_columns():
    rng = np.random.default_rng(77)
    activity = _random_activity(rng, n_users=60, n_events=500)
    activity["user_id"] = "u" + activity["user_id"].astype(str)
    labels, matrix = _slow_reference(activity, 5)
    _check(cohort_retention(activity, 5), labels, matrix, 5, "string user ids")


def test_empty_log():
    empty = pd.DataFrame({"user_id": pd.Series([], dtype=np.int64),
                          "ts": pd.Series([], dtype="datetime64[ns]")})
    out = cohort_retention(empty, 3)
    assert isinstance(out, pd.DataFrame), f"expected a DataFrame, got {type(out).__name__}"
    assert out.shape == (0, 4), f"shape {out.shape}, expected (0, 4)"
    assert [int(c) for c in out.columns] == [0, 1, 2, 3], f"columns {list(out.columns)}"
    assert isinstance(out.index, pd.PeriodIndex), f"index is {type(out.index).__name__}, expected PeriodIndex"


def test_does_not_modify_input():
    rng = np.random.default_rng(5)
    activity = _random_activity(rng, n_users=40, n_events=300)
    before = activity.copy()
    cohort_retention(activity, 6)
    pd.testing.assert_frame_equal(activity, before, obj="activity after the call")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_50k_events():
    rng = np.random.default_rng(2024)
    n = 50_000
    activity = _random_activity(rng, n_users=10_000, n_events=n, days=700)
    # independent vectorised expectation with Periods
    p = activity["ts"].dt.to_period("M")
    pairs = pd.DataFrame({"u": activity["user_id"], "p": p}).drop_duplicates()
    cohort = pairs.groupby("u")["p"].min().rename("c")
    pairs = pairs.join(cohort, on="u")
    pairs["k"] = (pairs["p"].dt.year - pairs["c"].dt.year) * 12 + (pairs["p"].dt.month - pairs["c"].dt.month)
    sizes = cohort.value_counts().sort_index()
    counts = pairs[pairs["k"] <= 24].groupby(["c", "k"]).size().unstack("k").reindex(
        index=sizes.index, columns=range(25)).fillna(0)
    matrix = counts.to_numpy(float) / sizes.to_numpy(float)[:, None]
    last = p.max()
    cy = np.array([c.year * 12 + c.month for c in sizes.index])
    matrix[cy[:, None] + np.arange(25)[None, :] > last.year * 12 + last.month] = np.nan
    labels = [str(c) for c in sizes.index]

    reference = load_reference(__file__).cohort_retention
    out = assert_relative_speed(
        candidate=lambda: cohort_retention(activity, 24), reference=lambda: reference(activity, 24),
        factor=10, slack_ms=100, key="cohort-retention/50k-events",
        what="on 50,000 events of 10,000 users, must run within 10x the time of a vectorised "
             "reference plus 100 ms (no per-user loop with pandas work inside)")
    _check(out, labels, matrix, 24, "50k-event log")
