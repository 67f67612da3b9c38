"""Part 2 (equal-mass bins): hidden tests. Part 1's tests keep running beside these."""
import math

import numpy as np
from solution import expected_calibration_error
from mlprep_harness.checks import as_scalar as _as_scalar


def _ref_quantile(y_true, y_prob, n_bins):
    """Loop reference: an item's bin is floor(i * n_bins / n), i = number of items with a strictly
    smaller probability (the first sorted position of its value)."""
    y = [float(v) for v in y_true]
    p = [float(v) for v in y_prob]
    n = len(p)
    srt = sorted(p)
    members = [[] for _ in range(n_bins)]
    for t, q in zip(y, p):
        i = next(j for j, v in enumerate(srt) if v == q)
        members[i * n_bins // n].append((t, q))
    return sum(len(m) / n * abs(sum(t for t, _ in m) / len(m) - sum(q for _, q in m) / len(m))
               for m in members if m)


def _ref_vectorised(y_true, y_prob, n_bins):
    """Independent vectorised reference: first sorted position by searchsorted(side='left')."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    n = p.size
    b = np.searchsorted(np.sort(p), p, side="left") * n_bins // n
    return float(np.sum(np.abs(np.bincount(b, weights=y, minlength=n_bins) - np.bincount(b, weights=p, minlength=n_bins))) / n)


def _ece(y, p, n_bins, what, **kwargs):
    return _as_scalar(expected_calibration_error(y, p, n_bins=n_bins, strategy="quantile", **kwargs), what)


def _check(got, expected, what):
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9, err_msg=what)


def _data(rng, n, decimals=None):
    p = rng.beta(0.6, 3.0, size=n)          # crowded near 0, as in fraud or ads models
    if decimals is not None:
        p = np.round(p, decimals)           # ties
    y = (rng.random(n) < np.clip(1.3 * p, 0, 1)).astype(int)
    return y, p


def test_matches_reference_on_random_data_with_ties():
    rng = np.random.default_rng(120)
    for n, n_bins, dec in ((10, 3, 1), (97, 10, 2), (400, 15, 2), (400, 7, None), (60, 1, 1), (25, 40, 1)):
        y, p = _data(rng, n, dec)
        _check(_ece(y, p, n_bins, "random data"), _ref_quantile(y, p, n_bins),
               f"n={n}, n_bins={n_bins}, probabilities rounded to {dec} decimals")


def test_statement_examples():
    y = [0, 1, 1, 0, 1, 1]
    _check(_ece(y, [0.1, 0.2, 0.2, 0.3, 0.7, 0.9], 3, "example 1"), 2.2 / 6,
           "bins {0.1, 0.2, 0.2}, {0.3}, {0.7, 0.9}")
    _check(_ece(y, [0.1, 0.2, 0.2, 0.2, 0.7, 0.9], 3, "example 2"), (abs(2 - 0.7) + abs(2 - 1.6)) / 6,
           "the 0.2s start at position 1 (bin 0) and all stay there; bin 1 is empty")


def test_tied_probabilities_are_never_split():
    # the two 0.5s (one positive, one negative) straddle the middle: both go to bin 0
    y, p = [0, 1, 0, 0], [0.3, 0.5, 0.5, 0.8]
    expected = (abs(1 - 1.3) + abs(0 - 0.8)) / 4
    _check(_ece(y, p, 2, "tie on a boundary"), expected, "a group of equal probabilities goes whole to the bin of its first position")
    _check(_ece([0, 0, 1, 0], [0.3, 0.5, 0.5, 0.8], 2, "tie on a boundary, labels swapped"), expected,
           "which of two tied items is listed first must not matter")
    rng = np.random.default_rng(121)
    y, p = _data(rng, 300, 1)                # ~10 distinct values: big tied groups
    base = _ece(y, p, 8, "heavy ties")
    for _ in range(3):
        perm = rng.permutation(300)
        _check(_ece(y[perm], p[perm], 8, "heavy ties, shuffled"), base, "shuffling the items changed the ECE (ties split by order?)")


def test_group_goes_to_the_bin_of_its_first_position():
    # 0.4 x3 starts at position 1 of 4: bin floor(1 * 2 / 4) = 0, although two of its items sit past the middle
    y, p = [1, 0, 0, 1], [0.1, 0.4, 0.4, 0.4]
    _check(_ece(y, p, 2, "first position"), abs(2 - 1.3) / 4, "all four items share bin 0; bin 1 stays empty")


def test_bin_index_in_integer_arithmetic():
    # i * n_bins // n is exact; floor(i / (n / n_bins)) in floats is not: with n = 18 and n_bins = 14,
    # 9 / (18 / 14) = 6.999... puts the item at position 9 into bin 6 instead of 7 (likewise n = 36,
    # n_bins = 28 at positions 9 and 18). Labels chosen so that the misplaced item changes the ECE.
    for n, n_bins, moved in ((18, 14, (9,)), (36, 28, (9, 18))):
        p = np.linspace(0.05, 0.95, n)       # distinct, already sorted: i is the position
        y = np.zeros(n, dtype=int)
        for m in moved:
            y[m - 1] = y[m] = 1               # two positives that the float version puts in one bin
        order = np.random.default_rng(n).permutation(n)
        got = _ece(y[order], p[order], n_bins, f"n={n}, n_bins={n_bins}")
        _check(got, _ref_quantile(y, p, n_bins),
               f"n={n}, n_bins={n_bins}: bin = i * n_bins // n in integer arithmetic (position {moved[0]} belongs to "
               f"bin {moved[0] * n_bins // n}; floor(i / (n / n_bins)) in floats gives {math.floor(moved[0] / (n / n_bins))})")


def test_one_bin_and_one_item_per_bin():
    rng = np.random.default_rng(122)
    y, p = _data(rng, 50)                    # distinct probabilities
    _check(_ece(y, p, 1, "one bin"), abs(y.mean() - p.mean()), "n_bins=1: |mean(y) - mean(p)|")
    _check(_ece(y, p, 50, "n bins"), float(np.mean(np.abs(y - p))), "n_bins=n with distinct values: every item alone, mean |y - p|")
    _check(_ece(y, p, 500, "more bins than items"), float(np.mean(np.abs(y - p))), "n_bins > n: still every item alone")


def test_uniform_is_still_the_default_and_unknown_strategy_raises():
    rng = np.random.default_rng(123)
    y, p = _data(rng, 200, 2)
    a = _as_scalar(expected_calibration_error(y, p, n_bins=5), "default strategy")
    b = _as_scalar(expected_calibration_error(y, p, n_bins=5, strategy="uniform"), "strategy='uniform'")
    _check(a, b, "strategy='uniform' must be part 1's ECE and the default")
    q = _ece(y, p, 5, "quantile")
    assert abs(q - a) > 1e-6, "on probabilities crowded near 0, quantile and uniform bins must differ"
    for bad in ("equal-mass", "Quantile", None):
        try:
            expected_calibration_error(y, p, n_bins=5, strategy=bad)
        except ValueError:
            continue
        raise AssertionError(f"strategy={bad!r} must raise ValueError")


def test_large_input_against_independent_reference():
    rng = np.random.default_rng(124)
    y, p = _data(rng, 200_000, 3)
    with np.errstate(all="raise"):
        got = _ece(y, p, 100, "n=200000")
    assert not math.isnan(got), "nan"
    _check(got, _ref_vectorised(y, p, 100), "n=200000 with ties, 100 equal-mass bins")


def test_lists_bools_and_inputs_untouched():
    y = np.array([True, False, True, True, False, False, True])
    p = np.array([0.8, 0.3, 0.3, 0.9, 0.1, 0.3, 0.6])
    y_copy, p_copy = y.copy(), p.copy()
    expected = _ref_quantile(y, p, 3)
    _check(_ece(y, p, 3, "bools"), expected, "boolean labels")
    _check(_ece(y.astype(int).tolist(), p.tolist(), 3, "lists"), expected, "plain lists")
    np.testing.assert_array_equal(y, y_copy, err_msg="y_true was modified")
    np.testing.assert_array_equal(p, p_copy, err_msg="y_prob was modified")
