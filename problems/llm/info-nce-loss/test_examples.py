import math

import numpy as np

from solution import info_nce_loss


def test_example_asymmetric_pair():
    a = np.array([[1.0, 0.0], [0.0, 1.0]])
    b = np.array([[1.0, 1.0], [0.0, 2.0]])
    r2 = math.sqrt(2.0)
    rows = (math.log1p(math.exp(-r2)) + (math.log(math.exp(r2) + math.exp(2.0)) - 2.0)) / 2
    cols = (math.log(2.0) + math.log1p(math.exp(-2.0))) / 2
    np.testing.assert_allclose(float(info_nce_loss(a, b, temperature=0.5)), (rows + cols) / 2, rtol=1e-7, atol=1e-10)


def test_example_aligned_orthogonal_pairs():
    a = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(float(info_nce_loss(a, a, temperature=0.5)), math.log1p(math.exp(-2.0)),
                               rtol=1e-7, atol=1e-10)
