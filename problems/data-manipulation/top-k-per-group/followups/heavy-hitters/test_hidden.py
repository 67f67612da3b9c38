import random
from collections import Counter

from mlprep_harness.checks import describe as _describe
import solution


def _UserGroupedHeavyHitters(*args, **kwargs):
    """Your class, looked up when a test uses it, so a solution without it yet fails with a message."""
    cls = getattr(solution, "GroupedHeavyHitters", None)
    assert isinstance(cls, type), "define class GroupedHeavyHitters(m) in solution.py (part 3)"
    return cls(*args, **kwargs)


def GroupedHeavyHitters(*args, **kwargs):
    """An instance of your class whose results are checked before a test uses them."""
    cls = getattr(solution, "GroupedHeavyHitters", None)
    assert isinstance(cls, type), "define class GroupedHeavyHitters(m) in solution.py (part 3)"

    class _Checked(cls):
        """Your GroupedHeavyHitters, with counts() and top() checked before a test uses them."""

        def counts(self, group):
            got = super().counts(group)
            assert isinstance(got, dict), "counts(%r): expected a dict {item: (estimate, error)}, got %s" % (group, _describe(got))
            out = {}
            for item, v in got.items():
                assert isinstance(v, (tuple, list)) and len(v) == 2, \
                    "counts(%r)[%r]: expected a tuple (estimate, error), got %s" % (group, item, _describe(v))
                out[item] = (int(v[0]), int(v[1]))
            return out

        def top(self, group, k):
            got = super().top(group, k)
            assert isinstance(got, list), "top(%r, %d): expected a list of items, got %s" % (group, k, _describe(got))
            return got

    return _Checked(*args, **kwargs)


def _zipf_stream(seed, n, n_groups, n_items, s=1.1):
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** s for i in range(n_items)]
    items = rng.choices(range(n_items), weights=weights, k=n)
    groups = [rng.randrange(n_groups) for _ in range(n)]
    perm = list(range(n_items))
    rng.shuffle(perm)                                  # popular ids are not the small ones
    return [(g, perm[i]) for g, i in zip(groups, items)]


def _feed(m, stream):
    hh = GroupedHeavyHitters(m)
    for g, it in stream:
        hh.add(g, it)
    return hh


def _check_guarantees(hh, stream, m, what):
    truth = {}
    for g, it in stream:
        truth.setdefault(g, Counter())[it] += 1
    for g, true in truth.items():
        n_g = sum(true.values())
        got = hh.counts(g)
        assert len(got) <= m, f"{what}: group {g} holds {len(got)} counters, at most m = {m} allowed"
        assert sum(e for e, _ in got.values()) == n_g, (
            f"{what}: group {g}: estimates must sum to the group's {n_g} events (Space-Saving invariant)")
        for it, (est, err) in got.items():
            assert est - err <= true[it] <= est, (
                f"{what}: group {g}, item {it}: true count {true[it]} outside [estimate - error, estimate] = [{est - err}, {est}]")
            assert err <= n_g / m, f"{what}: group {g}, item {it}: error {err} > N/m = {n_g / m:.1f}"
        for it, c in true.items():
            if c > n_g / m:
                assert it in got, (f"{what}: group {g}: item {it} has {c} > N/m = {n_g / m:.1f} events and must be monitored")


def test_exact_when_every_item_fits():
    stream = _zipf_stream(1, 3000, 4, 20)
    hh = _feed(20, stream)
    truth = {}
    for g, it in stream:
        truth.setdefault(g, Counter())[it] += 1
    for g, true in truth.items():
        got = hh.counts(g)
        assert got == {it: (c, 0) for it, c in true.items()}, f"group {g}: with m >= distinct items the counts are exact with error 0"


def test_guarantees_on_skewed_streams():
    for seed, m in [(2, 5), (3, 10), (4, 25)]:
        stream = _zipf_stream(seed, 20_000, 3, 500)
        _check_guarantees(_feed(m, stream), stream, m, f"Zipf stream (seed {seed}), m={m}")


def test_guarantees_on_adversarial_order():
    # heavy item arrives only at the end, after many distinct items filled and churned the table
    stream = [("g", "x%d" % i) for i in range(300)] + [("g", "heavy")] * 120 + [("g", "x%d" % i) for i in range(50)]
    hh = _feed(4, stream)
    _check_guarantees(hh, stream, 4, "many singletons, then one heavy item, m=4")
    assert hh.top("g", 1) == ["heavy"], f"the heavy item (120 of 470 events) must be the top estimate, got {hh.top('g', 1)}"


def test_new_item_takes_over_the_minimum_counter():
    # m = 2: a, a, a, b, then c replaces b (the smallest estimate, 1) with estimate 2 and error 1
    hh = _feed(2, [(0, "a"), (0, "a"), (0, "a"), (0, "b"), (0, "c")])
    assert hh.counts(0) == {"a": (3, 0), "c": (2, 1)}, (
        f"c must replace the counter with the smallest estimate (b: 1), inheriting it: (1 + 1, error 1); got {hh.counts(0)}")


def test_groups_are_independent_and_top_order():
    stream = [(1, 5)] * 4 + [(1, 3)] * 4 + [(1, 9)] * 6 + [(2, 5)] * 2 + [(2, 7)]
    hh = _feed(3, stream)
    assert hh.top(1, 2) == [9, 3], f"group 1: 9 (6), then 3 and 5 tie at 4: smaller item first; got {hh.top(1, 2)}"
    assert hh.top(1, 10) == [9, 3, 5], f"top(k) with k > monitored items returns all of them, got {hh.top(1, 10)}"
    assert hh.top(2, 5) == [5, 7], f"group 2 has its own counters, got {hh.top(2, 5)}"
    assert hh.counts(3) == {} and hh.top(3, 2) == [], "an unseen group has no counters"


def test_invalid_m_raises():
    for bad in (0, -1, 2.5):
        try:
            _UserGroupedHeavyHitters(bad)
        except ValueError:
            continue
        raise AssertionError(f"m={bad} must raise ValueError")
