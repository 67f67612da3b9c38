import math

import numpy as np

from solution import label_smoothed_cross_entropy

LOGITS = np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0], [5.0, 1.0, -3.0]])
TARGETS = np.array([0, 2, -100])
ROW0_NLL = math.log(math.exp(2.0) + 2.0) - 2.0      # -log p[0] of row 0


def test_example_no_smoothing_ignores_the_last_row():
    got = float(label_smoothed_cross_entropy(LOGITS, TARGETS))
    np.testing.assert_allclose(got, (ROW0_NLL + math.log(3.0)) / 2, rtol=1e-7, atol=1e-10)


def test_example_smoothing_0_3():
    got = float(label_smoothed_cross_entropy(LOGITS, TARGETS, epsilon=0.3))
    row0 = 0.7 * ROW0_NLL + 0.1 * (ROW0_NLL + 2 * (ROW0_NLL + 2.0))   # -(eps/V) sum_j log p[j]
    np.testing.assert_allclose(got, (row0 + math.log(3.0)) / 2, rtol=1e-7, atol=1e-10)


def test_example_all_ignored_gives_zero():
    got = float(label_smoothed_cross_entropy(LOGITS, np.array([-100, -100, -100])))
    assert got == 0.0, f"expected 0.0 when every position is ignored, got {got}"
