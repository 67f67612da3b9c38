import torch

from solution import rms_norm, rms_norm_backward

X = torch.tensor([[1.0, 7.0], [3.0, -3.0]], dtype=torch.float64)
GAIN = torch.tensor([1.0, 0.5], dtype=torch.float64)


def test_example_forward():
    y = rms_norm(X, GAIN, eps=0.0)
    assert isinstance(y, torch.Tensor), f"expected a tensor, got {type(y).__name__}"
    assert tuple(y.shape) == (2, 2), f"expected shape (2, 2), got {tuple(y.shape)}"
    expected = torch.tensor([[0.2, 0.7], [1.0, -0.5]], dtype=torch.float64)
    torch.testing.assert_close(y, expected, rtol=1e-6, atol=1e-9)


def test_example_backward():
    dx, dgain = rms_norm_backward(torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64), X, GAIN, eps=0.0)
    torch.testing.assert_close(dx, torch.tensor([[0.196, -0.028], [1 / 12, 1 / 12]], dtype=torch.float64),
                               rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(dgain, torch.tensor([0.2, -1.0], dtype=torch.float64), rtol=1e-6, atol=1e-9)


def test_example_eps_inside_sqrt():
    y = rms_norm(torch.tensor([0.3, -0.4], dtype=torch.float64), torch.ones(2, dtype=torch.float64), eps=0.25)
    rms = ((0.09 + 0.16) / 2 + 0.25) ** 0.5
    torch.testing.assert_close(y, torch.tensor([0.3 / rms, -0.4 / rms], dtype=torch.float64), rtol=1e-6, atol=1e-9)
