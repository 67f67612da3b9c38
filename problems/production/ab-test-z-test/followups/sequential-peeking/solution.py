import math


def two_proportion_z_test(conv_a, n_a, conv_b, n_b):
    """Pooled two-proportion z-test; z > 0 when B converts better; two-sided p-value."""
    for name, c, n in (("a", conv_a, n_a), ("b", conv_b, n_b)):
        if n <= 0 or c < 0 or c > n:
            raise ValueError(f"invalid counts for {name}: conversions={c}, n={n}")
    conv_a, n_a, conv_b, n_b = int(conv_a), int(n_a), int(conv_b), int(n_b)
    p_a = conv_a / n_a
    p_b = conv_b / n_b
    pooled = (conv_a + conv_b) / (n_a + n_b)
    var = pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b)
    if var == 0.0:              # nobody converted, or everybody did: no evidence of a difference
        return 0.0, 1.0
    z = (p_b - p_a) / math.sqrt(var)
    p_value = math.erfc(abs(z) / math.sqrt(2.0))
    return float(z), float(p_value)


def sequential_z_test(looks, alpha=0.05, planned_total=None):
    """Peeking-safe decision over K planned looks at cumulative A/B counts.

    looks: list of cumulative (conv_a, n_a, conv_b, n_b), one per look, K = len(looks).
    planned_total None: Bonferroni, every look tested at alpha / K.
    planned_total N: linear alpha spending with a Bonferroni split: information fraction
    t_k = min(1, (n_a + n_b) / N), look k tested at alpha * (t_k - t_{k-1}) (t_{-1} = 0).
    A look rejects when its p-value <= its threshold; the first rejecting look stops the test.
    Returns (stop, z, p_value, threshold): stop = index of the stopping look or None; z, p_value
    and threshold of that look (of the last look when none rejects)."""
    looks = list(looks)
    if not looks:
        raise ValueError("need at least one look")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    if planned_total is not None and planned_total <= 0:
        raise ValueError("planned_total must be positive")
    k_total = len(looks)
    prev = (0, 0, 0, 0)
    spent = 0.0
    result = None
    for k, look in enumerate(looks):
        ca, na, cb, nb = (int(v) for v in look)
        if any(c < p for c, p in zip((ca, na, cb, nb), prev)):
            raise ValueError("looks must hold cumulative (non-decreasing) counts")
        prev = (ca, na, cb, nb)
        z, p = two_proportion_z_test(ca, na, cb, nb)
        if planned_total is None:
            threshold = alpha / k_total
        else:
            now = alpha * min(1.0, (na + nb) / planned_total)
            threshold, spent = now - spent, now
        result = (k, z, p, threshold)
        if p <= threshold:
            return result
    return (None,) + result[1:]
