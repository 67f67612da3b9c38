import math
import tracemalloc

import numpy as np

from solution import RunningStats as _UserRunningStats
from mlprep_harness.checks import describe as _describe, as_scalar as _as_scalar


class RunningStats(_UserRunningStats):
    """Your RunningStats, with what its methods return checked before a test uses it: variance()
    a real number, merge() the accumulator itself. (The n and mean properties are checked where
    the tests read them, in _n and _mean: overriding them here would break an implementation that
    assigns them in __init__.)"""

    def variance(self, *args, **kwargs):
        return _as_scalar(super().variance(*args, **kwargs), "variance()")

    def merge(self, other):
        got = super().merge(other)
        assert got is self, "merge(other): expected it to return self (the merged accumulator), got %s" % _describe(got)
        return got


def _fill(values):
    rs = RunningStats()
    for v in values:
        rs.update(v)
    return rs


def _mean(rs):
    m = rs.mean
    assert not callable(m), "`mean` must be a property, not a method"
    return _as_scalar(m, "mean")


def _n(rs):
    n = rs.n
    assert not callable(n), "`n` must be a property, not a method"
    ok = isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_))
    assert ok, "n: expected an int, got %s" % _describe(n)
    return int(n)


def _check(rs, values, what, var_rtol=1e-9):
    values = np.asarray(values, dtype=float)
    assert _n(rs) == values.size, f"{what}: n = {_n(rs)}, expected {values.size}"
    np.testing.assert_allclose(_mean(rs), np.mean(values), rtol=1e-9, err_msg=f"{what}: mean")
    for ddof in (0, 1):
        np.testing.assert_allclose(float(rs.variance(ddof=ddof)), np.var(values, ddof=ddof), rtol=var_rtol,
                                   atol=1e-12, err_msg=f"{what}: variance(ddof={ddof})")


def test_matches_numpy_on_moderate_data():
    rng = np.random.default_rng(123)
    x = rng.normal(3.0, 2.0, size=2000)
    _check(_fill(x), x, "normal(3, 2) data")
    ints = rng.integers(-50, 50, size=300)
    _check(_fill(int(v) for v in ints), ints, "python int updates")
    _check(_fill(np.float32(v) for v in x[:100]), x[:100].astype(np.float32), "numpy float32 scalars")
    assert float(_fill(x).variance()) == float(_fill(x).variance(ddof=0)), "variance() must default to ddof=0"


def test_stable_for_large_offset_small_variance():
    rng = np.random.default_rng(7)
    x = 1e9 + rng.normal(0.0, 1.0, size=10_000)
    rs = _fill(x)
    v = float(rs.variance())
    assert v > 0, f"variance {v} for data 1e9 + N(0, 1): catastrophic cancellation (sum of squares?)"
    _check(rs, x, "1e9 + N(0, 1)", var_rtol=1e-4)


def test_constant_stream_has_zero_variance():
    rs = _fill([1e9 + 0.5] * 1000)
    for ddof in (0, 1):
        v = float(rs.variance(ddof=ddof))
        assert v >= 0.0 and abs(v) < 1e-9, f"constant stream: variance(ddof={ddof}) = {v}, expected 0"
    np.testing.assert_allclose(_mean(rs), 1e9 + 0.5, rtol=1e-12)


def test_empty_and_single_value_conventions():
    rs = RunningStats()
    assert _n(rs) == 0, "a new accumulator must have n == 0"
    assert math.isnan(_mean(rs)), "mean of no values must be nan"
    assert math.isnan(float(rs.variance())) and math.isnan(float(rs.variance(ddof=1))), "variance of no values must be nan"
    rs.update(42.0)
    assert _mean(rs) == 42.0, f"mean of one value: {_mean(rs)}"
    assert float(rs.variance()) == 0.0, "variance(ddof=0) of one value must be 0.0"
    assert math.isnan(float(rs.variance(ddof=1))), "variance(ddof=1) of one value must be nan"


def test_merge_matches_concatenation():
    rng = np.random.default_rng(11)
    chunks = [rng.normal(rng.uniform(-20, 20), rng.uniform(0.1, 5), size=int(s))
              for s in rng.integers(1, 400, size=9)]
    acc = RunningStats()
    for c in chunks:
        acc.merge(_fill(c))
    _check(acc, np.concatenate(chunks), "sequential merges")
    left = _fill(chunks[0]).merge(_fill(chunks[1])).merge(_fill(chunks[2]))
    right = _fill(np.concatenate(chunks[3:]))
    _check(left.merge(right), np.concatenate(chunks), "tree of merges")


def test_merge_is_stable_for_large_offset():
    rng = np.random.default_rng(5)
    chunks = [1e9 + rng.normal(rng.uniform(-3, 3), rng.uniform(0.2, 2), size=int(s))
              for s in rng.integers(500, 3000, size=6)]
    acc = RunningStats()
    for c in chunks:
        acc.merge(_fill(c))
    _check(acc, np.concatenate(chunks), "merged chunks around 1e9", var_rtol=1e-4)


def test_merge_with_empty_sides():
    x = [1.0, 2.0, 4.0, 8.0]
    a = _fill(x)
    a.merge(RunningStats())
    _check(a, x, "merge(empty)")
    e = RunningStats()
    e.merge(_fill(x))
    _check(e, x, "empty.merge(filled)")
    e2 = RunningStats()
    e2.merge(RunningStats())
    assert _n(e2) == 0 and math.isnan(_mean(e2)), "merging two empty accumulators must stay empty"


def test_merge_in_place_other_unchanged_then_update():
    a, b = _fill([1.0, 2.0, 3.0]), _fill([10.0, 20.0])
    out = a.merge(b)
    assert out is a, "merge must return self"
    _check(a, [1.0, 2.0, 3.0, 10.0, 20.0], "merged accumulator")
    _check(b, [10.0, 20.0], "`other` after merge (must be unchanged)")
    a.update(-5.0)
    _check(a, [1.0, 2.0, 3.0, 10.0, 20.0, -5.0], "update after merge")


def test_memory_does_not_grow():
    rng = np.random.default_rng(3)
    values = rng.normal(size=50_000).tolist()
    rs = RunningStats()
    tracemalloc.start()
    try:
        for v in values:
            rs.update(v)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200_000, f"peak memory {peak / 1e6:.2f} MB over 50 000 updates: do not store the values"
    _check(rs, values, "after 50 000 updates")
