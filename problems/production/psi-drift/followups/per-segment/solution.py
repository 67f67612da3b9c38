import numpy as np

EPS = 1e-4


def population_stability_index(expected, actual, bins=10):
    """PSI with quantile bins of `expected`, open outer bins and a 1e-4 floor on proportions."""
    e = np.asarray(expected, dtype=np.float64).ravel()
    a = np.asarray(actual, dtype=np.float64).ravel()
    if e.size == 0 or a.size == 0:
        raise ValueError("expected and actual must be non-empty")
    if bins < 1:
        raise ValueError("bins must be >= 1")
    qs = np.arange(1, bins) / bins
    inner = np.unique(np.quantile(e, qs))                  # duplicate edges merged
    # bin index = number of inner edges <= x  ->  bins are [lo, hi), outer bins open to +-inf
    e_idx = np.searchsorted(inner, e, side="right")
    a_idx = np.searchsorted(inner, a, side="right")
    k = inner.size + 1
    pe = np.bincount(e_idx, minlength=k) / e.size
    pa = np.bincount(a_idx, minlength=k) / a.size
    pe = np.maximum(pe, EPS)
    pa = np.maximum(pa, EPS)
    return float(np.sum((pa - pe) * np.log(pa / pe)))


def psi_by_segment(expected, actual, expected_segments, actual_segments, bins=10, min_count=100):
    """PSI per segment: {segment: PSI of that segment's actual vs its expected values, with bins
    from that segment's expected values}, or nan when the segment has fewer than `min_count` rows
    in expected or in actual. Keys: every segment value found in either segment array."""
    e = np.asarray(expected, dtype=np.float64).ravel()
    a = np.asarray(actual, dtype=np.float64).ravel()
    se = np.asarray(expected_segments).ravel()
    sa = np.asarray(actual_segments).ravel()
    if se.shape != e.shape or sa.shape != a.shape:
        raise ValueError("each segment array must have one label per value")
    if min_count < 1:
        raise ValueError("min_count must be >= 1")
    out = {}
    for s in set(se.tolist()) | set(sa.tolist()):
        e_s, a_s = e[se == s], a[sa == s]
        if e_s.size < min_count or a_s.size < min_count:
            out[s] = float("nan")
        else:
            out[s] = population_stability_index(e_s, a_s, bins=bins)
    return out
