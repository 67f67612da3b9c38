import math

import numpy as np
from solution import expected_calibration_error
from mlprep_harness.checks import as_scalar as _as_scalar


def _ref_ece(y_true, y_prob, n_bins):
    """Slow loop reference with explicit right-inclusive bins."""
    y_true = [float(v) for v in y_true]
    y_prob = [float(v) for v in y_prob]
    n = len(y_prob)
    members = [[] for _ in range(n_bins)]
    for t, p in zip(y_true, y_prob):
        b = 0 if p == 0.0 else min(max(math.ceil(p * n_bins) - 1, 0), n_bins - 1)
        members[b].append((t, p))
    ece = 0.0
    for items in members:
        if items:
            freq = sum(t for t, _ in items) / len(items)
            conf = sum(p for _, p in items) / len(items)
            ece += len(items) / n * abs(freq - conf)
    return ece


def _check(got, expected, what):
    np.testing.assert_allclose(_as_scalar(got, what), expected, rtol=1e-6, atol=1e-9, err_msg=what)


def test_matches_reference_random_data():
    rng = np.random.default_rng(123)
    for trial, n_bins in enumerate((10, 15, 3, 1, 50)):
        n = 500
        p = rng.random(n) ** 1.5
        y = (rng.random(n) < np.clip(p + rng.normal(0, 0.15, n), 0, 1)).astype(int)
        _check(expected_calibration_error(y, p, n_bins=n_bins), _ref_ece(y, p, n_bins),
               f"random data #{trial} with n_bins={n_bins}")


def test_default_is_ten_bins():
    rng = np.random.default_rng(4)
    p = rng.random(300)
    y = (rng.random(300) < p ** 2).astype(int)
    _check(expected_calibration_error(y, p), _ref_ece(y, p, 10), "default n_bins must be 10")


def test_inner_edges_belong_to_lower_bin():
    # n_bins=4: 0.25 in [0,.25], 0.5 in (.25,.5], 0.75 in (.5,.75]
    y_true = [1, 0, 1, 0, 0, 0]
    y_prob = [0.25, 0.2, 0.5, 0.3, 0.75, 0.7]
    expected = _ref_ece(y_true, y_prob, 4)
    # bins hold {0.25, 0.2}, {0.5, 0.3}, {0.75, 0.7}: (0.275 + 0.1 + 0.725) / 3
    # (left-closed bins would give 0.2667 instead)
    assert abs(expected - 1.1 / 3) < 1e-12
    _check(expected_calibration_error(y_true, y_prob, n_bins=4), expected,
           "a probability exactly on an inner edge must go to the bin below it (right-inclusive bins)")


def test_probability_one_in_last_bin_and_zero_in_first():
    y_true = [1, 1, 1, 0, 1]
    y_prob = [1.0, 0.9, 0.0, 0.05, 0.95]
    # last bin (0.875, 1]: p = 1.0, 0.9, 0.95 -> conf 0.95, freq 1
    # first bin [0, 0.125]: p = 0.0, 0.05 -> conf 0.025, freq 0.5
    expected = 3 / 5 * 0.05 + 2 / 5 * 0.475
    _check(expected_calibration_error(y_true, y_prob, n_bins=8), expected,
           "p = 1.0 must be counted in the last bin and p = 0.0 in the first (none dropped)")


def test_bins_weighted_by_count_not_plain_average():
    # bin [0,.5]: 9 items p=0.1 with one positive (gap ~0.0111); bin (.5,1]: 1 item p=0.9, y=0 (gap 0.9)
    y_true = [1] + [0] * 8 + [0]
    y_prob = [0.1] * 9 + [0.9]
    expected = 9 / 10 * abs(1 / 9 - 0.1) + 1 / 10 * 0.9
    _check(expected_calibration_error(y_true, y_prob, n_bins=2), expected,
           "bins must be weighted by n_b / n (an unweighted mean of gaps is wrong)")


def test_empty_bins_skipped_without_warnings():
    y_true = np.array([0, 1, 1, 0])
    y_prob = np.array([0.01, 0.02, 0.97, 0.99])
    with np.errstate(all="raise"):
        got = expected_calibration_error(y_true, y_prob, n_bins=20)
    assert not math.isnan(_as_scalar(got, "18 of 20 bins empty")), "empty bins produced nan"
    _check(got, _ref_ece(y_true, y_prob, 20), "18 of 20 bins are empty")


def test_large_input_many_bins():
    rng = np.random.default_rng(77)
    n = 200_000
    p = rng.beta(2, 5, size=n)
    y = (rng.random(n) < p).astype(np.int8)
    # independent vectorised reference via searchsorted on explicit edges (right-inclusive)
    edges = np.arange(1, 100) / 100.0
    idx = np.searchsorted(edges, p, side="left")
    cnt = np.bincount(idx, minlength=100)
    gap = np.abs(np.bincount(idx, weights=y.astype(float), minlength=100) -
                 np.bincount(idx, weights=p, minlength=100))
    expected = float(gap[cnt > 0].sum() / n)
    _check(expected_calibration_error(y, p, n_bins=100), expected, "n=200000, n_bins=100")


def test_bool_labels_lists_and_inputs_not_modified():
    y_true = np.array([True, False, True, True, False])
    y_prob = np.array([0.8, 0.3, 0.55, 0.9, 0.1])
    t_copy, p_copy = y_true.copy(), y_prob.copy()
    expected = _ref_ece(t_copy, p_copy, 5)
    _check(expected_calibration_error(y_true, y_prob, n_bins=5), expected, "boolean labels")
    np.testing.assert_array_equal(y_true, t_copy, err_msg="y_true was modified")
    np.testing.assert_array_equal(y_prob, p_copy, err_msg="y_prob was modified")
    _check(expected_calibration_error(y_true.astype(int).tolist(), y_prob.tolist(), n_bins=5),
           expected, "plain Python lists")
