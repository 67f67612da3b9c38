import numpy as np
from solution import roc_auc


def test_example_no_ties():
    got = roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    np.testing.assert_allclose(got, 0.75, rtol=1e-7, atol=1e-9)


def test_example_tie_counts_half():
    got = roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    np.testing.assert_allclose(got, 0.875, rtol=1e-7, atol=1e-9,
                               err_msg="a tied positive/negative pair must count 0.5")


def test_example_all_equal_scores():
    got = roc_auc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3])
    np.testing.assert_allclose(got, 0.5, rtol=1e-7, atol=1e-9)


def test_example_single_class_raises():
    try:
        roc_auc([1, 1, 1], [0.2, 0.5, 0.9])
    except ValueError:
        return
    raise AssertionError("expected ValueError when y_true has only one class")
