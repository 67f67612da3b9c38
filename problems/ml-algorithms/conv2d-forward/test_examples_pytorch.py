import torch

from solution import conv2d

x = torch.arange(16.0, dtype=torch.float64).reshape(1, 1, 4, 4)
w = torch.tensor([[[[1.0, 0.0], [0.0, -1.0]]]], dtype=torch.float64)
b = torch.tensor([0.5], dtype=torch.float64)


def test_example_stride_1_no_padding():
    out = conv2d(x, w, b)
    assert tuple(out.shape) == (1, 1, 3, 3), f"output shape {tuple(out.shape)}, expected (1, 1, 3, 3)"
    torch.testing.assert_close(out, torch.full((1, 1, 3, 3), -4.5, dtype=torch.float64), rtol=1e-6, atol=1e-9,
                               msg="cross-correlation: the kernel must not be flipped")


def test_example_stride_2_padding_1():
    out = conv2d(x, w, b, stride=2, padding=1)
    assert tuple(out.shape) == (1, 1, 3, 3), f"output shape {tuple(out.shape)}, expected (1, 1, 3, 3)"
    expected = torch.tensor([[[[0.5, -1.5, 0.5], [-7.5, -4.5, 7.5], [0.5, 13.5, 15.5]]]], dtype=torch.float64)
    torch.testing.assert_close(out, expected, rtol=1e-6, atol=1e-9)
