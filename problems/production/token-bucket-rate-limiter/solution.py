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
