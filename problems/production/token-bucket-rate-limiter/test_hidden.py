import random

from solution import TokenBucket as _UserTokenBucket


class TokenBucket(_UserTokenBucket):
    """Your TokenBucket, with every allow() result checked to be a bool before a test uses it."""

    def allow(self, now):
        got = super().allow(now)
        assert isinstance(got, bool), "allow(%r): expected a bool (True or False), got %s" % (now, _describe(got))
        return got


def _describe(x):
    """What came back, for messages: 'an array of shape (1, 1) (dtype float64)', 'a list of length 3'."""
    if hasattr(x, "shape") and hasattr(x, "dtype"):  # a NumPy scalar or array, without importing numpy here
        if x.shape == ():
            return "a NumPy %s (%r)" % (type(x).__name__, x.item())
        return "an array of shape %s (dtype %s)" % (x.shape, x.dtype)
    if isinstance(x, (list, tuple, dict)):
        return "a %s of length %d" % (type(x).__name__, len(x))
    return "a value of type %s (%r)" % (type(x).__name__, x) if isinstance(x, (str, int, float)) else "a value of type %s" % type(x).__name__


class _Reference:
    def __init__(self, rate, capacity):
        self.rate, self.capacity = rate, capacity
        self.tokens, self.latest = capacity, None

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


def _run(bucket, times):
    out = []
    for t in times:
        r = bucket.allow(t)
        assert isinstance(r, bool), f"allow() must return a bool, got {type(r).__name__}"
        out.append(r)
    return out


def test_starts_full_and_bursts_up_to_capacity():
    b = TokenBucket(rate=1.0, capacity=5)
    got = _run(b, [1000.0] * 7)
    assert got == [True] * 5 + [False] * 2, f"capacity 5 at one instant (first call at t=1000): {got}"


def test_refill_is_rate_times_elapsed():
    b = TokenBucket(rate=4.0, capacity=10)
    _run(b, [0.0] * 10)
    got = _run(b, [0.25, 0.25])
    assert got == [True, False], f"0.25 s at rate 4 gives exactly 1 token: {got}"
    got = _run(b, [1.0] * 4)
    assert got == [True, True, True, False], f"0.75 s more at rate 4 gives 3 tokens: {got}"


def test_fractional_refills_accumulate():
    b = TokenBucket(rate=2.0, capacity=1)
    assert b.allow(0.0) is True
    got = _run(b, [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0])
    assert got == [False, False, False, True, False, False, False, True], (
        f"rate 2, polled every 0.125 s: a token every 0.5 s expected, got {got} (tokens rounded?)")


def test_refill_capped_at_capacity():
    b = TokenBucket(rate=100.0, capacity=3)
    _run(b, [0.0] * 3)
    got = _run(b, [3600.0] * 5)
    assert got == [True, True, True, False, False], f"after one idle hour only `capacity` may pass: {got}"


def test_rejected_requests_consume_nothing():
    b = TokenBucket(rate=1.0, capacity=1)
    assert b.allow(0.0) is True
    got = _run(b, [0.5, 0.5, 0.5, 0.75])
    assert got == [False] * 4, f"not enough tokens yet: {got}"
    assert b.allow(1.0) is True, "1 s after the last success a token must be available again"


def test_clock_going_backwards_adds_nothing_and_keeps_latest():
    b = TokenBucket(rate=2.0, capacity=4)
    _run(b, [10.0] * 4)
    got = _run(b, [5.0, 9.99])
    assert got == [False, False], f"earlier timestamps must not refill: {got}"
    got = _run(b, [10.5, 10.5])
    assert got == [True, False], f"refill must be measured from 10.0 (the latest), not from 5.0: {got}"
    b2 = TokenBucket(rate=2.0, capacity=4)
    got = _run(b2, [10.0, 3.0, 3.0, 3.0, 3.0])
    assert got == [True, True, True, True, False], f"a full bucket still serves requests with old timestamps: {got}"


def test_fractional_capacity():
    b = TokenBucket(rate=1.0, capacity=2.5)
    got = _run(b, [0.0, 0.0, 0.0])
    assert got == [True, True, False], f"capacity 2.5: two requests then 0.5 token left: {got}"
    assert b.allow(0.5) is True, "0.5 + 0.5 = 1 token at t=0.5"
    got = _run(b, [100.0] * 3)
    assert got == [True, True, False], f"refill capped at 2.5 tokens: {got}"


def test_matches_reference_on_random_traffic():
    rng = random.Random(123)
    for rate, capacity in [(5.0, 10), (0.7, 3), (50.0, 1), (3.3, 7.5)]:
        t, times = 0.0, []
        for _ in range(2000):
            t += rng.expovariate(rate * 1.3)
            jitter = -rng.uniform(0, 0.5) if rng.random() < 0.05 else 0.0   # a few out-of-order events
            times.append(t + jitter)
        got = _run(TokenBucket(rate, capacity), times)
        ref = _Reference(rate, capacity)
        want = [ref.allow(x) for x in times]
        first = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), None)
        assert first is None, (f"rate={rate}, capacity={capacity}: decision {first} differs "
                               f"(t={times[first]:.4f}): got {got[first]}, expected {want[first]}")
        assert sum(got) <= capacity + rate * (max(times) - times[0]) + 1e-9, "more requests passed than the rate allows"


def test_invalid_parameters_raise():
    for rate, capacity in [(0.0, 5), (-1.0, 5), (1.0, 0.5), (1.0, 0), (1.0, -3)]:
        try:
            TokenBucket(rate, capacity)
        except ValueError:
            continue
        raise AssertionError(f"TokenBucket(rate={rate}, capacity={capacity}) should raise ValueError")
