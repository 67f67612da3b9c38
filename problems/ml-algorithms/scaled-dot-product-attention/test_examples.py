import numpy as np

from solution import attention

Q = np.array([[1.0, 0.0]])
K = np.array([[1.0, 0.0], [0.0, 1.0]])
V = np.array([[1.0, 2.0], [3.0, 4.0]])


def test_example_no_mask():
    out, w = attention(Q, K, V)
    out, w = np.asarray(out), np.asarray(w)
    assert out.shape == (1, 2) and w.shape == (1, 2), f"shapes {out.shape}, {w.shape}, expected (1, 2) and (1, 2)"
    np.testing.assert_allclose(w, [[0.6697615493266569, 0.3302384506733431]], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(out, [[1.6604769013466862, 2.660476901346686]], rtol=1e-6, atol=1e-9)


def test_example_mask_true_means_keep():
    out, w = attention(Q, K, V, mask=np.array([[True, False]]))
    np.testing.assert_allclose(np.asarray(w), [[1.0, 0.0]], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.asarray(out), [[1.0, 2.0]], rtol=1e-6, atol=1e-9)


def test_example_fully_masked_row():
    out, w = attention(Q, K, V, mask=np.array([[False, False]]))
    np.testing.assert_allclose(np.asarray(w), [[0.0, 0.0]], atol=1e-12)
    np.testing.assert_allclose(np.asarray(out), [[0.0, 0.0]], atol=1e-12)
