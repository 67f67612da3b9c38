import math

from solution import RunningStats


def test_example_updates():
    rs = RunningStats()
    for x in [2, 4, 4, 4, 5, 5, 7, 9]:
        rs.update(x)
    assert rs.n == 8, f"n = {rs.n}"
    assert math.isclose(rs.mean, 5.0, rel_tol=1e-9), f"mean = {rs.mean}"
    assert math.isclose(rs.variance(), 4.0, rel_tol=1e-9), f"variance() = {rs.variance()}"
    assert math.isclose(rs.variance(ddof=1), 32 / 7, rel_tol=1e-9), f"variance(ddof=1) = {rs.variance(ddof=1)}"


def test_example_merge():
    a, b = RunningStats(), RunningStats()
    for x in [2, 4, 4, 4]:
        a.update(x)
    for x in [5, 5, 7, 9]:
        b.update(x)
    assert a.merge(b) is a, "merge must return self"
    assert a.n == 8 and math.isclose(a.mean, 5.0, rel_tol=1e-9), f"n = {a.n}, mean = {a.mean}"
    assert math.isclose(a.variance(), 4.0, rel_tol=1e-9), f"variance() = {a.variance()}"
