import math

import torch

from solution import info_nce_loss


def _close(got, expected):
    got = float(got)
    assert abs(got - expected) <= 1e-10 + 1e-7 * abs(expected), f"expected {expected}, got {got}"


def test_example_asymmetric_pair():
    a = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    b = torch.tensor([[1.0, 1.0], [0.0, 2.0]], dtype=torch.float64)
    r2 = math.sqrt(2.0)
    rows = (math.log1p(math.exp(-r2)) + (math.log(math.exp(r2) + math.exp(2.0)) - 2.0)) / 2
    cols = (math.log(2.0) + math.log1p(math.exp(-2.0))) / 2
    _close(info_nce_loss(a, b, temperature=0.5), (rows + cols) / 2)


def test_example_aligned_orthogonal_pairs():
    a = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    _close(info_nce_loss(a, a, temperature=0.5), math.log1p(math.exp(-2.0)))
