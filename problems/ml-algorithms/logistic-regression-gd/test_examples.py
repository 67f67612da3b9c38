import numpy as np
from solution import fit_logistic_regression, predict_proba


def test_one_epoch_by_hand():
    X = np.array([[1.0], [-1.0]])
    y = np.array([1, 0])
    w, b = fit_logistic_regression(X, y, lr=0.5, epochs=1)
    w = np.asarray(w)
    assert w.shape == (1,), f"weights shape {w.shape}, expected (1,)"
    np.testing.assert_allclose(w, [0.25], rtol=1e-6, atol=1e-9, err_msg="weights after one epoch")
    np.testing.assert_allclose(float(b), 0.0, rtol=1e-6, atol=1e-9, err_msg="bias after one epoch")
    p = np.asarray(predict_proba(X, w, b))
    np.testing.assert_allclose(p, [0.5621765008857981, 0.43782349911420193], rtol=1e-6, atol=1e-9)


def test_default_run():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    w, b = fit_logistic_regression(X, y)
    np.testing.assert_allclose(np.asarray(w), [3.08260413, 1.33546504], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(float(b), -4.911408068107658, rtol=1e-6, atol=1e-9)
