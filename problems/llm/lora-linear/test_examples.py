import numpy as np

from solution import lora_forward, lora_merge, lora_unmerge

X = np.array([[1.0, 2.0]])
W = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
b = np.array([0.0, 0.5, 0.0])
A = np.array([[1.0, -1.0]])
B = np.array([[1.0], [0.0], [2.0]])


def test_example_forward():
    y = np.asarray(lora_forward(X, W, b, A, B, alpha=2.0))
    assert y.shape == (1, 3), f"expected shape (1, 3), got {y.shape}"
    np.testing.assert_allclose(y, [[-1.0, 2.5, -1.0]], rtol=1e-7, atol=1e-9)


def test_example_merge():
    merged = np.asarray(lora_merge(W, A, B, alpha=2.0))
    assert merged.shape == (3, 2), f"expected shape (3, 2), got {merged.shape}"
    np.testing.assert_allclose(merged, [[3.0, -2.0], [0.0, 1.0], [5.0, -3.0]], rtol=1e-7, atol=1e-9)


def test_example_unmerge_round_trip():
    back = np.asarray(lora_unmerge(lora_merge(W, A, B, 2.0), A, B, 2.0))
    np.testing.assert_allclose(back, W, rtol=1e-9, atol=1e-12)
