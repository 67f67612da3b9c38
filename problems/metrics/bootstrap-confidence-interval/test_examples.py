import numpy as np
from solution import bootstrap_ci

X = [2.0, 4.0, 4.0, 5.0, 7.0, 9.0]


def test_default_arguments():
    low, high = bootstrap_ci(X)
    np.testing.assert_allclose([low, high], [3.5, 6.837499999999996], rtol=1e-9, atol=1e-12)


def test_alpha_ten_percent():
    low, high = bootstrap_ci(X, alpha=0.1)
    np.testing.assert_allclose([low, high], [3.8333333333333335, 6.666666666666667], rtol=1e-9, atol=1e-12)


def test_median_statistic():
    low, high = bootstrap_ci(X, stat=np.median, n_boot=500, seed=1)
    np.testing.assert_allclose([low, high], [3.0, 8.0], rtol=1e-9, atol=1e-12)
