import numpy as np
from solution import fit_linear_regression


def test_simple_line():
    w, b = fit_linear_regression([[0], [1], [2], [3]], [1, 3, 5, 7])
    w = np.asarray(w, dtype=float)
    assert w.shape == (1,), f"weights shape {w.shape}, expected (1,)"
    np.testing.assert_allclose(w, [2.0], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(float(b), 1.0, rtol=1e-6, atol=1e-8)


def test_dummy_variable_trap():
    w, b = fit_linear_regression([[1, 0], [0, 1], [1, 0], [0, 1]], [1, 3, 2, 4])
    np.testing.assert_allclose(np.asarray(w, dtype=float), [-1.0, 1.0], rtol=1e-6, atol=1e-8,
                               err_msg="smallest-norm weights, bias not included in the norm")
    np.testing.assert_allclose(float(b), 2.5, rtol=1e-6, atol=1e-8)


def test_duplicate_columns():
    w, b = fit_linear_regression([[1, 1], [2, 2], [3, 3]], [2, 4, 6])
    np.testing.assert_allclose(np.asarray(w, dtype=float), [1.0, 1.0], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(float(b), 0.0, atol=1e-8)
