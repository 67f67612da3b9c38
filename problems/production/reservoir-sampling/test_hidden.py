import itertools
import tracemalloc

from solution import reservoir_sample as _user_reservoir_sample


def reservoir_sample(stream, k, *args, **kwargs):
    """Your reservoir_sample (arguments passed on as given, so the default seed is tested), with its
    result checked to be a list before a test uses it."""
    got = _user_reservoir_sample(stream, k, *args, **kwargs)
    assert isinstance(got, list), "reservoir_sample result: expected a list, got %s%s" % (
        type(got).__name__, " of shape %s" % (got.shape,) if hasattr(got, "shape") else "")
    return got


class _OnceIterable:
    """An iterable that may be iterated only once."""

    def __init__(self, items):
        self.items = items
        self.iterations = 0

    def __iter__(self):
        self.iterations += 1
        if self.iterations > 1:
            raise AssertionError("the stream was iterated more than once")
        return iter(self.items)


def _chi2(counts, expected):
    return sum((c - expected) ** 2 / expected for c in counts)


def test_short_stream_returns_everything_in_order():
    assert list(reservoir_sample(iter([7, 3, 5]), 5, seed=1)) == [7, 3, 5], "n < k: all items in stream order"
    assert list(reservoir_sample(iter([7, 3, 5]), 3, seed=1)) == [7, 3, 5], "n == k: all items in stream order"
    assert list(reservoir_sample(iter([]), 4, seed=1)) == [], "empty stream must give []"
    falsy = [0, None, "", False, None]
    assert list(reservoir_sample(iter(falsy), 10, seed=3)) == falsy, "falsy items (None, 0, '') must be kept"


def test_returns_k_distinct_stream_items():
    for seed in range(20):
        s = list(reservoir_sample((("item", i) for i in range(500)), 7, seed=seed))
        assert len(s) == 7, f"seed {seed}: expected 7 items, got {len(s)}"
        assert len(set(s)) == 7, f"seed {seed}: a stream position was sampled twice"
        assert all(x[0] == "item" and 0 <= x[1] < 500 for x in s), f"seed {seed}: item not from the stream"


def test_same_seed_same_sample():
    a = reservoir_sample(iter(range(10_000)), 10, seed=123)
    b = reservoir_sample(iter(range(10_000)), 10, seed=123)
    assert sorted(a) == sorted(b), "the same seed must give the same sample"


def test_global_random_state_untouched():
    import random

    try:  # the problem needs no numpy; check its global state only where numpy is installed
        import numpy as np
    except ImportError:
        np = None
    py_state = random.getstate()
    np_state = np.random.get_state() if np is not None else None
    reservoir_sample(iter(range(2_000)), 10, seed=7)
    assert random.getstate() == py_state, (
        "the global `random` state was used or reseeded: use a private random.Random(seed)")
    if np is None:
        return
    after = np.random.get_state()
    assert np_state[0] == after[0] and np.array_equal(np_state[1], after[1]) and np_state[2:] == after[2:], (
        "NumPy's global random state was used or reseeded: use np.random.default_rng(seed)")


def test_different_seeds_give_different_samples():
    samples = {tuple(sorted(reservoir_sample(iter(range(1000)), 5, seed=s))) for s in range(20)}
    assert len(samples) >= 15, f"20 seeds gave only {len(samples)} distinct samples: is `seed` used?"


def test_each_item_kept_with_probability_k_over_n():
    runs, n, k = 4000, 10, 3
    counts = [0] * n
    for seed in range(runs):
        for x in reservoir_sample((i for i in range(n)), k, seed=seed):
            counts[x] += 1
    stat = _chi2(counts, runs * k / n)
    assert stat < 40, (f"inclusion counts over {runs} seeds are not uniform (chi-square {stat:.1f}, "
                       f"expected ~{runs * k // n} each; first {counts[0]}, last {counts[-1]})")


def test_all_subsets_equally_likely():
    runs, n, k = 4000, 5, 2
    seen = {}
    for seed in range(runs):
        key = tuple(sorted(reservoir_sample(iter(range(n)), k, seed=seed)))
        seen[key] = seen.get(key, 0) + 1
    subsets = list(itertools.combinations(range(n), k))
    assert set(seen) <= set(subsets), f"unexpected samples: {sorted(set(seen) - set(subsets))[:3]}"
    stat = _chi2([seen.get(s, 0) for s in subsets], runs / len(subsets))
    assert stat < 45, f"the 10 possible 2-subsets are not equally likely (chi-square {stat:.1f})"


def test_single_pass_over_the_stream():
    src = _OnceIterable(list(range(300)))
    s = reservoir_sample(src, 4, seed=5)
    assert src.iterations == 1, "the stream must be iterated exactly once"
    assert len(s) == 4, f"expected 4 items, got {len(s)}"


def test_memory_is_o_k():
    def big_items(n):
        for i in range(n):
            yield bytes([i % 251]) * 1000

    tracemalloc.start()
    try:
        s = reservoir_sample(big_items(20_000), 5, seed=0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(s) == 5, f"expected 5 items, got {len(s)}"
    assert peak < 3 * 1024 * 1024, (f"peak memory {peak / 2**20:.1f} MB for a 20 MB stream and k=5: "
                                    "keep only the reservoir")


def test_k_zero_and_negative():
    assert list(reservoir_sample(iter(range(100)), 0, seed=1)) == [], "k=0 must return []"
    try:
        reservoir_sample(iter(range(10)), -1)
    except ValueError:
        return
    raise AssertionError("k < 0 should raise ValueError")
