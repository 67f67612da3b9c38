import numpy as np
import pandas as pd

from mlprep_harness.checks import as_scalar as _as_scalar, as_tuple as _as_tuple
import solution


def _user_fit_beta_prior(*args, **kwargs):
    """Your fit_beta_prior, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "fit_beta_prior", None)
    assert callable(fn), "define fit_beta_prior(log, min_impressions=100) in solution.py (part 2)"
    return fn(*args, **kwargs)


def fit_beta_prior(log, **kwargs):
    """Your fit_beta_prior, its result checked to be a pair of real numbers (a, b) before a test uses it."""
    a, b = _as_tuple(_user_fit_beta_prior(log, **kwargs), 2, ("a", "b"), "fit_beta_prior result")
    return _as_scalar(a, "a"), _as_scalar(b, "b")


def _log_from_counts(ids, impressions, clicks, rng=None):
    """One row per impression (clicks first, then non-clicks), rows shuffled when rng is given."""
    ad, clicked = [], []
    for i, n, c in zip(ids, impressions, clicks):
        ad += [i] * n
        clicked += [1] * c + [0] * (n - c)
    df = pd.DataFrame({"ad_id": ad, "clicked": np.asarray(clicked, dtype=np.int64)})
    if rng is not None:
        df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    return df


def _moments(impressions, clicks, min_impressions):
    n = np.asarray(impressions, float)
    c = np.asarray(clicks, float)
    keep = n >= min_impressions
    r = c[keep] / n[keep]
    m = r.mean()
    v = ((r - m) ** 2).mean()
    s = m * (1 - m) / v - 1
    return m * s, (1 - m) * s


def test_method_of_moments_on_a_small_log():
    # rates 0.1, 0.2, 0.3 on 10 impressions each and 0.2 on 40: m = 0.2, v = 0.005 (ddof=0),
    # a + b = 0.16 / 0.005 - 1 = 31: a = 6.2, b = 24.8 (ddof=1 would give v = 0.00667, a + b = 23)
    log = _log_from_counts([1, 2, 3, 4], [10, 10, 10, 40], [1, 2, 3, 8], np.random.default_rng(0))
    a, b = fit_beta_prior(log, min_impressions=10)
    np.testing.assert_allclose([a, b], [6.2, 24.8], rtol=1e-9,
                               err_msg="m = mean of the per-ad rates (each ad once), v = population variance (ddof=0), "
                                       "a + b = m(1-m)/v - 1")


def test_each_ad_counts_once_not_pooled():
    # unequal volumes: the pooled rate (total clicks / total impressions) differs from the mean rate
    imp, clk = [1000, 20, 20, 20], [100, 3, 4, 5]
    log = _log_from_counts(["a", "b", "c", "d"], imp, clk, np.random.default_rng(1))
    a, b = fit_beta_prior(log, min_impressions=20)
    np.testing.assert_allclose([a, b], _moments(imp, clk, 20), rtol=1e-9,
                               err_msg="the mean rate is the unweighted mean of per-ad rates, not total clicks / total impressions")


def test_min_impressions_filter_is_inclusive():
    imp, clk = [50, 49, 50, 200, 3], [5, 40, 10, 30, 3]
    log = _log_from_counts([7, 8, 9, 10, 11], imp, clk, np.random.default_rng(2))
    for mi in (50, 4):
        a, b = fit_beta_prior(log, min_impressions=mi)
        np.testing.assert_allclose([a, b], _moments(imp, clk, mi), rtol=1e-9,
                                   err_msg=f"min_impressions={mi}: ads with at least {mi} impressions count (>=), the others not")


def test_random_log_with_string_ids_and_bool_clicks():
    rng = np.random.default_rng(3)
    n_ads = 150
    imp = rng.integers(30, 300, size=n_ads)
    clk = rng.binomial(imp, rng.beta(2, 30, size=n_ads))
    ids = [f"ad{i:03d}" for i in range(n_ads)]
    log = _log_from_counts(ids, imp, clk, rng)
    log["clicked"] = log["clicked"].astype(bool)
    log["campaign"] = "x"
    before = log.copy()
    a, b = fit_beta_prior(log)                       # default min_impressions=100
    np.testing.assert_allclose([a, b], _moments(imp, clk, 100), rtol=1e-9, err_msg="default min_impressions=100")
    pd.testing.assert_frame_equal(log, before, obj="log after the call")


def test_recovers_the_prior_roughly():
    # 300 ads with true rates from Beta(2, 60), 600 impressions each: the prior mean 2/62 comes back
    # within 10% and a + b = 62 within a factor 1.5 (binomial noise makes the spread look larger)
    rng = np.random.default_rng(4)
    imp = np.full(300, 600)
    clk = rng.binomial(imp, rng.beta(2.0, 60.0, size=300))
    a, b = fit_beta_prior(_log_from_counts(range(300), imp, clk), min_impressions=100)
    assert a > 0 and b > 0, f"a and b must be positive, got {a}, {b}"
    assert abs(a / (a + b) - 2 / 62) < 0.1 * 2 / 62, f"prior mean {a / (a + b):.4f}, true 0.0323"
    assert 62 / 1.5 < a + b < 62 * 1.5, f"a + b = {a + b:.1f}, true 62"


def test_degenerate_inputs_raise_value_error():
    cases = {
        "one ad with enough impressions": _log_from_counts([1, 2], [200, 50], [10, 5]),
        "all rates equal (variance 0)": _log_from_counts([1, 2, 3], [100, 200, 300], [10, 20, 30]),
        "rates 0 and 1 (a + b = 0)": _log_from_counts([1, 2], [100, 100], [0, 100]),
        "empty log": pd.DataFrame({"ad_id": pd.Series([], dtype=np.int64), "clicked": pd.Series([], dtype=np.int64)}),
    }
    for what, log in cases.items():
        try:
            with np.errstate(all="raise"):
                _user_fit_beta_prior(log, min_impressions=100)
        except ValueError:
            continue
        raise AssertionError(f"{what}: fit_beta_prior must raise ValueError")
