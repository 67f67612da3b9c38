import numpy as np
from solution import log_loss


def test_example_binary():
    np.testing.assert_allclose(log_loss([1, 0, 0], [0.9, 0.4, 0.2]), 0.2797765635793423, rtol=1e-7, atol=1e-12)


def test_example_multiclass():
    P = [[0.7, 0.2, 0.1], [0.3, 0.2, 0.5], [0.2, 0.6, 0.2]]
    np.testing.assert_allclose(log_loss([0, 2, 1], P), 0.5202159160882228, rtol=1e-7, atol=1e-12)


def test_example_probability_one_is_clipped():
    got = log_loss([1, 0], [1.0, 1.0])
    assert np.isfinite(got), f"loss must be finite, got {got}"
    np.testing.assert_allclose(got, 17.26978799617044, rtol=1e-4)
