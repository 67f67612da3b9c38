import numpy as np


def population_stability_index(expected, actual, bins=10):
    """Population Stability Index of `actual` against the reference sample `expected`.

    Args:
        expected: 1-D array-like of floats, the reference (training-time) sample, non-empty.
        actual: 1-D array-like of floats, the new (serving-time) sample, non-empty.
        bins: int >= 1, number of quantile bins requested.

    Returns:
        float: sum over bins of (p_a - p_e) * ln(p_a / p_e), where
        - inner edges = np.quantile(expected, [i / bins for i in 1..bins-1]) (default
          linear method), duplicates merged; outer edges are -inf and +inf;
        - bins are [lo, hi): a value equal to an edge goes to the bin on its right;
        - p_e, p_a are the fractions of expected / actual in each bin, each floored at
          1e-4 (p = max(p, 1e-4)), without renormalising.
    Empty input raises ValueError. Inputs must not be modified.
    """
    raise NotImplementedError
