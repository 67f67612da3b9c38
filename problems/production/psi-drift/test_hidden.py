import bisect
import math

import numpy as np

from solution import population_stability_index
from mlprep_harness.checks import as_scalar as _as_scalar

EPS = 1e-4


def _reference(expected, actual, bins):
    """Slow loop reference following the statement."""
    e = [float(x) for x in np.ravel(expected)]
    a = [float(x) for x in np.ravel(actual)]
    edges = sorted(set(float(q) for q in np.quantile(np.asarray(e), [i / bins for i in range(1, bins)])))
    k = len(edges) + 1
    ce, ca = [0] * k, [0] * k
    for x in e:
        ce[bisect.bisect_right(edges, x)] += 1
    for x in a:
        ca[bisect.bisect_right(edges, x)] += 1
    total = 0.0
    for j in range(k):
        pe = max(ce[j] / len(e), EPS)
        pa = max(ca[j] / len(a), EPS)
        total += (pa - pe) * math.log(pa / pe)
    return total


def _psi(expected, actual, bins=10):
    out = population_stability_index(expected, actual, bins=bins)
    return _as_scalar(out, f"PSI with bins={bins}")


# sample sizes n with gcd(n - 1, bins) == 1, so no quantile lands exactly on a data point
N_E, N_A = 2004, 1501


def test_identical_samples_give_zero():
    rng = np.random.default_rng(123)
    e = rng.normal(size=N_E)
    np.testing.assert_allclose(_psi(e, e.copy()), 0.0, atol=1e-12)
    np.testing.assert_allclose(_psi(e, rng.permutation(e)), 0.0, atol=1e-12,
                               err_msg="a permutation of expected must give PSI 0")


def test_matches_reference_on_shifted_sample():
    rng = np.random.default_rng(7)
    e = rng.normal(size=N_E)
    for shift, scale, bins in [(0.3, 1.0, 10), (1.0, 2.0, 4), (-0.5, 0.7, 20), (0.1, 1.0, 7)]:
        a = rng.normal(shift, scale, size=N_A)
        np.testing.assert_allclose(_psi(e, a, bins), _reference(e, a, bins), rtol=1e-6, atol=1e-9,
                                   err_msg=f"shift={shift}, scale={scale}, bins={bins}")


def test_bins_come_from_expected_only():
    rng = np.random.default_rng(11)
    e = rng.normal(0, 1, size=N_E)
    a = rng.normal(0, 3, size=N_E)
    forward, backward = _reference(e, a, 10), _reference(a, e, 10)
    assert abs(forward - backward) > 1e-3, "test setup: the two directions should differ"
    np.testing.assert_allclose(_psi(e, a), forward, rtol=1e-6, atol=1e-9,
                               err_msg="edges must be quantiles of `expected` (not of actual or of both)")
    np.testing.assert_allclose(_psi(a, e), backward, rtol=1e-6, atol=1e-9,
                               err_msg="edges must be quantiles of the first argument")


def test_value_on_edge_goes_to_right_bin():
    expected = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]        # median edge = 1 -> bins (-inf, 1), [1, inf)
    actual = [1] * 10
    # p_e = [0.3, 0.7]; all of actual is in [1, inf) -> p_a = [1e-4, 1.0]
    want = (EPS - 0.3) * math.log(EPS / 0.3) + (1.0 - 0.7) * math.log(1.0 / 0.7)
    np.testing.assert_allclose(_psi(expected, actual, bins=2), want, rtol=1e-6, atol=1e-9,
                               err_msg="a value equal to an edge must go to the bin on its right")


def test_duplicate_edges_are_merged():
    expected = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4]        # inner edges 0, 0, 0.4, 2.2 -> 0, 0.4, 2.2
    actual = [0, 1, 1, 1, 2, 2, 3, 3, 4, 4]
    want = (0.1 - 0.6) * math.log(0.1 / 0.6) + (0.5 - 0.2) * math.log(0.5 / 0.2) + (0.4 - 0.2) * math.log(2.0)
    np.testing.assert_allclose(_psi(expected, actual, bins=5), want, rtol=1e-6, atol=1e-9)
    rng = np.random.default_rng(5)
    e = np.where(rng.random(N_E) < 0.55, 0.0, rng.exponential(size=N_E))
    a = np.where(rng.random(N_A) < 0.35, 0.0, rng.exponential(1.3, size=N_A))
    np.testing.assert_allclose(_psi(e, a, 10), _reference(e, a, 10), rtol=1e-6, atol=1e-9,
                               err_msg="zero-inflated feature (many duplicate edges)")


def test_outside_values_land_in_open_outer_bins_with_epsilon():
    expected = np.arange(10)                          # edges 2.25, 4.5, 6.75 for bins=4
    p_e = [0.3, 0.2, 0.2, 0.3]
    actual = [-50.0] * 4 + [100.0] * 6                # below and above the expected range
    p_a = [0.4, EPS, EPS, 0.6]
    want = sum((pa - pe) * math.log(pa / pe) for pa, pe in zip(p_a, p_e))
    np.testing.assert_allclose(_psi(expected, actual, bins=4), want, rtol=1e-6, atol=1e-9,
                               err_msg="out-of-range values belong to the outer bins; empty bins use exactly 1e-4")


def test_lists_accepted_and_inputs_not_modified():
    rng = np.random.default_rng(3)
    e = rng.normal(size=N_E)
    a = rng.normal(0.5, 1, size=N_A)
    e0, a0 = e.copy(), a.copy()
    got = _psi(e, a)
    np.testing.assert_array_equal(e, e0, err_msg="expected was modified (sorted in place?)")
    np.testing.assert_array_equal(a, a0, err_msg="actual was modified")
    np.testing.assert_allclose(_psi(e.tolist(), a.tolist()), got, rtol=1e-12, atol=1e-12,
                               err_msg="lists must give the same result as arrays")


def test_one_bin_gives_zero():
    # rule: bins = 1 means no inner edge, one bin holding everything, so the PSI is 0 whatever the shift
    rng = np.random.default_rng(17)
    e = rng.normal(size=N_E)
    a = rng.normal(2.0, 3.0, size=N_A)
    np.testing.assert_allclose(_psi(e, a, bins=1), 0.0, atol=1e-12,
                               err_msg="rule: with bins=1 there is a single bin and the PSI is 0")


def test_empty_input_raises():
    for e, a in [([], [1.0, 2.0]), ([1.0, 2.0], [])]:
        try:
            population_stability_index(e, a)
        except ValueError:
            continue
        raise AssertionError(f"len(expected)={len(e)}, len(actual)={len(a)} should raise ValueError")
