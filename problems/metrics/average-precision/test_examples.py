import numpy as np
from solution import average_precision, mean_average_precision


def test_tied_scores_example():
    got = average_precision([1, 0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.7, 0.4, 0.4])
    np.testing.assert_allclose(got, 2.0 / 3.0, rtol=1e-6, atol=1e-9)


def test_no_ties_example():
    got = average_precision([0, 1, 1], [0.1, 0.9, 0.5])
    np.testing.assert_allclose(got, 1.0, rtol=1e-6, atol=1e-9)


def test_map_example():
    got = mean_average_precision(
        [[1, 0, 1, 0, 1, 0], [0, 1, 1], [0, 0]],
        [[0.9, 0.8, 0.7, 0.7, 0.4, 0.4], [0.1, 0.9, 0.5], [0.3, 0.2]],
    )
    np.testing.assert_allclose(got, (2.0 / 3.0 + 1.0 + 0.0) / 3.0, rtol=1e-6, atol=1e-9)
