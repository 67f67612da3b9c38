import random

import solution


def _UserKeyedRateLimiter(*args, **kwargs):
    """Your class, looked up when a test uses it, so a solution without it yet fails with a message."""
    cls = getattr(solution, "KeyedRateLimiter", None)
    assert isinstance(cls, type), "define class KeyedRateLimiter(rate, capacity, max_keys) in solution.py (part 2)"
    return cls(*args, **kwargs)


def _describe(x):
    return "a value of type %s (%r)" % (type(x).__name__, x) if isinstance(x, (str, int, float)) else "a value of type %s" % type(x).__name__


def KeyedRateLimiter(*args, **kwargs):
    """An instance of your class whose results are checked before a test uses them."""
    cls = getattr(solution, "KeyedRateLimiter", None)
    assert isinstance(cls, type), "define class KeyedRateLimiter(rate, capacity, max_keys) in solution.py (part 2)"

    class _Checked(cls):
        """Your KeyedRateLimiter, with allow() checked to return a bool and n_buckets() an int."""

        def allow(self, key, now):
            got = super().allow(key, now)
            assert isinstance(got, bool), "allow(%r, %r): expected a bool, got %s" % (key, now, _describe(got))
            return got

        def n_buckets(self):
            got = super().n_buckets()
            assert isinstance(got, int) and not isinstance(got, bool), "n_buckets(): expected an int, got %s" % _describe(got)
            return got

    return _Checked(*args, **kwargs)


class _Bucket:
    """Part 1's token bucket."""

    def __init__(self, rate, capacity):
        self.rate, self.capacity, self.tokens, self.latest = rate, capacity, capacity, None

    def allow(self, now):
        if self.latest is None:
            self.latest = now
        elif now > self.latest:
            self.tokens = min(self.capacity, self.tokens + (now - self.latest) * self.rate)
            self.latest = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class _Reference:
    """The stated rules: buckets in recency order; on a new key at max_keys drop the buckets full at
    `now`, then if still at max_keys evict the least recently used."""

    def __init__(self, rate, capacity, max_keys):
        self.rate, self.capacity, self.max_keys = rate, capacity, max_keys
        self.buckets = {}

    def allow(self, key, now):
        b = self.buckets.pop(key, None)
        if b is None:
            if len(self.buckets) >= self.max_keys:
                for k in [k for k, v in self.buckets.items()
                          if now >= v.latest and v.tokens + (now - v.latest) * self.rate >= self.capacity]:
                    del self.buckets[k]
            if len(self.buckets) >= self.max_keys:
                del self.buckets[next(iter(self.buckets))]
            b = _Bucket(self.rate, self.capacity)
        self.buckets[key] = b
        return b.allow(now)


def _run(lim, calls):
    return [lim.allow(k, t) for k, t in calls]


def test_keys_are_independent_buckets():
    calls = [("a", 0.0)] * 4 + [("b", 0.0)] * 4 + [("a", 0.5), ("b", 0.25), ("a", 1.0), ("b", 1.0)]
    got = _run(KeyedRateLimiter(2.0, 3, max_keys=100), calls)
    want = [True] * 3 + [False] + [True] * 3 + [False] + [True, False, True, True]
    assert got == want, f"each key has its own bucket (rate 2, capacity 3): got {got}, expected {want}"


def test_unbounded_traffic_matches_one_bucket_per_key():
    rng = random.Random(1)
    calls, t = [], 0.0
    for _ in range(3000):
        t += rng.choice([0.0, 0.0, 0.01, 0.05, 0.25])
        calls.append((rng.randrange(40), t - (0.5 if rng.random() < 0.03 else 0.0)))
    ref = {}
    want = [ref.setdefault(k, _Bucket(4.0, 2.5)).allow(t) for k, t in calls]
    assert _run(KeyedRateLimiter(4.0, 2.5, max_keys=1000), calls) == want, \
        "with room for every key, decisions must equal one part-1 bucket per key (per-key clock, clock going back)"


def test_dropping_full_buckets_changes_no_decision():
    # 400 keys over time with max_keys = 20: a key's bucket is full again 1 s after its last burst,
    # and at most ~10 keys are active within any second, so exact decisions survive the bound
    rng = random.Random(2)
    calls, t = [], 0.0
    for i in range(400):
        t += 0.1
        key = "user%d" % i
        for _ in range(rng.randrange(1, 6)):
            calls.append((key, t))
        if i >= 3 and rng.random() < 0.5:
            calls.append(("user%d" % (i - 3), t))
    ref = {}
    want = [ref.setdefault(k, _Bucket(5.0, 4)).allow(t) for k, t in calls]
    lim = KeyedRateLimiter(5.0, 4, max_keys=20)
    got, most = [], 0
    for k, t in calls:
        got.append(lim.allow(k, t))
        most = max(most, lim.n_buckets())
    assert most <= 20, f"n_buckets() reached {most} > max_keys = 20"
    assert got == want, "only full buckets needed to go: decisions must equal unbounded per-key buckets"


def test_full_buckets_dropped_before_lru():
    # capacity 5, rate 1. t=0: a drains its bucket; t=0.1: b takes one token; at t=3 c arrives with
    # max_keys = 2: b is full again (4 + 2.9 >= 5) and is dropped; a (least recently used but with only
    # 3 tokens) must stay, so a gets exactly 3 more requests
    lim = KeyedRateLimiter(1.0, 5, max_keys=2)
    _run(lim, [("a", 0.0)] * 5 + [("b", 0.1)])
    assert lim.allow("c", 3.0) is True
    got = _run(lim, [("a", 3.0)] * 4)
    assert got == [True, True, True, False], f"a kept its bucket (3 tokens at t=3): got {got}"
    assert lim.n_buckets() == 2, f"buckets a and c: n_buckets() = {lim.n_buckets()}"


def test_lru_eviction_by_recency_of_calls():
    # no bucket is full: evict the least recently CALLED key (b), not the first inserted (a)
    lim = KeyedRateLimiter(0.001, 2, max_keys=2)
    _run(lim, [("a", 0.0), ("a", 0.0), ("b", 0.0), ("b", 0.0), ("a", 1.0)])
    assert lim.allow("c", 1.0) is True, "new key c gets a full bucket"
    assert lim.allow("b", 1.0) is True, "b was evicted (least recently used), so it starts again with a full bucket"
    # when b came back, a (last called before c) was the least recently used: evicted, so a is fresh too
    assert lim.allow("a", 1.0) is True, "a was evicted when b came back (least recently used at that point)"


def test_matches_reference_under_pressure():
    rng = random.Random(3)
    calls, t = [], 0.0
    for _ in range(4000):
        t += rng.choice([0.0, 0.001, 0.01, 0.1])
        calls.append((rng.randrange(30), t))
    for max_keys in (1, 5, 12):
        ref = _Reference(2.0, 3, max_keys)
        want = [ref.allow(k, t) for k, t in calls]
        lim = KeyedRateLimiter(2.0, 3, max_keys=max_keys)
        got = []
        for k, t in calls:
            got.append(lim.allow(k, t))
            assert lim.n_buckets() <= max_keys, f"n_buckets() = {lim.n_buckets()} > max_keys = {max_keys}"
        bad = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
        assert not bad, f"max_keys={max_keys}: first different decision at call #{bad[0]} {calls[bad[0]]}"


def test_invalid_parameters_raise():
    for args, what in [((0.0, 2, 5), "rate 0"), ((1.0, 0.5, 5), "capacity 0.5"), ((1.0, 2, 0), "max_keys 0")]:
        try:
            _UserKeyedRateLimiter(*args)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
