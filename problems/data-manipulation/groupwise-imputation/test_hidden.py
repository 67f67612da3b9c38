import statistics

import numpy as np
import pandas as pd
from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import groupwise_impute as _user_groupwise_impute


def groupwise_impute(train, test, group_col, columns):
    """Your groupwise_impute, with its result checked to be a pair (train_filled, test_filled) of
    DataFrames with the input columns before a test uses it."""
    got = _user_groupwise_impute(train, test, group_col, columns)
    assert isinstance(got, tuple) and len(got) == 2, \
        "groupwise_impute result: expected a tuple (train_filled, test_filled), got %s" % _describe(got)
    for name, frame, given in (("train_filled", got[0], train), ("test_filled", got[1], test)):
        _as_frame(frame, list(given.columns), name)
        wrong = {c: str(frame[c].dtype) for c in columns if frame[c].dtype != np.float64}
        assert not wrong, "%s: the filled columns must stay float64, got dtypes %s" % (name, wrong)
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


def _slow_reference(train, test, group_col, columns):
    """Plain-Python reference straight from the definition."""
    outs = []
    for frame in (train, test):
        out = frame.copy()
        for c in columns:
            by_group = {}
            all_vals = []
            for g, v in zip(train[group_col].tolist(), train[c].tolist()):
                if not np.isnan(v):
                    by_group.setdefault(g, []).append(v)
                    all_vals.append(v)
            glob = statistics.median(all_vals) if all_vals else np.nan
            new = []
            for g, v in zip(frame[group_col].tolist(), frame[c].tolist()):
                if np.isnan(v):
                    v = statistics.median(by_group[g]) if g in by_group else glob
                new.append(v)
            out[c] = np.array(new, dtype="float64")
        outs.append(out)
    return outs[0], outs[1]


def _check_frame(got, exp, what):
    assert isinstance(got, pd.DataFrame), f"{what}: return a DataFrame"
    assert got.shape == exp.shape, f"{what}: shape {got.shape}, expected {exp.shape}"
    assert list(got.columns) == list(exp.columns), f"{what}: columns must stay as they are"
    assert got.index.equals(exp.index), f"{what}: index and row order must stay as they are"
    pd.testing.assert_frame_equal(got, exp, check_exact=False, rtol=1e-12, atol=0.0, obj=what)


def _check(result, train, test, group_col, columns, what):
    assert isinstance(result, tuple) and len(result) == 2, f"{what}: return (train_filled, test_filled)"
    exp_tr, exp_te = _slow_reference(train, test, group_col, columns)
    _check_frame(result[0], exp_tr, f"{what} (train_filled)")
    _check_frame(result[1], exp_te, f"{what} (test_filled)")


def _random_frame(rng, n, n_groups, miss=0.3, string_groups=False, index=None):
    g = rng.integers(0, n_groups, n)
    group = np.array([f"g{x:03d}" for x in g], dtype=object) if string_groups else g
    x = rng.lognormal(3.0, 1.0, n)
    y = np.round(rng.normal(50.0, 10.0, n), 1)
    x[rng.random(n) < miss] = np.nan
    y[rng.random(n) < miss] = np.nan
    return pd.DataFrame({"grp": group, "x": x, "y": y}, index=index)


def test_matches_reference_on_random_data():
    rng = np.random.default_rng(123)
    train = _random_frame(rng, 2000, 60, string_groups=True)
    test = _random_frame(rng, 800, 70, string_groups=True)  # groups g060..g069 unseen in train
    _check(groupwise_impute(train, test, "grp", ["x", "y"]), train, test, "grp", ["x", "y"], "random data")


def test_test_values_never_influence_fills():
    rng = np.random.default_rng(7)
    train = _random_frame(rng, 1000, 20)
    test = _random_frame(rng, 500, 25)
    tr1, te1 = groupwise_impute(train, test, "grp", ["x", "y"])
    # wildly different observed test values, same missing pattern: fills must not move
    test2 = test.copy()
    test2["x"] = test2["x"] * 1e6
    test2["y"] = test2["y"] - 1e6
    tr2, te2 = groupwise_impute(train, test2, "grp", ["x", "y"])
    pd.testing.assert_frame_equal(tr1, tr2, obj="train_filled changed when only test values changed (leakage)")
    for c in ("x", "y"):
        miss = test[c].isna().to_numpy()
        np.testing.assert_array_equal(te1[c].to_numpy()[miss], te2[c].to_numpy()[miss],
                                      err_msg=f"fills of test[{c!r}] depend on test values (leakage)")
    # direct case: group 1 has huge observed test values, fill must still be the train median
    tr = pd.DataFrame({"grp": [1, 1, 1], "x": [1.0, 2.0, 3.0], "y": [0.0, 0.0, 0.0]})
    te = pd.DataFrame({"grp": [1, 1, 1], "x": [np.nan, 1000.0, 2000.0], "y": [0.0, 0.0, 0.0]})
    _, te_f = groupwise_impute(tr, te, "grp", ["x"])
    assert te_f["x"].iloc[0] == 2.0, f"expected the training median 2.0, got {te_f['x'].iloc[0]}"


def test_unseen_group_uses_global_train_median():
    train = pd.DataFrame({"grp": [1, 1, 2, 2, 2], "x": [1.0, 3.0, 10.0, 20.0, 40.0]})
    test = pd.DataFrame({"grp": [3, 1, 2], "x": [np.nan, np.nan, np.nan]})
    _, te = groupwise_impute(train, test, "grp", ["x"])
    np.testing.assert_allclose(te["x"].to_numpy(dtype="float64"), [10.0, 2.0, 20.0], rtol=1e-12,
                               err_msg="unseen group -> global training median (10.0); seen groups -> their median")


def test_group_without_training_values_falls_back_to_global():
    train = pd.DataFrame({"grp": ["a", "a", "b", "b", "c"],
                          "x": [1.0, 2.0, np.nan, np.nan, 9.0],
                          "y": [5.0, np.nan, 7.0, 8.0, np.nan]})
    test = pd.DataFrame({"grp": ["b", "c", "a"], "x": [np.nan, np.nan, np.nan], "y": [np.nan, np.nan, np.nan]})
    tr, te = groupwise_impute(train, test, "grp", ["x", "y"])
    np.testing.assert_allclose(te["x"].to_numpy(dtype="float64"), [2.0, 9.0, 1.5], rtol=1e-12,
                               err_msg="group 'b' has no training x: use the global x median 2.0")
    np.testing.assert_allclose(te["y"].to_numpy(dtype="float64"), [7.5, 7.0, 5.0], rtol=1e-12,
                               err_msg="group 'c' has no training y: use the global y median 7.0")
    np.testing.assert_allclose(tr["x"].to_numpy(dtype="float64"), [1.0, 2.0, 2.0, 2.0, 9.0], rtol=1e-12)


def test_global_median_is_over_training_rows():
    # group medians: a -> 1, b -> 100; rows: 1, 1, 1, 1, 100 -> global median 1.
    # (median of group medians would be 50.5, mean of rows 20.8)
    train = pd.DataFrame({"grp": ["a", "a", "a", "a", "b"], "x": [1.0, 1.0, 1.0, 1.0, 100.0]})
    test = pd.DataFrame({"grp": ["z"], "x": [np.nan]})
    _, te = groupwise_impute(train, test, "grp", ["x"])
    assert te["x"].iloc[0] == 1.0, \
        f"global fallback must be the median of all training values (1.0), got {te['x'].iloc[0]}"


def test_columns_are_handled_independently():
    # row-wise dropna before computing medians would lose x = 100 and 200
    train = pd.DataFrame({"grp": [1, 1, 1, 1], "x": [100.0, 200.0, 1.0, np.nan], "y": [np.nan, np.nan, 5.0, 6.0]})
    test = pd.DataFrame({"grp": [1], "x": [np.nan], "y": [np.nan]})
    tr, te = groupwise_impute(train, test, "grp", ["x", "y"])
    assert te["x"].iloc[0] == 100.0, f"x median must use every row with a value of x (100.0), got {te['x'].iloc[0]}"
    assert te["y"].iloc[0] == 5.5, f"y median must be 5.5, got {te['y'].iloc[0]}"


def test_other_columns_index_and_observed_values_unchanged():
    rng = np.random.default_rng(11)
    train = _random_frame(rng, 600, 15, index=rng.permutation(np.arange(1000, 1600)))
    test = _random_frame(rng, 300, 18, index=np.arange(300)[::-1] * 3)
    for fr in (train, test):
        fr["other"] = np.where(rng.random(len(fr)) < 0.5, np.nan, 1.0)  # numeric with NaN, not listed
        fr["label"] = rng.integers(0, 2, len(fr))
    result = groupwise_impute(train, test, "grp", ["x"])  # only x is imputed; y and other keep NaN
    _check(result, train, test, "grp", ["x"], "only some columns listed")
    assert result[1]["y"].isna().sum() == test["y"].isna().sum(), "columns not listed must keep their NaN"
    assert result[1]["other"].isna().sum() == test["other"].isna().sum(), "columns not listed must keep their NaN"


def test_column_missing_everywhere_in_train_stays_nan():
    train = pd.DataFrame({"grp": [1, 2], "x": [np.nan, np.nan], "y": [1.0, np.nan]})
    test = pd.DataFrame({"grp": [1, 3], "x": [np.nan, 4.0], "y": [np.nan, np.nan]})
    tr, te = groupwise_impute(train, test, "grp", ["x", "y"])
    assert np.isnan(te["x"].iloc[0]) and te["x"].iloc[1] == 4.0, \
        "a column with no training values at all stays NaN"
    assert tr["x"].isna().all(), "a column with no training values at all stays NaN"
    np.testing.assert_allclose(te["y"].to_numpy(dtype="float64"), [1.0, 1.0], rtol=1e-12)
    np.testing.assert_allclose(tr["y"].to_numpy(dtype="float64"), [1.0, 1.0], rtol=1e-12)


def test_inputs_not_modified():
    rng = np.random.default_rng(21)
    train = _random_frame(rng, 300, 10, index=np.arange(300)[::-1])
    test = _random_frame(rng, 200, 12)
    tr0, te0 = train.copy(deep=True), test.copy(deep=True)
    groupwise_impute(train, test, "grp", ["x", "y"])
    pd.testing.assert_frame_equal(train, tr0, obj="train (must not be modified)")
    pd.testing.assert_frame_equal(test, te0, obj="test (must not be modified)")


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_20k_rows():
    rng = np.random.default_rng(2024)
    n, n_groups = 20_000, 1_000
    train = _random_frame(rng, n, n_groups, miss=0.2)
    test = _random_frame(rng, n, n_groups + 500, miss=0.2)
    reference = load_reference(__file__).groupwise_impute
    tr, te = assert_relative_speed(
        candidate=lambda: groupwise_impute(train, test, "grp", ["x", "y"]),
        reference=lambda: reference(train, test, "grp", ["x", "y"]),
        factor=10, slack_ms=50, key="groupwise-imputation/20k-rows",
        what="on 20,000 training and 20,000 test rows in 1,000 groups, must run within 10x the "
             "time of a vectorised reference plus 50 ms (no loop over groups or rows)")
    assert tr.shape == train.shape and te.shape == test.shape, "shapes must not change"

    # independent expectation for x in test: sort train values per group, take middle elements
    g = train["grp"].to_numpy()
    x = train["x"].to_numpy()
    ok = ~np.isnan(x)
    g, x = g[ok], x[ok]
    order = np.lexsort((x, g))
    g, x = g[order], x[order]
    starts = np.searchsorted(g, np.arange(n_groups + 500), side="left")
    ends = np.searchsorted(g, np.arange(n_groups + 500), side="right")
    cnt = ends - starts
    has = cnt > 0
    lo = starts + (cnt - 1) // 2
    hi = starts + cnt // 2
    med = np.full(n_groups + 500, np.nan)
    med[has] = (x[np.minimum(lo, len(x) - 1)][has] + x[np.minimum(hi, len(x) - 1)][has]) / 2.0
    glob = np.median(train["x"].dropna().to_numpy())
    med[~has] = glob
    tg = test["grp"].to_numpy()
    tx = test["x"].to_numpy()
    expected = np.where(np.isnan(tx), med[tg], tx)
    np.testing.assert_allclose(te["x"].to_numpy(dtype="float64"), expected, rtol=1e-12,
                               err_msg="large input: wrong fills in test['x']")
    assert not tr["y"].isna().any() and not te["y"].isna().any(), "large input: y still has NaN"
