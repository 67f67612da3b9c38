import math

import numpy as np

from solution import population_stability_index


def test_example_shift():
    got = float(population_stability_index(np.arange(10), [0, 1, 2, 3, 3, 3, 5, 8, 9, 20], bins=4))
    np.testing.assert_allclose(got, 0.1 * math.log(3), rtol=1e-6, atol=1e-9)


def test_example_empty_bin_epsilon():
    got = float(population_stability_index(np.arange(10), [0, 1, 2, 3, 3, 3, 3, 8, 9, 20], bins=4))
    expected = 0.2 * math.log(2) + (1e-4 - 0.2) * math.log(1e-4 / 0.2)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)
