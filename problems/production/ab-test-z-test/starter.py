import math


def two_proportion_z_test(conv_a, n_a, conv_b, n_b):
    """Two-sided two-proportion z-test with a pooled standard error.

    Args:
        conv_a, n_a: conversions and users in variant A (ints, 0 <= conv_a <= n_a, n_a >= 1).
        conv_b, n_b: the same for variant B.

    Returns:
        (z, p_value) as floats:
        z = (p_b - p_a) / SE, with p_x = conv_x / n_x, pooled p = (conv_a + conv_b) / (n_a + n_b),
            SE = sqrt(p (1 - p) (1/n_a + 1/n_b)); z > 0 means B converts better.
        p_value = two-sided, from the standard normal: math.erfc(|z| / sqrt(2)).
        If SE == 0 (nobody or everybody converted) return (0.0, 1.0).
    Invalid counts (n <= 0, conv < 0, conv > n) raise ValueError.
    """
    raise NotImplementedError
