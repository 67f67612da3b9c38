import math
import numbers

import solution


def _user_sequential_z_test(*args, **kwargs):
    """Your sequential_z_test, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "sequential_z_test", None)
    assert callable(fn), "define sequential_z_test(looks, alpha=0.05, planned_total=None) in solution.py (part 2)"
    return fn(*args, **kwargs)


def _describe(x):
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s" % type(x).__name__


def _real(x, what):
    shape = getattr(x, "shape", None)
    ok = (shape == () and getattr(getattr(x, "dtype", None), "kind", "") in "iuf") if shape is not None else \
        (isinstance(x, numbers.Real) and not isinstance(x, bool))
    assert ok, "%s: expected a float, got %s" % (what, _describe(x))
    return float(x)


def sequential_z_test(looks, **kw):
    """Your sequential_z_test, with its result checked to be (stop, z, p_value, threshold)."""
    out = _user_sequential_z_test(looks, **kw)
    assert isinstance(out, (tuple, list)) and len(out) == 4, \
        "expected a tuple (stop, z, p_value, threshold), got %s" % _describe(out)
    stop = out[0]
    assert stop is None or (isinstance(stop, numbers.Integral) and not isinstance(stop, bool)), \
        "stop must be None or the integer index of the stopping look, got %s" % _describe(stop)
    return (None if stop is None else int(stop),) + tuple(_real(v, n) for v, n in zip(out[1:], ("z", "p_value", "threshold")))


def _z(ca, na, cb, nb):
    """Part 1's pooled two-proportion z-test."""
    pool = (ca + cb) / (na + nb)
    se = math.sqrt(pool * (1 - pool) * (1 / na + 1 / nb))
    z = (cb / nb - ca / na) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def _look(n, lo, hi):
    """Cumulative counts (conv_a, n, conv_b, n) with a 10% rate in A and a two-sided p-value in (lo, hi]."""
    ca = n // 10
    for cb in range(ca, n):
        if lo < _z(ca, n, cb, n)[1] <= hi:
            return (ca, n, cb, n)
    raise AssertionError("test setup: no counts with p in (%g, %g]" % (lo, hi))


def _expect(got, look_index, look, threshold, what):
    z, p = _z(*look)
    assert got[0] == look_index, f"{what}: stop = {got[0]}, expected {look_index}"
    for g, w, name in zip(got[1:], (z, p, threshold), ("z", "p_value", "threshold")):
        assert math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-12), f"{what}: {name} = {g!r}, expected {w!r}"


def test_bonferroni_every_look_at_alpha_over_k():
    # 5 planned looks: look 1 has p = 0.02 (a naive 0.05 test, or alpha/2 from counting only the looks so far,
    # would stop there); look 2 has p = 0.008 <= 0.05 / 5
    looks = [_look(1000, 0.05, 0.2), _look(2000, 0.015, 0.024), _look(3000, 0.005, 0.009),
             _look(4000, 0.0, 0.001), _look(5000, 0.0, 0.001)]
    _expect(sequential_z_test(looks, alpha=0.05), 2, looks[2], 0.01, "Bonferroni over 5 looks")


def test_no_look_rejects_reports_last_look():
    looks = [_look(1000, 0.05, 0.2), _look(2000, 0.012, 0.03), _look(3000, 0.011, 0.04)]
    got = sequential_z_test(looks, alpha=0.03)
    _expect(got, None, looks[2], 0.01, "no look below 0.03 / 3: stop is None, with the last look's statistics")


def test_first_rejecting_look_not_the_smallest_p():
    looks = [_look(1000, 0.1, 0.5), _look(2000, 0.001, 0.004), _look(3000, 0.0, 1e-6)]
    _expect(sequential_z_test(looks, alpha=0.05), 1, looks[1], 0.05 / 3,
            "the test stops at the FIRST look with p <= threshold and reports that look")


def test_alpha_spending_increments():
    # planned_total 10,000 users: looks at 2,000, 6,000 and 10,000 users in total spend 0.01, 0.02, 0.02
    # look 1: p = 0.025 is above its increment 0.02 (but below the cumulative 0.03); look 2 has p = 0.015
    looks = [_look(1000, 0.05, 0.3), _look(3000, 0.021, 0.029), _look(5000, 0.011, 0.019)]
    _expect(sequential_z_test(looks, alpha=0.05, planned_total=10_000), 2, looks[2], 0.02,
            "linear spending: each look is tested at alpha * (t_k - t_(k-1)), not the cumulative alpha * t_k")


def test_information_fraction_counts_both_arms():
    # t = (n_a + n_b) / planned_total: look 0 with 4,000 of 10,000 users gets 0.02; p = 0.015 rejects.
    # A fraction from one arm (0.2) would give 0.01 and not reject
    looks = [_look(2000, 0.011, 0.019), _look(5000, 0.0, 1.0)]
    _expect(sequential_z_test(looks, alpha=0.05, planned_total=10_000), 0, looks[0], 0.02,
            "information fraction = (n_a + n_b) / planned_total")


def test_spending_capped_at_full_information():
    # the first look already has all planned users (t = 1, threshold 0.05, p above it);
    # later looks spend nothing more (threshold 0) even with a tiny p-value
    looks = [_look(5000, 0.06, 0.2), _look(7000, 0.0, 1e-8)]
    _expect(sequential_z_test(looks, alpha=0.05, planned_total=10_000), None, looks[1], 0.0,
            "t is capped at 1: after the planned sample size no alpha is left")


def test_one_look_is_part_one_at_alpha():
    look = _look(1000, 0.03, 0.045)
    _expect(sequential_z_test([look], alpha=0.05), 0, look, 0.05, "a single look is part 1's test at alpha")


def test_invalid_inputs_raise():
    good = (10, 100, 12, 100)
    for looks, kw, what in [([], {}, "no looks"), ([(20, 200, 22, 200), good], {}, "decreasing (non-cumulative) counts"),
                            ([good], {"alpha": 0.0}, "alpha = 0"), ([(11, 10, 1, 10)], {}, "more conversions than users")]:
        try:
            _user_sequential_z_test(looks, **kw)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
