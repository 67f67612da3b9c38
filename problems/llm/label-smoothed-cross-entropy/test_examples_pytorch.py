import math

import torch

from solution import label_smoothed_cross_entropy

LOGITS = torch.tensor([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0], [5.0, 1.0, -3.0]], dtype=torch.float64)
TARGETS = torch.tensor([0, 2, -100], dtype=torch.int64)
ROW0_NLL = math.log(math.exp(2.0) + 2.0) - 2.0      # -log p[0] of row 0


def _close(got, expected):
    got = float(got)
    assert abs(got - expected) <= 1e-10 + 1e-7 * abs(expected), f"expected {expected}, got {got}"


def test_example_no_smoothing_ignores_the_last_row():
    _close(label_smoothed_cross_entropy(LOGITS, TARGETS), (ROW0_NLL + math.log(3.0)) / 2)


def test_example_smoothing_0_3():
    row0 = 0.7 * ROW0_NLL + 0.1 * (ROW0_NLL + 2 * (ROW0_NLL + 2.0))
    _close(label_smoothed_cross_entropy(LOGITS, TARGETS, epsilon=0.3), (row0 + math.log(3.0)) / 2)


def test_example_all_ignored_gives_zero():
    got = float(label_smoothed_cross_entropy(LOGITS, torch.tensor([-100, -100, -100])))
    assert got == 0.0, f"expected 0.0 when every position is ignored, got {got}"
