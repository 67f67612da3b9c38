import torch

from solution import speculative_accept


def _t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def _check(got, expected):
    assert tuple(got.shape) == (len(expected),), f"expected shape ({len(expected)},), got {tuple(got.shape)}"
    assert got.tolist() == expected, f"expected {expected}, got {got.tolist()}"


def test_example_all_accepted_then_bonus():
    q = _t([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])
    p = torch.vstack([q, _t([[0.0, 1.0, 0.0]])])
    _check(speculative_accept(torch.tensor([2, 0]), q, p, torch.Generator().manual_seed(0)), [2, 0, 1])


def test_example_rejected_token_the_target_never_produces():
    q = _t([[0.5, 0.5]])
    p = _t([[1.0, 0.0], [0.5, 0.5]])
    _check(speculative_accept(torch.tensor([1]), q, p, torch.Generator().manual_seed(0)), [0])


def test_example_accept_then_reject():
    q = _t([[0.5, 0.5], [0.5, 0.5]])
    p = _t([[0.9, 0.1], [1.0, 0.0], [0.5, 0.5]])
    _check(speculative_accept(torch.tensor([0, 1]), q, p, torch.Generator().manual_seed(0)), [0, 0])
