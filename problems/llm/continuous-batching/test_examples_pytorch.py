import torch

from solution import continuous_batching


def _check(got, n):
    assert isinstance(got, torch.Tensor), f"expected a tensor, got {type(got).__name__}"
    assert got.dtype == torch.int64, f"expected dtype torch.int64, got {got.dtype}"
    assert tuple(got.shape) == (n, 2), f"expected shape ({n}, 2), got {tuple(got.shape)}"
    return [tuple(row) for row in got.tolist()]


def test_example_budget_and_batch_size():
    requests = torch.tensor([[0, 6, 3], [0, 6, 2], [1, 2, 1], [1, 3, 1]], dtype=torch.int64)
    got = _check(continuous_batching(requests, 10, 2), 4)
    assert got == [(0, 2), (1, 2), (3, 3), (3, 3)], f"got {got}"


def test_example_empty():
    got = _check(continuous_batching(torch.empty((0, 3), dtype=torch.int64), 10, 2), 0)
    assert got == [], "no requests: a (0, 2) tensor"
