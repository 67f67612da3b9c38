import numpy as np

from solution import multi_head_attention

I = np.eye(2)
X = np.array([[[1.0, 0.0], [0.0, 1.0]]])
A, B = 0.6697615493266569, 0.3302384506733431        # softmax([1/sqrt(2), 0])


def _out(got):
    got = np.asarray(got)
    assert got.shape == (1, 2, 2), f"expected shape (B, T, d_model) = (1, 2, 2), got {got.shape}"
    return got


def test_example_one_head():
    np.testing.assert_allclose(_out(multi_head_attention(X, I, I, I, I, n_heads=1)), [[[A, B], [B, A]]], rtol=1e-6, atol=1e-9)


def test_example_causal_and_padding():
    np.testing.assert_allclose(_out(multi_head_attention(X, I, I, I, I, 1, causal=True)), [[[1.0, 0.0], [B, A]]], rtol=1e-6, atol=1e-9)
    pad = np.array([[True, False]])                  # True = real token, key 1 is padding
    np.testing.assert_allclose(_out(multi_head_attention(X, I, I, I, I, 1, key_padding_mask=pad)), [[[1.0, 0.0], [1.0, 0.0]]], rtol=1e-6, atol=1e-9)


def test_example_fully_masked_row_is_zero():
    pad = np.array([[False, True]])
    out = _out(multi_head_attention(X, I, I, I, I, 1, causal=True, key_padding_mask=pad))
    np.testing.assert_allclose(out, [[[0.0, 0.0], [0.0, 1.0]]], rtol=1e-6, atol=1e-9)
