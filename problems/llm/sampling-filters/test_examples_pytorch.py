import torch

from solution import filter_probs, sample_token

Z = torch.tensor([2.0, 1.0, 1.0, 0.0, -1.0], dtype=torch.float64)


def _check(got, expected):
    assert tuple(got.shape) == (5,), f"expected shape (5,), got {tuple(got.shape)}"
    torch.testing.assert_close(got, torch.tensor(expected, dtype=torch.float64), rtol=1e-7, atol=1e-12)


def test_example_plain_and_greedy():
    _check(filter_probs(Z), [0.5205943929937957, 0.19151597437154383, 0.19151597437154383,
                             0.07045478962720782, 0.02591886863590874])
    _check(filter_probs(Z, temperature=0), [1.0, 0.0, 0.0, 0.0, 0.0])


def test_example_filters():
    two = [0.7310585786300049, 0.26894142136999516, 0.0, 0.0, 0.0]
    _check(filter_probs(Z, top_k=2), two)
    _check(filter_probs(Z, top_p=0.7), two)
    _check(filter_probs(Z, min_p=0.3), [0.5761168847658291, 0.2119415576170855, 0.2119415576170855, 0.0, 0.0])
    _check(filter_probs(Z, top_k=3, top_p=0.75), two)


def test_example_sample_is_a_kept_token():
    token = sample_token(Z, torch.Generator().manual_seed(0), top_k=2)
    assert token in (0, 1), f"with top_k=2 only tokens 0 and 1 can be drawn, got {token!r}"
