import bisect

import numpy as np
import pandas as pd
from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import point_in_time_join as _user_point_in_time_join

BASE = np.datetime64("2024-01-01T00:00:00", "ns")


def point_in_time_join(labels, features):
    """Your point_in_time_join, with its result checked to be a DataFrame with every label column and
    every feature column before a test uses it."""
    feats = [c for c in features.columns if c not in ("user_id", "feature_ts")]
    out = _as_frame(_user_point_in_time_join(labels, features), list(labels.columns) + ["feature_ts"] + feats,
                    "point_in_time_join result")
    assert out["feature_ts"].dtype.kind == "M", \
        "point_in_time_join result: feature_ts must be datetime64, got dtype %s" % out["feature_ts"].dtype
    wrong = {c: str(out[c].dtype) for c in feats if out[c].dtype.kind != "f"}
    assert not wrong, "point_in_time_join result: feature columns must be float64, got dtypes %s" % wrong
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


def _ts(seconds):
    """int seconds since BASE -> datetime64[ns] array."""
    return BASE + np.asarray(seconds, dtype="int64").astype("timedelta64[s]")


def _slow_reference(labels, features, value_cols):
    """Independent loop reference: per user, bisect into the sorted snapshot times."""
    by_user = {}
    for pos, (u, t) in enumerate(zip(features["user_id"].to_numpy(), features["feature_ts"].to_numpy())):
        by_user.setdefault(int(u), []).append((t, pos))
    for u in by_user:
        by_user[u].sort()
    fvals = features[value_cols].to_numpy(dtype="float64")
    n = len(labels)
    out_ts = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    out_vals = np.full((n, len(value_cols)), np.nan)
    for i, (u, t) in enumerate(zip(labels["user_id"].to_numpy(), labels["ts"].to_numpy())):
        rows = by_user.get(int(u))
        if not rows:
            continue
        times = [r[0] for r in rows]
        j = bisect.bisect_right(times, t) - 1
        if j >= 0:
            out_ts[i] = rows[j][0]
            out_vals[i] = fvals[rows[j][1]]
    expected = labels.reset_index(drop=True).copy()
    expected["feature_ts"] = out_ts
    for k, c in enumerate(value_cols):
        expected[c] = out_vals[:, k]
    return expected


def _check(out, expected, what):
    assert isinstance(out, pd.DataFrame), "return a pandas DataFrame"
    assert len(out) == len(expected), f"{what}: expected {len(expected)} rows (one per label), got {len(out)}"
    missing = [c for c in expected.columns if c not in out.columns]
    assert not missing, f"{what}: missing columns {missing}"
    got = out.reset_index(drop=True)[list(expected.columns)]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=what)


def _random_case(rng, n_labels, n_features, n_users, span):
    # snapshot times on a coarse grid so that many label times hit a snapshot exactly
    f_user = rng.integers(0, n_users, n_features)
    f_sec = rng.integers(0, span // 60, n_features) * 60
    key = np.unique(f_user * 10**9 + f_sec)  # make (user, feature_ts) unique
    rng.shuffle(key)
    f_user, f_sec = key // 10**9, key % 10**9
    features = pd.DataFrame({
        "user_id": f_user.astype("int64"),
        "feature_ts": _ts(f_sec),
        "f_a": rng.normal(size=len(key)),
        "f_b": rng.integers(0, 100, len(key)).astype("float64"),
    })
    l_user = rng.integers(0, n_users + 3, n_labels)  # some users have no snapshots
    l_sec = np.where(rng.random(n_labels) < 0.3,
                     rng.integers(0, span // 60, n_labels) * 60,
                     rng.integers(0, span, n_labels))
    labels = pd.DataFrame({
        "user_id": l_user.astype("int64"),
        "ts": _ts(l_sec),
        "label": rng.integers(0, 2, n_labels),
    })
    return labels, features


def test_matches_reference_on_random_data():
    rng = np.random.default_rng(123)
    labels, features = _random_case(rng, 1500, 1200, 40, 3 * 86400)
    expected = _slow_reference(labels, features, ["f_a", "f_b"])
    _check(point_in_time_join(labels, features), expected, "random data")


def test_exact_timestamp_is_inclusive():
    features = pd.DataFrame({
        "user_id": [5, 5, 5],
        "feature_ts": _ts([0, 100, 200]),
        "f": [1.0, 2.0, 3.0],
    })
    labels = pd.DataFrame({"user_id": [5, 5, 5], "ts": _ts([100, 99, 200])})
    out = point_in_time_join(labels, features).reset_index(drop=True)
    np.testing.assert_array_equal(
        out["f"].to_numpy(dtype="float64"), [2.0, 1.0, 3.0],
        err_msg="snapshot with feature_ts == ts must be joined (inclusive); ts 1 s earlier must not see it")


def test_no_future_leakage():
    rng = np.random.default_rng(7)
    labels, features = _random_case(rng, 800, 600, 15, 86400)
    # Snapshots 1 s after every label time (usable only by later labels of that user) ...
    near = pd.DataFrame({
        "user_id": labels["user_id"].to_numpy(),
        "feature_ts": labels["ts"].to_numpy() + np.timedelta64(1, "s"),
        "f_a": -7.0,
        "f_b": -7.0,
    })
    # ... and one snapshot per user after all of that user's labels: must never be joined.
    last = labels.groupby("user_id")["ts"].max()
    poison = pd.DataFrame({
        "user_id": last.index.to_numpy(),
        "feature_ts": last.to_numpy() + np.timedelta64(1, "h"),
        "f_a": 1e9,
        "f_b": 1e9,
    })
    features2 = pd.concat([features, near, poison], ignore_index=True)
    features2 = features2.drop_duplicates(["user_id", "feature_ts"], keep="last")
    features2 = features2.sample(frac=1.0, random_state=0)
    out = point_in_time_join(labels, features2).reset_index(drop=True)
    assert len(out) == len(labels)
    matched = out["feature_ts"].notna().to_numpy()
    assert (out["feature_ts"].to_numpy()[matched] <= labels["ts"].to_numpy()[matched]).all(), \
        "a joined feature_ts is later than the label ts (future leakage)"
    assert not (out["f_a"].to_numpy() == 1e9).any(), "a snapshot from the future was joined"
    expected = _slow_reference(labels, features2, ["f_a", "f_b"])
    _check(out, expected, "with future snapshots")


def test_other_users_snapshots_never_used():
    features = pd.DataFrame({
        "user_id": [1, 2, 2],
        "feature_ts": _ts([0, 50, 10]),
        "f": [1.0, 2.0, 3.0],
    })
    labels = pd.DataFrame({"user_id": [1, 2, 3, 1], "ts": _ts([60, 40, 60, 10])})
    out = point_in_time_join(labels, features).reset_index(drop=True)
    np.testing.assert_array_equal(
        out["f"].to_numpy(dtype="float64"), [1.0, 3.0, np.nan, 1.0],
        err_msg="join must match on user_id as well as time")


def test_output_follows_label_order_with_unsorted_inputs():
    rng = np.random.default_rng(11)
    labels, features = _random_case(rng, 600, 500, 10, 86400)
    # scramble and give labels a non-default index
    labels = labels.sample(frac=1.0, random_state=3)
    labels.index = rng.permutation(np.arange(1000, 1000 + len(labels)))
    labels = labels.assign(row_tag=np.arange(len(labels)))
    out = point_in_time_join(labels, features)
    assert len(out) == len(labels)
    np.testing.assert_array_equal(
        out["row_tag"].to_numpy(), np.arange(len(labels)),
        err_msg="row i of the result must correspond to row i of labels (original order)")
    expected = _slow_reference(labels, features, ["f_a", "f_b"])
    _check(out, expected, "unsorted inputs")


def test_latest_snapshot_copied_as_is_even_if_nan():
    features = pd.DataFrame({
        "user_id": [1, 1],
        "feature_ts": _ts([0, 10]),
        "f": [5.0, np.nan],
        "g": [1.0, 2.0],
    })
    labels = pd.DataFrame({"user_id": [1, 1], "ts": _ts([20, 5])})
    out = point_in_time_join(labels, features).reset_index(drop=True)
    got_f = out["f"].to_numpy(dtype="float64")
    assert np.isnan(got_f[0]), "latest snapshot has f = NaN; do not fill from an older snapshot"
    assert got_f[1] == 5.0
    np.testing.assert_array_equal(out["g"].to_numpy(dtype="float64"), [2.0, 1.0])


def test_no_match_gives_nan_and_nat():
    features = pd.DataFrame({"user_id": [1], "feature_ts": _ts([100]), "f": [1.0]})
    labels = pd.DataFrame({"user_id": [1, 2], "ts": _ts([50, 200]), "label": [1, 0]})
    out = point_in_time_join(labels, features).reset_index(drop=True)
    assert out.shape[0] == 2, "rows without a match must be kept"
    assert out["f"].isna().all(), "no snapshot available -> NaN"
    assert out["feature_ts"].isna().all(), "no snapshot available -> feature_ts is NaT"
    np.testing.assert_array_equal(out["label"].to_numpy(), [1, 0])


def test_empty_labels():
    features = pd.DataFrame({"user_id": [1], "feature_ts": _ts([100]), "f": [1.0]})
    labels = pd.DataFrame({"user_id": np.array([], dtype="int64"),
                           "ts": np.array([], dtype="datetime64[ns]")})
    out = point_in_time_join(labels, features)
    assert isinstance(out, pd.DataFrame) and len(out) == 0, "empty labels -> empty result"
    for c in ["user_id", "ts", "feature_ts", "f"]:
        assert c in out.columns, f"empty result must still have column {c!r}"


def test_inputs_not_modified():
    rng = np.random.default_rng(5)
    labels, features = _random_case(rng, 300, 300, 8, 86400)
    labels.index = np.arange(300)[::-1]
    l0, f0 = labels.copy(deep=True), features.copy(deep=True)
    point_in_time_join(labels, features)
    pd.testing.assert_frame_equal(labels, l0, obj="labels (must not be modified)")
    pd.testing.assert_frame_equal(features, f0, obj="features (must not be modified)")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_1k_labels():
    rng = np.random.default_rng(2024)
    n, m, n_users, span = 1_000, 20_000, 500, 30 * 86400
    f_key = np.unique(rng.integers(0, n_users, m) * 10**9 + rng.integers(0, span, m))
    f_key = rng.permutation(f_key)
    f_user, f_sec = f_key // 10**9, f_key % 10**9
    features = pd.DataFrame({"user_id": f_user, "feature_ts": _ts(f_sec),
                             "f": rng.normal(size=len(f_key))})
    l_user = rng.integers(0, n_users, n)
    l_sec = rng.integers(0, span, n)
    labels = pd.DataFrame({"user_id": l_user, "ts": _ts(l_sec)})

    reference = load_reference(__file__).point_in_time_join
    out = assert_relative_speed(
        candidate=lambda: point_in_time_join(labels, features),
        reference=lambda: reference(labels, features),
        factor=10, slack_ms=50, key="point-in-time-join/1k-labels-20k-features",
        what="joining 1,000 labels of 500 users with 20,000 feature snapshots must run within "
             "10x the time of a vectorised reference plus 50 ms (no per-label filtering of features)")
    assert isinstance(out, pd.DataFrame), f"expected a DataFrame, got {type(out).__name__}"
    assert len(out) == n, f"expected {n} rows, got {len(out)}"

    # independent vectorised expectation: searchsorted on a combined (user, second) key
    order = np.argsort(f_key, kind="stable")
    sk = f_key[order]
    l_key = l_user * 10**9 + l_sec
    pos = np.searchsorted(sk, l_key, side="right") - 1
    ok = pos >= 0
    ok[ok] = (sk[pos[ok]] // 10**9) == l_user[ok]
    exp_f = np.full(n, np.nan)
    exp_f[ok] = features["f"].to_numpy()[order][pos[ok]]
    got = out.reset_index(drop=True)
    np.testing.assert_array_equal(got["f"].to_numpy(dtype="float64"), exp_f,
                                  err_msg="wrong joined feature values on the large input")
    np.testing.assert_array_equal(got["ts"].to_numpy(), labels["ts"].to_numpy(),
                                  err_msg="rows are not in label order on the large input")
