import math

import numpy as np
from solution import bootstrap_ci
from mlprep_harness.checks import as_scalar as _as_scalar


def _linear_quantile(sorted_vals, p):
    b = len(sorted_vals)
    h = (b - 1) * p
    j = int(math.floor(h))
    if j >= b - 1:
        return float(sorted_vals[-1])
    return float(sorted_vals[j] + (h - j) * (sorted_vals[j + 1] - sorted_vals[j]))


def _ref_ci(x, stat=np.mean, n_boot=1000, alpha=0.05, seed=0):
    """Independent reference of the fixed algorithm (hand-written linear quantile)."""
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(n_boot, x.size))
    stats = np.sort(np.asarray(stat(x[idx], axis=1), dtype=float))
    return _linear_quantile(stats, alpha / 2.0), _linear_quantile(stats, 1.0 - alpha / 2.0)


def _as_pair(got, what):
    assert isinstance(got, tuple), f"{what}: expected a tuple (low, high), got {type(got).__name__}"
    assert len(got) == 2, f"{what}: expected 2 values, got {len(got)}"
    return _as_scalar(got[0], f"{what}: low"), _as_scalar(got[1], f"{what}: high")


def _check(got, expected, what):
    low, high = _as_pair(got, what)
    np.testing.assert_allclose([low, high], list(expected), rtol=1e-9, atol=1e-12,
                               err_msg=f"{what}: (low, high) differs from the fixed algorithm")


def test_matches_reference_for_mean():
    rng = np.random.default_rng(123)
    x = rng.exponential(2.0, size=80)
    _check(bootstrap_ci(x), _ref_ci(x), "mean, default arguments")
    _check(bootstrap_ci(x, n_boot=777, alpha=0.2, seed=31), _ref_ci(x, n_boot=777, alpha=0.2, seed=31),
           "mean, n_boot=777, alpha=0.2, seed=31")


def test_matches_reference_for_other_statistics():
    rng = np.random.default_rng(5)
    x = rng.normal(10.0, 3.0, size=41)
    _check(bootstrap_ci(x, stat=np.median, n_boot=600, alpha=0.1, seed=2),
           _ref_ci(x, stat=np.median, n_boot=600, alpha=0.1, seed=2), "median")
    _check(bootstrap_ci(x, stat=np.std, n_boot=400, seed=9),
           _ref_ci(x, stat=np.std, n_boot=400, seed=9), "std")


def test_stat_called_once_on_resample_matrix():
    calls = []

    def trimmed_mean(a, axis):
        # only supports the documented 2-D call
        calls.append((np.shape(a), axis))
        assert np.ndim(a) == 2 and axis == 1, "stat must be called as stat(resamples, axis=1)"
        s = np.sort(a, axis=axis)
        return s[:, 1:-1].mean(axis=1)

    rng = np.random.default_rng(8)
    x = rng.normal(size=25)
    got = bootstrap_ci(x, stat=trimmed_mean, n_boot=300, seed=4)
    assert len(calls) == 1, f"stat must be called exactly once, it was called {len(calls)} times"
    assert calls[0] == ((300, 25), 1), f"stat got shape {calls[0][0]} and axis {calls[0][1]}, expected (300, 25) and 1"
    _check(got, _ref_ci(x, stat=lambda a, axis: np.sort(a, axis=axis)[:, 1:-1].mean(axis=1), n_boot=300, seed=4),
           "custom trimmed-mean statistic")


def test_interval_contains_point_estimate():
    rng = np.random.default_rng(21)
    samples = {
        "normal": rng.normal(0.0, 1.0, size=60),
        "skewed": rng.lognormal(0.0, 1.0, size=60),
        "integers": rng.integers(0, 10, size=30),
    }
    for name, x in samples.items():
        low, high = _as_pair(bootstrap_ci(x, seed=3), name)
        est = float(np.mean(x))
        assert low <= est <= high, f"{name}: sample mean {est:.4f} is outside ({low:.4f}, {high:.4f})"
        assert low < high, f"{name}: a non-constant sample must give a positive-width interval"


def test_smaller_alpha_gives_nested_wider_interval():
    rng = np.random.default_rng(17)
    x = rng.gamma(2.0, 1.5, size=70)
    prev = None
    for alpha in (0.5, 0.2, 0.1, 0.05, 0.01):
        low, high = _as_pair(bootstrap_ci(x, alpha=alpha, seed=6), f"alpha={alpha}")
        if prev is not None:
            assert low <= prev[0] and high >= prev[1], (
                f"alpha={alpha} gave ({low:.4f}, {high:.4f}), not containing the interval for the "
                f"larger alpha ({prev[0]:.4f}, {prev[1]:.4f})")
        prev = (low, high)
    _check(bootstrap_ci(x, alpha=0.01, seed=6), _ref_ci(x, alpha=0.01, seed=6), "alpha=0.01 (alpha/2 per tail)")


def test_constant_data_gives_zero_width_interval():
    with np.errstate(all="raise"):
        low, high = _as_pair(bootstrap_ci(np.full(15, 3.25), n_boot=200), "constant sample")
    assert low == high == 3.25, f"constant sample 3.25 must give (3.25, 3.25), got ({low}, {high})"
    low1, high1 = _as_pair(bootstrap_ci([7.0]), "single value")
    assert low1 == high1 == 7.0, f"a single value 7.0 must give (7.0, 7.0), got ({low1}, {high1})"


def test_seed_controls_the_draws():
    rng = np.random.default_rng(30)
    x = rng.normal(size=50)
    a = _as_pair(bootstrap_ci(x, seed=11), "seed 11, first call")
    b = _as_pair(bootstrap_ci(x, seed=11), "seed 11, second call")
    c = _as_pair(bootstrap_ci(x, seed=12), "seed 12")
    assert a == b, "the same seed must give the same interval (use a fresh default_rng(seed) per call)"
    assert a != c, "different seeds should give different intervals"


def test_large_n_boot_matches_reference():
    rng = np.random.default_rng(99)
    x = rng.normal(5.0, 2.0, size=1000)
    _check(bootstrap_ci(x, n_boot=10_000, alpha=0.05, seed=7), _ref_ci(x, n_boot=10_000, alpha=0.05, seed=7),
           "n_boot=10_000, n=1000 (one (n_boot, n) index draw, one stat call)")


def test_list_and_integer_input_not_modified():
    x = [5, 1, 4, 4, 2, 8, 3]
    x_copy = list(x)
    _check(bootstrap_ci(x, n_boot=250, seed=1), _ref_ci(x_copy, n_boot=250, seed=1), "list of ints")
    assert x == x_copy, "the input list was modified"
    arr = np.array([3.0, 9.0, 1.0, 7.0])
    arr_copy = arr.copy()
    bootstrap_ci(arr, stat=np.median, n_boot=100)
    np.testing.assert_array_equal(arr, arr_copy, err_msg="the input array was modified")
