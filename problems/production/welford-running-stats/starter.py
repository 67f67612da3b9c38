import math


class RunningStats:
    """Streaming mean and variance in O(1) memory, mergeable across workers.

    update(x)          add one real number (int, float or numpy scalar).
    n                  property: number of values seen (int).
    mean               property: their mean (float); math.nan when n == 0.
    variance(ddof=0)   sum of squared deviations / (n - ddof); math.nan when n - ddof <= 0.
    merge(other)       fold another RunningStats into this one IN PLACE (as if all of
                       other's values had been passed to update) and return self;
                       `other` is left unchanged.

    Must stay accurate for values around 1e9 with a spread of about 1 (no sum of squares),
    and must not store the values.
    """

    def __init__(self):
        raise NotImplementedError

    def update(self, x):
        raise NotImplementedError

    @property
    def n(self):
        raise NotImplementedError

    @property
    def mean(self):
        raise NotImplementedError

    def variance(self, ddof=0):
        raise NotImplementedError

    def merge(self, other):
        raise NotImplementedError
