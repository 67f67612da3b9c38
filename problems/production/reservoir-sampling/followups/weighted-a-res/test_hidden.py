import itertools
import math
import tracemalloc

import solution


def _user_wrs(*args, **kwargs):
    """Your weighted_reservoir_sample, looked up when a test calls it, so a solution without it yet fails with a message."""
    fn = getattr(solution, "weighted_reservoir_sample", None)
    assert callable(fn), "define weighted_reservoir_sample(stream, k, seed=0) in solution.py (part 2)"
    return fn(*args, **kwargs)


def weighted_reservoir_sample(stream, k, **kw):
    got = _user_wrs(stream, k, **kw)
    assert isinstance(got, list), "weighted_reservoir_sample result: expected a list, got %s" % type(got).__name__
    return got


def _chi2(counts, expected):
    return sum((c - e) ** 2 / e for c, e in zip(counts, expected))


# chi-square critical values with a false-failure probability of about 1e-6 (df = 1, 3, 5)
CRIT = {1: 23.9, 3: 30.7, 5: 35.9}


def _successive_prob(weights, subset):
    """P(the sample is `subset`) when items are drawn one by one without replacement, each with
    probability proportional to its weight among those left: the distribution of A-Res."""
    total = sum(weights)
    p = 0.0
    for order in itertools.permutations(subset):
        q, left = 1.0, total
        for i in order:
            q *= weights[i] / left
            left -= weights[i]
        p += q
    return p


def _distribution_test(weights, k, runs, what):
    n = len(weights)
    subsets = list(itertools.combinations(range(n), k))
    seen = dict.fromkeys(subsets, 0)
    for seed in range(runs):
        got = weighted_reservoir_sample(((i, w) for i, w in enumerate(weights)), k, seed=seed)
        key = tuple(sorted(got))
        assert key in seen, f"{what}: seed {seed} returned {got}, not {k} distinct stream items"
        seen[key] += 1
    expected = [runs * _successive_prob(weights, s) for s in subsets]
    stat = _chi2([seen[s] for s in subsets], expected)
    worst = max(subsets, key=lambda s: abs(seen[s] - runs * _successive_prob(weights, s)))
    assert stat < CRIT[len(subsets) - 1], (
        f"{what}: chi-square {stat:.1f} over {runs} seeds; e.g. {worst} came {seen[worst]} times, "
        f"expected {runs * _successive_prob(weights, worst):.0f}")


def test_k1_picks_proportionally_to_weight():
    _distribution_test([1.0, 2.0, 3.0, 4.0], 1, 4000, "k=1, weights 1, 2, 3, 4 (P = w / 10)")


def test_k2_is_successive_sampling_without_replacement():
    # P({i, j}) = w_i/W * w_j/(W - w_i) + w_j/W * w_i/(W - w_j): not proportional to w_i + w_j
    _distribution_test([1.0, 1.0, 2.0, 6.0], 2, 4000, "k=2, weights 1, 1, 2, 6")


def test_tiny_and_huge_weights():
    # keys u ** (1 / w) underflow to 0 for w = 1e-300 and round to 1 for w = 1e300: compare in log space
    _distribution_test([1e-300, 3e-300], 1, 2000, "k=1, weights 1e-300 and 3e-300 (P = 1/4, 3/4)")
    _distribution_test([1e300, 3e300], 1, 2000, "k=1, weights 1e300 and 3e300 (P = 1/4, 3/4)")


def test_equal_weights_are_uniform():
    _distribution_test([2.5] * 4, 2, 3000, "k=2, equal weights (all 2-subsets equally likely)")


def test_zero_weights_and_short_streams():
    items = [("a", 1.0), ("b", 0.0), ("c", 2.0), ("d", 0.0)]
    for seed in range(30):
        got = weighted_reservoir_sample(iter(items), 3, seed=seed)
        assert got == ["a", "c"], f"seed {seed}: only a and c have positive weight: expected ['a', 'c'] (stream order), got {got}"
        got = weighted_reservoir_sample(iter(items), 1, seed=seed)
        assert got in (["a"], ["c"]), f"seed {seed}: a weight-0 item must never be sampled, got {got}"
    assert weighted_reservoir_sample(iter([]), 2) == [], "empty stream gives []"
    assert weighted_reservoir_sample(iter(items), 0) == [], "k = 0 gives []"


def test_same_seed_same_sample_single_pass():
    class Once:
        n = 0

        def __iter__(self):
            Once.n += 1
            assert Once.n == 1, "the stream was iterated more than once"
            return ((i, 1.0 + i % 7) for i in range(5000))

    a = weighted_reservoir_sample(Once(), 10, seed=7)
    b = weighted_reservoir_sample(((i, 1.0 + i % 7) for i in range(5000)), 10, seed=7)
    assert sorted(a) == sorted(b), "the same seed must give the same sample"
    assert len(set(a)) == 10, "10 distinct items expected"


def test_memory_is_o_k():
    def big(n):
        for i in range(n):
            yield bytes([i % 251]) * 1000, 1.0 + (i % 5)

    tracemalloc.start()
    try:
        s = weighted_reservoir_sample(big(20_000), 5, seed=0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(s) == 5, f"expected 5 items, got {len(s)}"
    assert peak < 3 * 1024 * 1024, f"peak memory {peak / 2**20:.1f} MB for a 20 MB stream and k=5: keep only the reservoir"


def test_invalid_weights_and_k_raise():
    for bad in (-1.0, float("nan"), float("inf")):
        try:
            _user_wrs(iter([("a", 1.0), ("b", bad)]), 1)
        except ValueError:
            continue
        raise AssertionError(f"weight {bad} must raise ValueError")
    try:
        _user_wrs(iter([("a", 1.0)]), -1)
    except ValueError:
        return
    raise AssertionError("k < 0 must raise ValueError")
