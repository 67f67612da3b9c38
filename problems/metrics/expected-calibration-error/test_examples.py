import numpy as np
from solution import expected_calibration_error


def test_statement_example():
    got = expected_calibration_error([0, 1, 1, 0, 1, 1], [0.1, 0.25, 0.8, 0.6, 1.0, 0.0], n_bins=4)
    np.testing.assert_allclose(got, 0.4083333333333333, rtol=1e-6, atol=1e-9)


def test_single_bin_is_gap_of_means():
    got = expected_calibration_error([1, 0, 0, 1], [0.9, 0.2, 0.4, 0.7], n_bins=1)
    np.testing.assert_allclose(got, abs(0.5 - 0.55), rtol=1e-6, atol=1e-9)


def test_perfectly_calibrated_is_zero():
    # bin [0, 0.25]: four items at 0.25, one positive; bin (0.5, 0.75]: four at 0.75, three positive
    y_true = [1, 0, 0, 0, 1, 1, 1, 0]
    y_prob = [0.25] * 4 + [0.75] * 4
    got = expected_calibration_error(y_true, y_prob, n_bins=4)
    np.testing.assert_allclose(got, 0.0, rtol=1e-6, atol=1e-9)
