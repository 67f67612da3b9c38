import math

import torch

from solution import mlp_forward

W1 = torch.tensor([[1.0, -1.0], [2.0, 0.0]], dtype=torch.float64)
b1 = torch.tensor([0.0, 0.5], dtype=torch.float64)
W2 = torch.eye(2, dtype=torch.float64)
b2 = torch.tensor([0.0, 1.0], dtype=torch.float64)


def test_two_layer_example():
    x = torch.tensor([[1.0, 1.0], [0.0, 0.0]], dtype=torch.float64)
    p = mlp_forward(x, [W1, W2], [b1, b2])
    assert isinstance(p, torch.Tensor), f"expected a tensor, got {type(p).__name__}"
    assert tuple(p.shape) == (2, 2), f"output shape {tuple(p.shape)}, expected (2, 2)"
    e2, e15 = math.exp(2.0), math.exp(1.5)
    expected = torch.tensor([[e2 / (e2 + 1), 1 / (e2 + 1)], [1 / (1 + e15), e15 / (1 + e15)]], dtype=torch.float64)
    torch.testing.assert_close(p, expected, rtol=1e-6, atol=1e-12)


def test_single_layer_example_no_relu():
    p = mlp_forward(torch.tensor([[1.0, 1.0]], dtype=torch.float64), [W1], [b1])
    e35 = math.exp(3.5)
    torch.testing.assert_close(p, torch.tensor([[e35 / (e35 + 1), 1 / (e35 + 1)]], dtype=torch.float64),
                               rtol=1e-6, atol=1e-12, msg="with L=1 the logits [3, -0.5] must not go through ReLU")
