import numpy as np
from solution import pca


def _check_up_to_sign(C, expected):
    C = np.asarray(C, dtype=float)
    expected = np.asarray(expected, dtype=float)
    assert C.shape == expected.shape, f"components shape {C.shape}, expected {expected.shape}"
    for i in range(len(expected)):
        cos = abs(float(C[i] @ expected[i]))
        assert abs(cos - 1.0) < 1e-6, f"component {i} is not parallel to the expected direction (|cos| = {cos:.6f})"


def test_axis_aligned_example():
    X = np.array([[2, 0], [0, 0], [-2, 0], [0, 1], [0, -1]])
    C, r = pca(X, 2)
    _check_up_to_sign(C, [[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(np.asarray(r, dtype=float), [0.8, 0.2], rtol=1e-6, atol=1e-10)
    C1, r1 = pca(X, 1)
    _check_up_to_sign(C1, [[1.0, 0.0]])
    np.testing.assert_allclose(np.asarray(r1, dtype=float), [0.8], rtol=1e-6, atol=1e-10)


def test_correlated_example():
    C, r = pca(np.array([[1.0, 2.0], [3.0, 3.0], [5.0, 7.0], [7.0, 8.0]]), 1)
    _check_up_to_sign(C, [[0.65760429, 0.75336353]])
    np.testing.assert_allclose(np.asarray(r, dtype=float), [0.98268703], rtol=1e-6, atol=1e-10)
