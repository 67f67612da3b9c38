import math

import torch

from solution import bce_with_logits


def test_example_small():
    got = float(bce_with_logits(torch.tensor([2.0, -1.0, 0.0], dtype=torch.float64), torch.tensor([1, 0, 1])))
    expected = (math.log1p(math.exp(-2.0)) + math.log1p(math.exp(-1.0)) + math.log(2.0)) / 3
    assert math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-12), f"got {got}, expected {expected}"


def test_example_extreme_logits():
    got = float(bce_with_logits(torch.tensor([1e4, -1e4], dtype=torch.float64), torch.tensor([0.0, 0.0], dtype=torch.float64)))
    assert math.isclose(got, 5000.0, rel_tol=1e-6, abs_tol=1e-12), f"got {got}, expected 5000.0"
