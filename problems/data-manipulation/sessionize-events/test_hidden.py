import numpy as np
import pandas as pd

from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import sessionize as _user_sessionize

BASE = np.datetime64("2024-01-01T00:00:00", "ns")
MIN = 60


def sessionize(events, gap=pd.Timedelta(minutes=30)):
    """Your sessionize, with its result checked to be a Series with one entry per event before a test
    uses it."""
    return _as_series(_user_sessionize(events, gap), len(events), "sessionize result")


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


def _as_series(got, n, what):
    """`got` if it is a pandas Series of length `n`, else an AssertionError naming what came back."""
    assert isinstance(got, pd.Series), "%s: expected a pandas Series, got %s" % (what, _describe(got))
    assert len(got) == n, "%s: expected a Series of length %d (one per event), got length %d" % (what, n, len(got))
    return got


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


def _events(users, seconds, index=None):
    return pd.DataFrame({"user_id": np.asarray(users, dtype="int64"), "ts": _ts(seconds)}, index=index)


def _slow_reference(users, seconds, gap_s):
    users = np.asarray(users)
    seconds = np.asarray(seconds, dtype="int64")
    out = np.zeros(len(users), dtype="int64")
    for u in set(users.tolist()):
        idx = [i for i in range(len(users)) if users[i] == u]
        idx.sort(key=lambda i: seconds[i])
        sess, prev = 0, None
        for i in idx:
            if prev is not None and seconds[i] - prev > gap_s:
                sess += 1
            out[i] = sess
            prev = seconds[i]
    return out


def _check(out, events, expected, what):
    assert isinstance(out, pd.Series), f"{what}: return a pandas Series, got {type(out).__name__}"
    assert len(out) == len(events), f"{what}: expected {len(events)} values, got {len(out)}"
    assert out.index.equals(events.index), \
        f"{what}: result index must equal events.index (same labels, same order)"
    got = out.to_numpy()
    bad = np.flatnonzero(got != expected)
    assert bad.size == 0, (f"{what}: wrong session number in {bad.size} rows, e.g. position {bad[0]}: "
                           f"got {got[bad[0]]}, expected {expected[bad[0]]}")


def test_gap_exactly_threshold_stays_in_session():
    ev = _events([1, 1, 1, 1], [0, 30 * MIN, 60 * MIN, 90 * MIN])
    _check(sessionize(ev, pd.Timedelta(minutes=30)), ev, np.array([0, 0, 0, 0]),
           "gaps of exactly 30 minutes (must stay in one session)")


def test_gap_just_over_threshold_starts_new_session():
    ev = _events([1, 1, 1], [0, 30 * MIN + 1, 60 * MIN + 1])
    _check(sessionize(ev, pd.Timedelta(minutes=30)), ev, np.array([0, 1, 1]),
           "gap of 30 min + 1 s (must start a new session)")


def test_session_ids_are_per_user_counters():
    # two users interleaved in time, each with two sessions; previous row often another user
    ev = _events([1, 2, 1, 2, 1, 2], [0, 60, 5 * MIN, 10 * MIN, 200 * MIN, 201 * MIN])
    _check(sessionize(ev), ev, np.array([0, 0, 0, 0, 1, 1]),
           "interleaved users (session numbers restart at 0 for every user)")
    # user 2's first event is close in time to user 1's last one, user 3's is far from user 2's:
    # the first event of every user is session 0 either way.
    ev = _events([1, 1, 2, 2, 3], [0, 10 * MIN, 11 * MIN, 12 * MIN, 500 * MIN])
    _check(sessionize(ev), ev, np.array([0, 0, 0, 0, 0]),
           "first event of every user must be session 0")


def test_unsorted_input_aligned_to_index():
    rng = np.random.default_rng(5)
    n = 800
    users = rng.integers(0, 12, n)
    seconds = rng.integers(0, 3 * 24 * 60, n) * MIN
    index = rng.permutation(np.arange(10_000, 10_000 + n))
    ev = _events(users, seconds, index=index)
    ev = ev.sample(frac=1.0, random_state=1)
    expected = _slow_reference(ev["user_id"].to_numpy(),
                               (ev["ts"].to_numpy() - BASE) // np.timedelta64(1, "s"), 30 * MIN)
    _check(sessionize(ev), ev, expected, "unsorted input with custom index")


def test_matches_reference_on_random_data():
    rng = np.random.default_rng(123)
    n = 1500
    users = rng.integers(0, 30, n)
    # 10-minute grid: lots of gaps of exactly 30 minutes and equal timestamps
    seconds = rng.integers(0, 2 * 24 * 6, n) * 10 * MIN
    ev = _events(users, seconds)
    _check(sessionize(ev), ev, _slow_reference(users, seconds, 30 * MIN), "random data")


def test_gap_argument_is_respected():
    rng = np.random.default_rng(77)
    n = 600
    users = rng.integers(0, 5, n)
    seconds = rng.integers(0, 24 * 60, n) * MIN
    ev = _events(users, seconds)
    _check(sessionize(ev, pd.Timedelta(minutes=5)), ev, _slow_reference(users, seconds, 5 * MIN),
           "gap = 5 minutes")


def test_equal_timestamps_share_a_session():
    ev = _events([3, 3, 3, 3, 3], [100 * MIN, 0, 100 * MIN, 0, 100 * MIN], index=[5, 4, 3, 2, 1])
    _check(sessionize(ev), ev, np.array([1, 0, 1, 0, 1]), "equal timestamps")


def test_integer_dtype_and_input_not_modified():
    rng = np.random.default_rng(8)
    ev = _events(rng.integers(0, 4, 200), rng.integers(0, 24 * 3600, 200), index=np.arange(200)[::-1])
    ev["page"] = "home"
    before = ev.copy(deep=True)
    out = sessionize(ev)
    pd.testing.assert_frame_equal(ev, before, obj="events (must not be modified)")
    assert np.issubdtype(out.dtype, np.integer), f"session numbers must be integers, got {out.dtype}"


def test_empty_events():
    ev = _events([], [])
    out = sessionize(ev)
    assert isinstance(out, pd.Series) and len(out) == 0, "empty events -> empty Series"


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_50k_events():
    rng = np.random.default_rng(2024)
    n, n_users = 50_000, 5_000
    users = rng.integers(0, n_users, n)
    seconds = rng.integers(0, 14 * 24 * 60, n) * MIN
    index = rng.permutation(n)
    ev = _events(users, seconds, index=index)
    reference = load_reference(__file__).sessionize
    out = assert_relative_speed(
        candidate=lambda: sessionize(ev), reference=lambda: reference(ev),
        factor=10, slack_ms=50, key="sessionize-events/50k-events",
        what="on 50,000 events of 5,000 users, must run within 10x the time of a vectorised "
             "reference plus 50 ms (no per-user loop with pandas work inside)")

    # independent expectation, vectorised: sort by combined key, flag breaks, per-user offsets
    key = users * 10**8 + seconds
    order = np.argsort(key, kind="stable")
    su, ss = users[order], seconds[order]
    first = np.r_[True, su[1:] != su[:-1]]
    brk = first | np.r_[True, np.diff(ss) > 30 * MIN]
    gid = np.cumsum(brk) - 1
    starts = np.flatnonzero(first)
    seg = np.cumsum(first) - 1
    expected = np.empty(n, dtype="int64")
    expected[order] = gid - gid[starts][seg]
    _check(out, ev, expected, "50k events")
