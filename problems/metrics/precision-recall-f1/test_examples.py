import numpy as np
from solution import precision_recall_f1


def _check(got, expected):
    got = tuple(float(v) for v in got)
    assert len(got) == 3, f"expected a tuple of 3 values, got {len(got)}"
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12,
                               err_msg="(precision, recall, f1) differ")


def test_example_balanced_errors():
    _check(precision_recall_f1([1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0]), (2 / 3, 2 / 3, 2 / 3))


def test_example_perfect_precision_half_recall():
    _check(precision_recall_f1([1, 1, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0]), (1.0, 0.5, 2 / 3))


def test_example_no_positives_anywhere():
    _check(precision_recall_f1([0, 0, 0], [0, 0, 0]), (0.0, 0.0, 0.0))
