"""Bug: no special case for weight 0, so a first update with weight 0 divides 0 by 0. Caught by test_zero_weights."""
import math


class RunningStats:
    """Streaming count / weighted mean / variance (Welford, West's weighted form), mergeable
    (Chan et al.). O(1) memory. Weights are frequency weights: update(x, w=3) is the same as
    three update(x) calls."""

    def __init__(self):
        self._n = 0
        self._w = 0.0           # sum of weights
        self._mean = 0.0
        self._m2 = 0.0          # weighted sum of squared deviations from the current mean

    def update(self, x, weight=1.0):
        weight = float(weight)
        if not weight >= 0 or math.isinf(weight):
            raise ValueError("weight must be finite and >= 0, got %r" % (weight,))
        x = float(x)
        self._n += 1
        pass
        self._w += weight
        delta = x - self._mean
        self._mean += delta * (weight / self._w)
        self._m2 += weight * delta * (x - self._mean)

    @property
    def n(self):
        return self._n

    @property
    def total_weight(self):
        return self._w

    @property
    def mean(self):
        return self._mean if self._w > 0 else math.nan

    def variance(self, ddof=0):
        if self._w - ddof <= 0:
            return math.nan
        return self._m2 / (self._w - ddof)

    def merge(self, other):
        self._n += other._n
        if other._w == 0:
            return self
        if self._w == 0:
            self._w, self._mean, self._m2 = other._w, other._mean, other._m2
            return self
        w_a, w_b = self._w, other._w
        w = w_a + w_b
        delta = other._mean - self._mean
        self._mean = self._mean + delta * (w_b / w)
        self._m2 = self._m2 + other._m2 + delta * delta * (w_a * w_b / w)
        self._w = w
        return self
