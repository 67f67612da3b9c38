import math


class RunningStats:
    """Streaming count / mean / variance (Welford), mergeable (Chan et al.). O(1) memory."""

    def __init__(self):
        self._n = 0
        self._mean = 0.0
        self._m2 = 0.0          # sum of squared deviations from the current mean

    def update(self, x):
        x = float(x)
        self._n += 1
        delta = x - self._mean
        self._mean += delta / self._n
        self._m2 += delta * (x - self._mean)

    @property
    def n(self):
        return self._n

    @property
    def mean(self):
        return self._mean if self._n > 0 else math.nan

    def variance(self, ddof=0):
        if self._n - ddof <= 0:
            return math.nan
        return self._m2 / (self._n - ddof)

    def merge(self, other):
        if other._n == 0:
            return self
        if self._n == 0:
            self._n, self._mean, self._m2 = other._n, other._mean, other._m2
            return self
        n_a, n_b = self._n, other._n
        n = n_a + n_b
        delta = other._mean - self._mean
        self._mean = self._mean + delta * (n_b / n)
        self._m2 = self._m2 + other._m2 + delta * delta * (n_a * n_b / n)
        self._n = n
        return self
