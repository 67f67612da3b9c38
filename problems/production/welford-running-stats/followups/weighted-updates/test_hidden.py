import math

import numpy as np

from mlprep_harness.checks import as_scalar as _as_scalar, describe as _describe
from solution import RunningStats as _UserRunningStats


class RunningStats(_UserRunningStats):
    """Your RunningStats, with what variance() and merge() return checked before a test uses it."""

    def variance(self, *args, **kwargs):
        return _as_scalar(super().variance(*args, **kwargs), "variance()")

    def merge(self, other):
        got = super().merge(other)
        assert got is self, "merge(other): expected it to return self, got %s" % _describe(got)
        return got


def _fill(values, weights):
    rs = RunningStats()
    for v, w in zip(values, weights):
        rs.update(v, w)
    return rs


def _prop(rs, name):
    v = getattr(rs, name)
    assert not callable(v), f"`{name}` must be a property, not a method"
    return v


def _expect(rs, values, weights, what, var_rtol=1e-9):
    """Two-pass weighted statistics (frequency weights): mean = sum(w x) / W,
    variance(ddof) = sum(w (x - mean)^2) / (W - ddof)."""
    x, w = np.asarray(values, float), np.asarray(weights, float)
    W = w.sum()
    mean = float((w * x).sum() / W)
    m2 = float((w * (x - mean) ** 2).sum())
    tw = _as_scalar(_prop(rs, "total_weight"), "total_weight")
    np.testing.assert_allclose(tw, W, rtol=1e-12, err_msg=f"{what}: total_weight")
    np.testing.assert_allclose(_as_scalar(_prop(rs, "mean"), "mean"), mean, rtol=1e-9, err_msg=f"{what}: weighted mean")
    for ddof in (0, 1):
        np.testing.assert_allclose(float(rs.variance(ddof=ddof)), m2 / (W - ddof), rtol=var_rtol, atol=1e-12,
                                   err_msg=f"{what}: variance(ddof={ddof}) = sum(w (x - mean)^2) / (total_weight - ddof)")


def test_integer_weights_equal_repeated_values():
    rng = np.random.default_rng(1)
    x = rng.normal(5, 3, size=300)
    w = rng.integers(1, 6, size=300)
    rs = _fill(x, (int(v) for v in w))
    rep = np.repeat(x, w)
    np.testing.assert_allclose(float(rs.variance()), np.var(rep), rtol=1e-9, err_msg="weight 3 must act like 3 copies (ddof=0)")
    np.testing.assert_allclose(float(rs.variance(ddof=1)), np.var(rep, ddof=1), rtol=1e-9, err_msg="weight 3 must act like 3 copies (ddof=1)")
    _expect(rs, x, w, "integer weights")
    assert _prop(rs, "n") == 300, f"n counts update calls: expected 300, got {_prop(rs, 'n')}"


def test_fractional_weights():
    rng = np.random.default_rng(2)
    x = rng.normal(-2, 0.5, size=500)
    w = rng.uniform(0.05, 3.0, size=500)
    _expect(_fill(x, w), x, w, "fractional weights")


def test_default_weight_is_one():
    rng = np.random.default_rng(3)
    x = rng.normal(size=200)
    rs = RunningStats()
    for v in x:
        rs.update(v)
    _expect(rs, x, np.ones(200), "update(x) without a weight")


def test_stable_for_large_offset():
    rng = np.random.default_rng(4)
    x = 1e9 + rng.normal(0, 1, size=10_000)
    w = rng.uniform(0.1, 10.0, size=10_000)
    rs = _fill(x, w)
    assert float(rs.variance()) > 0, "variance of 1e9 + N(0, 1) must be positive (catastrophic cancellation?)"
    _expect(rs, x, w, "1e9 + N(0, 1) with weights", var_rtol=1e-4)


def test_zero_weights():
    rs = _fill([5.0, 7.0], [0.0, 0.0])
    assert _prop(rs, "n") == 2, "n counts every update call, also with weight 0"
    assert math.isnan(_as_scalar(_prop(rs, "mean"), "mean")), "all weights 0: mean must be nan"
    assert math.isnan(float(rs.variance())), "all weights 0: variance must be nan"
    rs.update(1.0, 2.0)
    rs.update(100.0, 0.0)
    rs.update(3.0, 2.0)
    _expect(rs, [1.0, 3.0], [2.0, 2.0], "values with weight 0 change nothing")


def test_ddof_uses_total_weight():
    rs = _fill([4.0], [3.0])
    assert float(rs.variance(ddof=1)) == 0.0, "one value of weight 3: variance(ddof=1) = 0 / (3 - 1) = 0.0, not nan"
    rs = _fill([4.0, 6.0], [0.25, 0.5])
    assert math.isnan(float(rs.variance(ddof=1))), "total_weight 0.75 <= ddof 1: variance(ddof=1) must be nan"
    np.testing.assert_allclose(float(rs.variance()), (0.25 * (4 - 16 / 3) ** 2 + 0.5 * (6 - 16 / 3) ** 2) / 0.75, rtol=1e-12,
                               err_msg="variance(ddof=0) with total weight 0.75")


def test_merge_weighted_accumulators():
    rng = np.random.default_rng(5)
    xs = [1e6 + rng.normal(rng.uniform(-5, 5), rng.uniform(0.1, 3), size=int(s)) for s in rng.integers(1, 300, size=7)]
    ws = [rng.uniform(0.0, 4.0, size=len(x)) for x in xs]
    acc = RunningStats()
    for x, w in zip(xs, ws):
        acc.merge(_fill(x, w))
    acc.merge(RunningStats())
    _expect(acc, np.concatenate(xs), np.concatenate(ws), "merged weighted chunks", var_rtol=1e-7)
    assert _prop(acc, "n") == sum(len(x) for x in xs), "n after merges = total number of update calls"
    b = _fill([1.0, 2.0], [0.0, 0.0])
    e = RunningStats().merge(b)
    assert math.isnan(_as_scalar(_prop(e, "mean"), "mean")) and _prop(e, "n") == 2, \
        "merging an accumulator that has only zero weights: n adds up, mean stays nan"


def test_invalid_weights_raise():
    for bad in (-1.0, float("nan"), float("inf")):
        rs = RunningStats()
        try:
            rs.update(1.0, bad)
        except ValueError:
            continue
        raise AssertionError(f"weight {bad} must raise ValueError")
