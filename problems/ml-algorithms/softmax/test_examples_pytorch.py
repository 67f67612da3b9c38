import math

import torch

from solution import softmax


def test_example_1d():
    out = softmax(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))
    assert isinstance(out, torch.Tensor), f"expected a tensor, got {type(out).__name__}"
    assert tuple(out.shape) == (3,), f"expected shape (3,), got {tuple(out.shape)}"
    torch.testing.assert_close(out, torch.tensor([0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
                                                 dtype=torch.float64), rtol=1e-6, atol=1e-12)


def test_example_extreme_logits():
    out = softmax(torch.tensor([1000.0, -1000.0], dtype=torch.float64))
    assert torch.isfinite(out).all(), f"non-finite output {out.tolist()}"
    torch.testing.assert_close(out, torch.tensor([1.0, 0.0], dtype=torch.float64), rtol=1e-6, atol=1e-12)


def test_example_axis_0():
    out = softmax(torch.tensor([[0.0, 0.0], [0.0, math.log(3.0)]], dtype=torch.float64), axis=0)
    assert tuple(out.shape) == (2, 2), f"expected shape (2, 2), got {tuple(out.shape)}"
    torch.testing.assert_close(out, torch.tensor([[0.5, 0.25], [0.5, 0.75]], dtype=torch.float64),
                               rtol=1e-6, atol=1e-12)
