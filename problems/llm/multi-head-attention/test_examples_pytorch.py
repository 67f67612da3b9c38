import torch

from solution import multi_head_attention

I = torch.eye(2, dtype=torch.float64)
X = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]], dtype=torch.float64)
A, B = 0.6697615493266569, 0.3302384506733431        # softmax([1/sqrt(2), 0])


def _check(got, expected):
    assert isinstance(got, torch.Tensor) and got.dtype == torch.float64, f"expected a float64 tensor, got {got!r}"
    assert tuple(got.shape) == (1, 2, 2), f"expected shape (B, T, d_model) = (1, 2, 2), got {tuple(got.shape)}"
    torch.testing.assert_close(got, torch.tensor(expected, dtype=torch.float64), rtol=1e-6, atol=1e-9)


def test_example_one_head():
    _check(multi_head_attention(X, I, I, I, I, n_heads=1), [[[A, B], [B, A]]])


def test_example_causal_and_padding():
    _check(multi_head_attention(X, I, I, I, I, 1, causal=True), [[[1.0, 0.0], [B, A]]])
    pad = torch.tensor([[True, False]])              # True = real token, key 1 is padding
    _check(multi_head_attention(X, I, I, I, I, 1, key_padding_mask=pad), [[[1.0, 0.0], [1.0, 0.0]]])


def test_example_fully_masked_row_is_zero():
    pad = torch.tensor([[False, True]])
    _check(multi_head_attention(X, I, I, I, I, 1, causal=True, key_padding_mask=pad), [[[0.0, 0.0], [0.0, 1.0]]])
