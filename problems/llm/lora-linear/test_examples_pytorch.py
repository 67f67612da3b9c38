import torch

from solution import lora_forward, lora_merge, lora_unmerge


def _t(rows):
    return torch.tensor(rows, dtype=torch.float64)


X = _t([[1.0, 2.0]])
W = _t([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
b = _t([0.0, 0.5, 0.0])
A = _t([[1.0, -1.0]])
B = _t([[1.0], [0.0], [2.0]])


def test_example_forward():
    y = lora_forward(X, W, b, A, B, alpha=2.0)
    assert tuple(y.shape) == (1, 3), f"expected shape (1, 3), got {tuple(y.shape)}"
    torch.testing.assert_close(y, _t([[-1.0, 2.5, -1.0]]), rtol=1e-7, atol=1e-9)


def test_example_merge():
    merged = lora_merge(W, A, B, alpha=2.0)
    assert tuple(merged.shape) == (3, 2), f"expected shape (3, 2), got {tuple(merged.shape)}"
    torch.testing.assert_close(merged, _t([[3.0, -2.0], [0.0, 1.0], [5.0, -3.0]]), rtol=1e-7, atol=1e-9)


def test_example_unmerge_round_trip():
    back = lora_unmerge(lora_merge(W, A, B, 2.0), A, B, 2.0)
    torch.testing.assert_close(back, W, rtol=1e-9, atol=1e-12)
