import math

from solution import two_proportion_z_test


def test_example_b_better():
    z, p = two_proportion_z_test(200, 1000, 250, 1000)
    se = math.sqrt(0.225 * 0.775 * (2 / 1000))
    assert math.isclose(z, 0.05 / se, rel_tol=1e-9), f"z = {z}"
    assert math.isclose(p, math.erfc(abs(0.05 / se) / math.sqrt(2)), rel_tol=1e-9), f"p = {p}"


def test_example_swapped_and_zero_variance():
    z, p = two_proportion_z_test(250, 1000, 200, 1000)
    assert z < 0, f"A better than B must give z < 0, got {z}"
    z0, p0 = two_proportion_z_test(0, 500, 0, 400)
    assert (float(z0), float(p0)) == (0.0, 1.0), f"zero variance: got {(z0, p0)}"
