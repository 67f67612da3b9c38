class TokenBucket:
    """Token-bucket rate limiter with an injected clock.

    TokenBucket(rate, capacity): rate > 0 tokens per second, capacity >= 1 (may be
    fractional); otherwise ValueError. The bucket starts FULL.

    allow(now) -> bool, where `now` is a timestamp in seconds supplied by the caller
    (never read the system clock):
      1. if `now` is later than the latest timestamp seen so far, add
         (now - latest) * rate tokens, capped at capacity, and remember `now` as the latest;
         the first call only sets the clock. If `now` is earlier than or equal to the latest
         timestamp, add nothing and keep the latest timestamp unchanged.
      2. if at least 1 token is available, take 1 and return True; otherwise return False
         (a rejected request costs nothing).
    Tokens are real numbers: fractional refills accumulate.
    """

    def __init__(self, rate, capacity):
        raise NotImplementedError

    def allow(self, now):
        raise NotImplementedError
