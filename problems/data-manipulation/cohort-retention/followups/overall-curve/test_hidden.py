"""Part 3 (one retention curve for the product): hidden tests. Parts 1 and 2 keep running."""
import numpy as np
import pandas as pd

import solution


def retention_curve(activity, n_months, **kwargs):
    """Your retention_curve, its result checked to be a float Series indexed by 0..n_months."""
    fn = getattr(solution, "retention_curve", None)
    assert callable(fn), "define retention_curve(activity, n_months, kind='classic') in solution.py (part 3)"
    got = fn(activity, n_months, **kwargs)
    assert isinstance(got, pd.Series), f"retention_curve result: expected a pandas Series, got {_describe(got)}"
    assert [k for k in got.index] == list(range(n_months + 1)), \
        f"retention_curve result: expected the index 0..{n_months} (ints, in order), got {list(got.index)[:12]}"
    assert got.dtype.kind == "f", f"retention_curve result: expected float values, got dtype {got.dtype}"
    return got.to_numpy(dtype=float)


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


def _random_activity(rng, n_users, n_events, start="2022-11-01", days=500):
    uid = rng.integers(0, n_users, size=n_events)
    # user-specific start so that cohorts differ
    start_off = rng.integers(0, days, size=n_users)
    extra = rng.exponential(90, size=n_events).astype(np.int64)
    day = np.minimum(start_off[uid] + extra, days + 60)
    secs = rng.integers(0, 86_400, size=n_events)
    ts = pd.Timestamp(start) + pd.to_timedelta(day, unit="D") + pd.to_timedelta(secs, unit="s")
    return pd.DataFrame({"user_id": uid, "ts": ts, "event": rng.choice(["open", "play"], size=n_events)})


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


def _slow_unbounded(activity, n_months):
    """Loop reference for kind='unbounded' (labels, matrix)."""
    months = {}
    for u, t in zip(activity["user_id"], activity["ts"]):
        t = pd.Timestamp(t)
        months.setdefault(u, set()).add(t.year * 12 + t.month - 1)
    last = max(max(ms) for ms in months.values())
    cohorts = {}
    for u, ms in months.items():
        cohorts.setdefault(min(ms), []).append(u)
    rows = []
    for c in sorted(cohorts):
        users = cohorts[c]
        rows.append([np.nan if c + k > last else sum(1 for u in users if max(months[u]) >= c + k) / len(users)
                     for k in range(n_months + 1)])
    return None, np.array(rows, dtype=float).reshape(len(rows), n_months + 1)


def _sizes(activity):
    first = {}
    for u, t in zip(activity["user_id"], activity["ts"]):
        t = pd.Timestamp(t)
        m = t.year * 12 + t.month - 1
        first[u] = min(first.get(u, m), m)
    c = pd.Series(list(first.values())).value_counts().sort_index()
    return c.to_numpy(dtype=float)


def _expected_curve(matrix, sizes):
    """Size-weighted mean over the cohorts whose cell is observed (not NaN)."""
    obs = ~np.isnan(matrix)
    num = np.where(obs, np.nan_to_num(matrix) * sizes[:, None], 0.0).sum(axis=0)
    den = np.where(obs, sizes[:, None], 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _check(got, expected, what):
    nan_wrong = np.flatnonzero(np.isnan(got) != np.isnan(expected))
    assert len(nan_wrong) == 0, f"{what}: NaN pattern differs first at offset {nan_wrong[0]}: got {got[nan_wrong[0]]}, expected {expected[nan_wrong[0]]}"
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=0, err_msg=what)


def _log(rows):
    return pd.DataFrame({"user_id": [u for u, _ in rows], "ts": pd.to_datetime([t for _, t in rows])})


EXAMPLE = _log([(1, "2024-01-15"), (1, "2024-02-03"), (1, "2024-04-20"), (2, "2024-01-31"), (2, "2024-03-01"),
                (3, "2024-02-10"), (3, "2024-02-28"), (3, "2024-03-05"), (4, "2024-03-15")])


def test_statement_example():
    _check(retention_curve(EXAMPLE, 4), np.array([1.0, 2 / 4, 1 / 3, 1 / 2, np.nan]),
           "classic: offset 2 uses cohorts 2024-01 and 2024-02 only (1 of 3 users); offset 4 has no cohort old enough")
    _check(retention_curve(EXAMPLE, 3, kind="unbounded"), np.array([1.0, 3 / 4, 2 / 3, 1 / 2]), "unbounded")


def test_weighted_by_cohort_size_not_mean_of_rates():
    # cohort January: 9 users, 0 come back in February; cohort February: 1 user, back in March
    rows = [(u, "2024-01-10") for u in range(9)] + [(100, "2024-02-10"), (100, "2024-03-10")]
    _check(retention_curve(_log(rows), 1), np.array([1.0, 1 / 10]),
           "offset 1: 1 retained user out of 10 (the unweighted mean of 0.0 and 1.0 would be 0.5)")


def test_young_cohorts_are_left_out_not_counted_as_zero():
    # cohort January: 2 users both back in March; cohort March: 5 new users (offset 2 not observed yet)
    rows = [(1, "2024-01-05"), (2, "2024-01-06"), (1, "2024-03-05"), (2, "2024-03-07")] + [(10 + u, "2024-03-20") for u in range(5)]
    _check(retention_curve(_log(rows), 2), np.array([1.0, 0.0, 1.0]),
           "offset 2 is observed for the January cohort only: 2 of 2, not 2 of 7")


def test_matches_the_matrix_on_random_logs():
    rng = np.random.default_rng(91)
    for trial, (n_users, n_events, n_months) in enumerate(((50, 300, 8), (400, 3000, 14), (300, 1000, 30))):
        activity = _random_activity(rng, n_users, n_events)
        sizes = _sizes(activity)
        _, classic = _slow_reference(activity, n_months)
        _check(retention_curve(activity, n_months), _expected_curve(classic, sizes), f"random log #{trial}, classic")
        _, unbounded = _slow_unbounded(activity, n_months)
        got = retention_curve(activity, n_months, kind="unbounded")
        _check(got, _expected_curve(unbounded, sizes), f"random log #{trial}, unbounded")
        assert got[0] == 1.0, f"random log #{trial}: offset 0 is 1.0"
        assert np.all(np.isfinite(got[: int(np.sum(~np.isnan(got)))])), f"random log #{trial}: NaN only at the tail"


def test_default_kind_errors_empty_log_and_input_untouched():
    rng = np.random.default_rng(92)
    activity = _random_activity(rng, 80, 500)
    activity["user_id"] = "u" + activity["user_id"].astype(str)
    before = activity.copy()
    a = retention_curve(activity, 6)
    b = retention_curve(activity, 6, kind="classic")
    _check(a, b, "kind='classic' is the default")
    pd.testing.assert_frame_equal(activity, before, obj="activity after the call")
    try:
        solution.retention_curve(activity, 6, kind="rolling")
    except ValueError:
        pass
    else:
        raise AssertionError("kind='rolling' must raise ValueError")
    empty = pd.DataFrame({"user_id": pd.Series([], dtype="int64"), "ts": pd.Series([], dtype="datetime64[ns]")})
    got = retention_curve(empty, 2)
    assert np.all(np.isnan(got)), f"an empty log has no cohort: NaN at every offset, got {got}"
