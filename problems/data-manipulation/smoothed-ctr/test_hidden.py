from collections import Counter
from fractions import Fraction

import numpy as np
import pandas as pd
from mlprep_harness.timing import assert_relative_speed, load_reference

from solution import smoothed_ctr as _user_smoothed_ctr

COLS = ["ad_id", "impressions", "clicks", "ctr"]


def smoothed_ctr(log, ads, a, b):
    """Your smoothed_ctr, with its result checked to be a DataFrame with the four output columns before
    a test uses it."""
    return _as_frame(_user_smoothed_ctr(log, ads, a, b), ["ad_id", "impressions", "clicks", "ctr"],
                     "smoothed_ctr result")


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


def _expected(log, ads, a, b):
    """Loop reference; order uses exact fractions (a and b are dyadic in these tests)."""
    ads = list(ads)
    wanted = set(ads)
    imp, clk = Counter(), Counter()
    for ad, c in zip(log["ad_id"], log["clicked"]):
        if ad in wanted:
            imp[ad] += 1
            clk[ad] += int(c)
    fa, fb = Fraction(a), Fraction(b)
    rows = [(ad, imp[ad], clk[ad], (clk[ad] + fa) / (imp[ad] + fa + fb)) for ad in ads]
    rows.sort(key=lambda r: (-r[3], r[0]))
    return ([r[0] for r in rows], np.array([r[1] for r in rows], dtype=np.int64),
            np.array([r[2] for r in rows], dtype=np.int64), np.array([float(r[3]) for r in rows]))


def _check(out, expected, what):
    ids, imp, clk, ctr = expected
    assert isinstance(out, pd.DataFrame), f"{what}: expected a DataFrame, got {type(out).__name__}"
    assert list(out.columns) == COLS, f"{what}: columns {list(out.columns)}, expected {COLS}"
    assert out.shape == (len(ids), 4), f"{what}: shape {out.shape}, expected {(len(ids), 4)}"
    np.testing.assert_array_equal(np.asarray(out.index), np.arange(len(ids)),
                                  err_msg=f"{what}: index must be 0..len(ads)-1")
    got_ids = list(out["ad_id"])
    if got_ids != ids:
        first = next(i for i in range(len(ids)) if got_ids[i] != ids[i]) if sorted(map(str, got_ids)) == sorted(map(str, ids)) else None
        if first is None:
            raise AssertionError(f"{what}: the set of ad_ids differs from `ads`")
        raise AssertionError(f"{what}: wrong row order from position {first}: got ad {got_ids[first]!r}, expected "
                             f"{ids[first]!r} (sort by ctr descending, exact ties by ad_id ascending)")
    np.testing.assert_array_equal(np.asarray(out["impressions"]), imp, err_msg=f"{what}: impressions")
    np.testing.assert_array_equal(np.asarray(out["clicks"]), clk, err_msg=f"{what}: clicks")
    np.testing.assert_allclose(out["ctr"].to_numpy(dtype=float), ctr, rtol=1e-9, atol=0, err_msg=f"{what}: ctr")


def _random_log(rng, n, n_ads, p_click=0.05):
    ad = rng.integers(0, n_ads, size=n)
    rate = rng.beta(1, 15, size=n_ads)
    return pd.DataFrame({"ad_id": ad, "clicked": (rng.random(n) < rate[ad]).astype(np.int64),
                         "placement": rng.choice(["feed", "side"], size=n)})


def test_zero_impression_ads_included():
    log = pd.DataFrame({"ad_id": [1, 1, 2], "clicked": [1, 0, 0]})
    ads = [7, 1, 2, 5]
    _check(smoothed_ctr(log, ads, 0.5, 4.5), _expected(log, ads, 0.5, 4.5), "ads 5 and 7 have no impressions")


def test_ads_not_in_list_are_ignored():
    log = pd.DataFrame({"ad_id": [1, 2, 2, 3, 3, 3], "clicked": [1, 1, 1, 0, 1, 0]})
    ads = [3, 1]
    out = smoothed_ctr(log, ads, 1.0, 1.0)
    _check(out, _expected(log, ads, 1.0, 1.0), "ad 2 is in the log but not in ads")


def test_matches_reference_on_random_log():
    rng = np.random.default_rng(123)
    log = _random_log(rng, 20_000, 400)
    ads = [int(x) for x in rng.permutation(np.arange(-20, 450))]  # some never shown, some shown but not listed
    ads = ads[:420]
    _check(smoothed_ctr(log, ads, 1.5, 30.5), _expected(log, ads, 1.5, 30.5), "random log")


def test_ties_ordered_by_ad_id_ascending():
    # ads 4, 9, 12 have identical counts; 3 and 11 have no impressions (prior mean); ads listed in descending order
    log = pd.DataFrame({
        "ad_id": [12, 9, 4, 12, 9, 4, 8, 8, 8, 8],
        "clicked": [1, 1, 1, 0, 0, 0, 1, 1, 0, 0],
    })
    log = log.iloc[[3, 7, 0, 5, 9, 1, 2, 8, 6, 4]].reset_index(drop=True)
    ads = [12, 11, 9, 8, 4, 3]
    exp = _expected(log, ads, 1.0, 1.0)
    assert exp[0] == [3, 4, 8, 9, 11, 12], "test data sanity"
    _check(smoothed_ctr(log, ads, 1.0, 1.0), exp, "ties in ctr")


def test_not_raw_ctr_low_volume_ad_is_shrunk():
    # raw CTR would rank ad "a" (1/1) first; the smoothed one ranks "b" (40/100) first
    log = pd.DataFrame({"ad_id": ["a"] + ["b"] * 100, "clicked": [1] + [1] * 40 + [0] * 60})
    ads = ["a", "b"]
    exp = _expected(log, ads, 2.0, 18.0)
    assert exp[0] == ["b", "a"], "test data sanity"
    _check(smoothed_ctr(log, ads, 2.0, 18.0), exp, "shrinkage of a low-volume ad")


def test_string_ids_and_bool_clicks():
    rng = np.random.default_rng(7)
    log = _random_log(rng, 3000, 40)
    log["ad_id"] = "ad_" + log["ad_id"].astype(str)
    log["clicked"] = log["clicked"].astype(bool)
    ads = [f"ad_{i}" for i in range(45)]
    _check(smoothed_ctr(log, ads, 0.25, 3.75), _expected(log, ads, 0.25, 3.75), "string ids, bool clicked")


def test_count_columns_are_integers():
    log = pd.DataFrame({"ad_id": [1, 1, 2], "clicked": [1, 0, 1]})
    out = smoothed_ctr(log, [1, 2, 3], 1.0, 9.0)
    for c in ("impressions", "clicks"):
        assert pd.api.types.is_integer_dtype(out[c]), \
            f"column {c} has dtype {out[c].dtype}; counts must be integers (e.g. reindex(..., fill_value=0))"
    assert out["ctr"].dtype == np.float64, f"ctr dtype {out['ctr'].dtype}, expected float64"


def test_empty_log_and_empty_ads():
    empty_log = pd.DataFrame({"ad_id": pd.Series([], dtype=np.int64), "clicked": pd.Series([], dtype=np.int64)})
    ads = [30, 10, 20]
    _check(smoothed_ctr(empty_log, ads, 1.0, 3.0), _expected(empty_log, ads, 1.0, 3.0), "empty log")
    out = smoothed_ctr(pd.DataFrame({"ad_id": [1], "clicked": [1]}), [], 1.0, 3.0)
    assert isinstance(out, pd.DataFrame) and out.shape == (0, 4), \
        f"empty ads: expected an empty frame with 4 columns, got shape {getattr(out, 'shape', None)}"
    assert list(out.columns) == COLS, f"empty ads: columns {list(out.columns)}"


def test_does_not_modify_inputs():
    rng = np.random.default_rng(5)
    log = _random_log(rng, 500, 20)
    ads = list(range(25))[::-1]
    log_before, ads_before = log.copy(), list(ads)
    smoothed_ctr(log, ads, 1.0, 7.0)
    pd.testing.assert_frame_equal(log, log_before, obj="log after the call")
    assert ads == ads_before, "the ads list was modified"


# Scale tests last: the cheap correctness tests above report first.
def test_scale_vectorised_on_100k_impressions():
    rng = np.random.default_rng(2024)
    n, n_ads = 100_000, 3_000
    log = _random_log(rng, n, n_ads)
    ads = rng.permutation(n_ads + 200)[:3_000]
    reference = load_reference(__file__).smoothed_ctr
    out = assert_relative_speed(
        candidate=lambda: smoothed_ctr(log, list(ads), 0.5, 20.0),
        reference=lambda: reference(log, list(ads), 0.5, 20.0),
        factor=5, slack_ms=30, key="smoothed-ctr/100k-impressions",
        what="on 100,000 impressions of 3,000 ads, must run within 5x the time of a vectorised "
             "reference plus 30 ms (use one groupby, not a loop over ads)")
    imp = np.bincount(log["ad_id"], minlength=n_ads + 200)[ads]
    clk = np.bincount(log["ad_id"], weights=log["clicked"], minlength=n_ads + 200)[ads].astype(np.int64)
    ctr = (clk + 0.5) / (imp + 0.5 + 20.0)
    order = np.lexsort((ads, -ctr))
    _check(out, ([int(x) for x in ads[order]], imp[order], clk[order], ctr[order]), "100k impressions")
