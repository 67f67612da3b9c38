"""Part 3 (streaming, binned AUC with an error bound): hidden tests. Parts 1 and 2 keep running."""
import tracemalloc

import numpy as np

import solution
from mlprep_harness.checks import as_scalar as _as_scalar


def _cls():
    cls = getattr(solution, "StreamingAUC", None)
    assert callable(cls), "define class StreamingAUC(n_bins=1024, lo=0.0, hi=1.0) in solution.py (part 3)"
    return cls


def _make(*args, **kwargs):
    return _cls()(*args, **kwargs)


def _auc(obj, what):
    return _as_scalar(obj.auc(), what + ": auc()")


def _bound(obj, what):
    return _as_scalar(obj.error_bound(), what + ": error_bound()")


def _bins(s, n_bins, lo, hi):
    """Test-side bin index (written with searchsorted on the edges, not with floor)."""
    s = np.asarray(s, dtype=float)
    edges = lo + (hi - lo) * np.arange(1, n_bins) / n_bins
    return np.searchsorted(edges, s, side="right")


def _exact_auc(y, s, w=None):
    """Exact weighted AUC (ties half) via tied groups: the part-2 definition."""
    y, s = np.asarray(y), np.asarray(s, dtype=float)
    w = np.ones(len(s)) if w is None else np.asarray(w, dtype=float)
    _, inv = np.unique(s, return_inverse=True)
    inv = inv.ravel()
    wp = np.bincount(inv, weights=np.where(y == 1, w, 0.0))
    wn = np.bincount(inv, weights=np.where(y == 1, 0.0, w))
    return float(np.sum(wp * (np.cumsum(wn) - wn + 0.5 * wn)) / (wp.sum() * wn.sum()))


def _expected_bound(y, s, n_bins, lo, hi, w=None):
    y = np.asarray(y)
    w = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
    b = _bins(s, n_bins, lo, hi)
    wp = np.bincount(b, weights=np.where(y == 1, w, 0.0), minlength=n_bins)
    wn = np.bincount(b, weights=np.where(y == 1, 0.0, w), minlength=n_bins)
    return float(0.5 * np.sum(wp * wn) / (wp.sum() * wn.sum()))


def _data(rng, n, sep=1.0):
    y = (rng.random(n) < 0.35).astype(int)
    y[:2] = [0, 1]
    s = 1.0 / (1.0 + np.exp(-rng.normal(loc=sep * (y - 0.5), scale=1.0)))  # probabilities in (0, 1)
    return y, s


def _close(got, expected, what, tol=1e-12):
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=tol, err_msg=what)


def test_auc_equals_exact_auc_of_bin_indices():
    rng = np.random.default_rng(300)
    for n_bins, lo, hi in ((10, 0.0, 1.0), (7, 0.0, 1.0), (100, 0.2, 0.9), (1, 0.0, 1.0)):
        y, s = _data(rng, 2000)
        acc = _make(n_bins=n_bins, lo=lo, hi=hi)
        acc.update(y, s)
        what = f"n_bins={n_bins}, lo={lo}, hi={hi}"
        _close(_auc(acc, what), _exact_auc(y, _bins(s, n_bins, lo, hi)),
               f"{what}: auc() must be the AUC with every bin one tied group (ties count half)")


def test_error_bound_is_the_stated_formula_and_holds():
    rng = np.random.default_rng(301)
    for n_bins in (4, 16, 64, 1024):
        y, s = _data(rng, 3000)
        acc = _make(n_bins=n_bins)
        acc.update(y, s)
        what = f"n_bins={n_bins}"
        a, bound = _auc(acc, what), _bound(acc, what)
        _close(bound, _expected_bound(y, s, n_bins, 0.0, 1.0),
               f"{what}: error_bound() must be 0.5 * sum_b Wp_b * Wn_b / (Wp * Wn)")
        exact = _exact_auc(y, s)
        assert abs(a - exact) <= bound + 1e-12, \
            f"{what}: |auc() - exact AUC| = {abs(a - exact):.3g} exceeds error_bound() = {bound:.3g}"


def test_bound_shrinks_with_more_bins_and_is_zero_when_bins_separate_classes():
    rng = np.random.default_rng(302)
    y, s = _data(rng, 5000)
    bounds = []
    for n_bins in (2, 8, 32, 128, 512):
        acc = _make(n_bins=n_bins)
        acc.update(y, s)
        bounds.append(_bound(acc, f"n_bins={n_bins}"))
    assert all(b2 <= b1 + 1e-15 for b1, b2 in zip(bounds, bounds[1:])), \
        f"doubling the bins (each new bin inside an old one) cannot raise the bound; got {bounds}"
    assert bounds[-1] < 0.01, f"512 bins on 5000 spread scores: the bound should be small, got {bounds[-1]}"
    acc = _make(n_bins=4)
    acc.update([0, 0, 1, 1, 0, 1], [0.1, 0.2, 0.3, 0.6, 0.7, 0.9])  # bins 0, 0, 1, 2, 2, 3
    a = _auc(acc, "separated bins")
    _close(_bound(acc, "separated bins"), 0.5 * 1 / 9, "one (pos, neg) pair shares bin 2 (0.6 and 0.7)")
    _close(a, (2 + 2.5 + 3) / 9, "0.3 beats 2 negatives, 0.6 beats 2 and ties 1, 0.9 beats 3")
    acc = _make(n_bins=4)
    acc.update([0, 0, 1, 1], [0.1, 0.2, 0.6, 0.9])
    _close(_bound(acc, "no shared bin"), 0.0, "no bin holds both classes: the bound is 0")
    _close(_auc(acc, "no shared bin"), 1.0, "no bin holds both classes: the AUC is exact")


def test_bins_are_left_closed_and_hi_goes_to_the_last_bin():
    # n_bins=4 over [0, 1]: 0.25 is in bin 1 = [0.25, 0.5), like 0.3 -> a tie
    acc = _make(n_bins=4)
    acc.update([0, 1], [0.25, 0.3])
    _close(_auc(acc, "0.25 and 0.3"), 0.5, "0.25 lies on an edge and belongs to the bin above it, [0.25, 0.5)")
    # 0.24 is in bin 0: a clear win for the positive at 0.3
    acc = _make(n_bins=4)
    acc.update([0, 1], [0.24, 0.3])
    _close(_auc(acc, "0.24 and 0.3"), 1.0, "0.24 is in [0, 0.25), 0.3 in [0.25, 0.5)")
    # exactly hi: the last bin (closed on the right), tied with 0.8
    acc = _make(n_bins=4)
    acc.update([1, 0], [1.0, 0.8])
    _close(_auc(acc, "1.0 and 0.8"), 0.5, "a score equal to hi belongs to the last bin [0.75, 1]")


def test_scores_outside_range_are_clipped_to_end_bins():
    acc = _make(n_bins=10, lo=-1.0, hi=1.0)
    acc.update([1, 0, 0, 1], [-5.0, -0.95, 7.0, np.inf])
    # -5 and -0.95 share bin 0 (a tie); 7.0 and +inf share bin 9 (a tie)
    _close(_auc(acc, "clipped scores"), (0.5 * 1 + 1 * 1 + 0.5 * 1) / 4,
           "scores below lo go to the first bin and above hi (also +inf) to the last")
    acc = _make(n_bins=10, lo=-1.0, hi=1.0)
    acc.update([0, 1], [-np.inf, -0.05])
    _close(_auc(acc, "-inf"), 1.0, "-inf goes to the first bin")


def test_batches_give_the_same_result_as_one_update():
    rng = np.random.default_rng(303)
    y, s = _data(rng, 4000)
    w = rng.gamma(0.8, 1.5, size=4000)
    one = _make(n_bins=50)
    one.update(y, s, sample_weight=w)
    many = _make(n_bins=50)
    cuts = np.sort(rng.choice(np.arange(1, 4000), size=30, replace=False))
    pieces = np.split(np.arange(4000), cuts)
    many.update(np.array([], dtype=int), np.array([]))   # an empty batch changes nothing
    for p in pieces[::-1]:                                # order of batches does not matter either
        many.update(y[p].tolist(), s[p].tolist(), sample_weight=w[p].tolist())
    _close(_auc(many, "31 batches"), _auc(one, "one batch"), "splitting the data into batches changed auc()")
    _close(_bound(many, "31 batches"), _bound(one, "one batch"), "splitting the data into batches changed error_bound()")


def test_weights_as_in_part_2():
    rng = np.random.default_rng(304)
    y, s = _data(rng, 1500)
    w = rng.integers(0, 4, size=1500).astype(float)
    w[:2] = 1.0
    acc = _make(n_bins=20)
    acc.update(y, s, sample_weight=w)
    rep = _make(n_bins=20)
    rep.update(np.repeat(y, w.astype(int)), np.repeat(s, w.astype(int)))
    _close(_auc(acc, "weighted"), _auc(rep, "repeated"), "integer weights must equal repeating samples")
    _close(_bound(acc, "weighted"), _expected_bound(y, s, 20, 0.0, 1.0, w), "the weighted bound")
    _close(_auc(acc, "weighted"), _exact_auc(y, _bins(s, 20, 0.0, 1.0), w), "weighted binned AUC")
    for bad, what in (([1, -1], "a negative weight"), ([1, np.nan], "a NaN weight"), ([1], "a weight list of another length")):
        try:
            _make().update([0, 1], [0.2, 0.4], sample_weight=bad)
        except ValueError:
            continue
        raise AssertionError(f"update must raise ValueError for {what}")


def test_invalid_arguments_raise_value_error():
    for kwargs, what in (({"n_bins": 0}, "n_bins=0"), ({"lo": 1.0, "hi": 1.0}, "lo == hi"),
                         ({"lo": 1.0, "hi": 0.0}, "lo > hi"), ({"n_bins": 2.5}, "n_bins=2.5 (not an int)"),
                         ({"lo": float("-inf")}, "an infinite lo")):
        try:
            _make(**kwargs)
        except ValueError:
            continue
        raise AssertionError(f"StreamingAUC({kwargs}) must raise ValueError ({what})")
    acc = _make()
    for call, what in ((acc.auc, "auc() before any data"), (acc.error_bound, "error_bound() before any data")):
        try:
            call()
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
    acc.update([1, 1, 1], [0.1, 0.5, 0.9])
    try:
        acc.auc()
    except ValueError:
        pass
    else:
        raise AssertionError("auc() with positives only must raise ValueError")
    for y, s, what in (([0, 1], [0.2, np.nan], "a NaN score"), ([0, 1, 1], [0.2, 0.3], "lengths differ")):
        try:
            _make().update(y, s)
        except ValueError:
            continue
        raise AssertionError(f"update must raise ValueError for {what}")


def test_inputs_untouched_and_stable_under_errstate():
    y = np.array([0, 1, 1, 0, 1])
    s = np.array([0.2, 0.9, 0.2, 0.5, 1e300])
    w = np.array([2.0, 1.0, 0.5, 1.0, 3.0])
    copies = (y.copy(), s.copy(), w.copy())
    acc = _make(n_bins=8, lo=0.0, hi=1.0)
    with np.errstate(all="raise"):
        acc.update(y, s, sample_weight=w)
        a = _auc(acc, "small example")
        _bound(acc, "small example")
    for before, after, name in zip(copies, (y, s, w), ("y_true", "y_score", "sample_weight")):
        np.testing.assert_array_equal(after, before, err_msg=f"update modified {name}")
    _close(a, _exact_auc(y, _bins(s, 8, 0.0, 1.0), w), "small weighted example with a huge score")


def test_memory_does_not_grow_with_the_stream():
    """O(n_bins) state: 40 batches of 50,000 samples must not be kept (that would be 16 MB of floats)."""
    rng = np.random.default_rng(305)
    acc = _make(n_bins=256)
    y0, s0 = _data(rng, 1000)
    acc.update(y0, s0)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(40):
            y, s = _data(rng, 50_000)
            acc.update(y, s)
            del y, s
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert grown < 2_000_000, (f"memory kept after 2,000,000 streamed samples grew by {grown / 1e6:.1f} MB; "
                               "keep only per-bin totals (O(n_bins))")
    _auc(acc, "after the stream")
