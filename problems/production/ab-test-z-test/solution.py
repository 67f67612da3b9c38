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
