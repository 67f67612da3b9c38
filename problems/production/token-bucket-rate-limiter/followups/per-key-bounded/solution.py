class TokenBucket:
    """Token-bucket rate limiter driven by caller-supplied timestamps (seconds)."""

    def __init__(self, rate, capacity):
        if not rate > 0:
            raise ValueError("rate must be > 0")
        if not capacity >= 1:
            raise ValueError("capacity must be >= 1")
        self.rate = float(rate)
        self.capacity = float(capacity)
        self.tokens = float(capacity)      # starts full
        self.last = None                   # latest timestamp seen

    def allow(self, now):
        now = float(now)
        if self.last is None:
            self.last = now
        elif now > self.last:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now
        # now <= last: time did not advance (or went backwards): no refill, clock unchanged
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class KeyedRateLimiter:
    """One token bucket per key (each exactly a TokenBucket), holding at most `max_keys` buckets.

    When a new key arrives and `max_keys` buckets are stored: first drop every bucket that would be
    full at `now` (now >= its latest and tokens + (now - latest) * rate >= capacity): a full bucket
    behaves exactly like a new one, so no decision changes. If none is full, evict the least
    recently used bucket (by order of calls), which fails open for that key."""

    def __init__(self, rate, capacity, max_keys):
        TokenBucket(rate, capacity)                    # validates rate and capacity
        if int(max_keys) != max_keys or max_keys < 1:
            raise ValueError("max_keys must be an integer >= 1")
        self.rate, self.capacity, self.max_keys = float(rate), float(capacity), int(max_keys)
        self._buckets = {}                             # key -> TokenBucket, in least-recently-used order

    def _is_full_at(self, bucket, now):
        return now >= bucket.last and bucket.tokens + (now - bucket.last) * self.rate >= self.capacity

    def allow(self, key, now):
        now = float(now)
        bucket = self._buckets.pop(key, None)          # re-inserted below: dict order = recency
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                for k in [k for k, b in self._buckets.items() if self._is_full_at(b, now)]:
                    del self._buckets[k]
            if len(self._buckets) >= self.max_keys:
                del self._buckets[next(iter(self._buckets))]      # least recently used
            bucket = TokenBucket(self.rate, self.capacity)
        self._buckets[key] = bucket
        return bucket.allow(now)

    def n_buckets(self):
        return len(self._buckets)
