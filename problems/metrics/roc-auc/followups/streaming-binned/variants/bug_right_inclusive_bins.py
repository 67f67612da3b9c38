"""Bug: bins closed on the right (ceil(x) - 1, as in the ECE problem) instead of floor: a score on an
inner edge goes to the bin below. Caught by test_bins_are_left_closed_and_hi_goes_to_the_last_bin."""
import numpy as np


def roc_auc(y_true, y_score, sample_weight=None):
    """Weighted ROC AUC with ties counting half (reference, part 2).

    y_true: n labels in {0, 1}; y_score: n finite scores; sample_weight: n finite weights >= 0
    (None = all ones, part 1). Each (positive i, negative j) pair weighs w_i * w_j. O(n log n):
    one sort (np.unique) and a running sum of the negative weight over tied-score groups.
    Raises ValueError on mismatched lengths, negative or non-finite weights, or a class whose
    total weight is 0."""
    y = np.asarray(y_true).ravel()
    s = np.asarray(y_score, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError("y_true and y_score must have the same length")
    if sample_weight is None:
        w = np.ones(s.shape, dtype=np.float64)
    else:
        w = np.asarray(sample_weight, dtype=np.float64).ravel()
        if w.shape != s.shape:
            raise ValueError("sample_weight must have the same length as y_true")
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("sample_weight must be finite and non-negative")
    pos = y == 1
    w_pos_total = float(w[pos].sum())
    w_neg_total = float(w[~pos].sum())
    if w_pos_total <= 0 or w_neg_total <= 0:
        raise ValueError("ROC AUC is undefined: a class has no (weighted) samples")

    _, inverse = np.unique(s, return_inverse=True)
    inverse = inverse.ravel()
    groups = int(inverse.max()) + 1
    wp = np.bincount(inverse, weights=np.where(pos, w, 0.0), minlength=groups)
    wn = np.bincount(inverse, weights=np.where(pos, 0.0, w), minlength=groups)
    neg_below = np.cumsum(wn) - wn  # negative weight strictly below each group
    wins = float(np.sum(wp * (neg_below + 0.5 * wn)))
    return float(wins / (w_pos_total * w_neg_total))


class StreamingAUC:
    """Binned, streaming ROC AUC with a guaranteed error bound (reference, part 3).

    n_bins equal-width bins over [lo, hi]: bin j = floor((s - lo) / (hi - lo) * n_bins), clipped
    to [0, n_bins - 1] (so scores below lo, above hi, and +-inf land in the end bins). The state is
    two float64 arrays of n_bins weight totals (positives, negatives): O(n_bins) memory whatever
    the number of samples. auc() treats every bin as one tied group (ties count half), i.e. it is
    the exact weighted AUC of the bin indices. Only pairs inside one bin lose their order, and
    each such pair is off by at most 1/2, hence
        |auc() - exact AUC| <= error_bound() = 0.5 * sum_b Wp_b * Wn_b / (Wp * Wn).
    Raises ValueError on bad parameters, NaN scores, bad weights, mismatched lengths, and from
    auc()/error_bound() when a class has zero total weight.
    """

    def __init__(self, n_bins=1024, lo=0.0, hi=1.0):
        if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
            raise ValueError("n_bins must be an int >= 1")
        lo, hi = float(lo), float(hi)
        if not (np.isfinite(lo) and np.isfinite(hi)) or hi <= lo:
            raise ValueError("need finite lo < hi")
        self.n_bins, self.lo, self.hi = int(n_bins), lo, hi
        self._wp = np.zeros(self.n_bins, dtype=np.float64)
        self._wn = np.zeros(self.n_bins, dtype=np.float64)

    def update(self, y_true, y_score, sample_weight=None):
        """Add a batch: labels in {0, 1}, scores, optional non-negative weights (None = ones)."""
        y = np.asarray(y_true).ravel()
        s = np.asarray(y_score, dtype=np.float64).ravel()
        if y.shape != s.shape:
            raise ValueError("y_true and y_score must have the same length")
        if np.any(np.isnan(s)):
            raise ValueError("scores must not be NaN")
        if sample_weight is None:
            w = np.ones(s.shape, dtype=np.float64)
        else:
            w = np.asarray(sample_weight, dtype=np.float64).ravel()
            if w.shape != s.shape:
                raise ValueError("sample_weight must have the same length as y_true")
            if not np.all(np.isfinite(w)) or np.any(w < 0):
                raise ValueError("sample_weight must be finite and non-negative")
        with np.errstate(over="ignore", invalid="ignore"):  # +-inf scores: clipped just below
            pos_f = (s - self.lo) / (self.hi - self.lo) * self.n_bins
        idx = np.clip(np.ceil(np.clip(pos_f, -1.0, self.n_bins)) - 1, 0, self.n_bins - 1).astype(np.int64)
        pos = y == 1
        self._wp += np.bincount(idx, weights=np.where(pos, w, 0.0), minlength=self.n_bins)
        self._wn += np.bincount(idx, weights=np.where(pos, 0.0, w), minlength=self.n_bins)

    def _totals(self):
        wp_total, wn_total = float(self._wp.sum()), float(self._wn.sum())
        if wp_total <= 0 or wn_total <= 0:
            raise ValueError("AUC is undefined: a class has no (weighted) samples yet")
        return wp_total, wn_total

    def auc(self):
        """Binned AUC: every bin is one tied group."""
        wp_total, wn_total = self._totals()
        neg_below = np.cumsum(self._wn) - self._wn
        return float(np.sum(self._wp * (neg_below + 0.5 * self._wn)) / (wp_total * wn_total))

    def error_bound(self):
        """0.5 * (weight of the (pos, neg) pairs sharing a bin) / (Wp * Wn)."""
        wp_total, wn_total = self._totals()
        return float(0.5 * np.sum(self._wp * self._wn) / (wp_total * wn_total))
