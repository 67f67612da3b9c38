import numpy as np

from solution import mse_gradient, sgd_linear_regression


def test_example_gradient():
    gw, gb = mse_gradient(np.array([[1.0], [2.0]]), np.array([1.0, 1.0]), np.array([0.0]), 0.0)
    gw = np.asarray(gw)
    assert gw.shape == (1,), f"grad_w shape {gw.shape}, expected (1,)"
    np.testing.assert_allclose(gw, [-3.0], rtol=1e-6, atol=1e-9, err_msg="grad_w")
    np.testing.assert_allclose(float(gb), -2.0, rtol=1e-6, atol=1e-9, err_msg="grad_b")


def test_example_one_full_batch_step():
    w, b = sgd_linear_regression(np.array([[1.0], [2.0]]), np.array([2.0, 4.0]), lr=0.1, epochs=1, batch_size=2)
    w = np.asarray(w)
    assert w.shape == (1,), f"w shape {w.shape}, expected (1,)"
    np.testing.assert_allclose(w, [1.0], rtol=1e-6, atol=1e-9, err_msg="w")
    np.testing.assert_allclose(float(b), 0.6, rtol=1e-6, atol=1e-9, err_msg="b")


def test_example_converges_to_line():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    w, b = sgd_linear_regression(X, 2 * X[:, 0] + 1, lr=0.1, epochs=200, batch_size=2)
    np.testing.assert_allclose(np.asarray(w), [2.0], atol=1e-6, err_msg="w")
    np.testing.assert_allclose(float(b), 1.0, atol=1e-6, err_msg="b")
