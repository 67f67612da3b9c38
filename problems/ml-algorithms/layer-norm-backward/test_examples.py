import numpy as np

from solution import layer_norm_backward, layer_norm_forward


def _example():
    x = np.array([[0.0, 0.0, 2.0, 2.0], [1.0, 5.0, 1.0, 5.0]])
    gamma = np.array([1.0, 2.0, 0.5, -1.0])
    beta = np.array([0.0, 1.0, 0.0, 0.5])
    return x, gamma, beta


def test_example_forward():
    x, gamma, beta = _example()
    out, _ = layer_norm_forward(x, gamma, beta, eps=0.0)
    out = np.asarray(out)
    assert out.shape == (2, 4), f"out shape {out.shape}, expected (2, 4)"
    np.testing.assert_allclose(out, [[-1.0, -1.0, 0.5, -0.5], [-1.0, 3.0, -0.5, -0.5]], rtol=1e-6, atol=1e-9)


def test_example_backward():
    x, gamma, beta = _example()
    _, cache = layer_norm_forward(x, gamma, beta, eps=0.0)
    dout = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
    dx, dgamma, dbeta = (np.asarray(a) for a in layer_norm_backward(dout, cache))
    assert dx.shape == (2, 4), f"dx shape {dx.shape}, expected (2, 4)"
    assert dgamma.shape == (4,) and dbeta.shape == (4,), \
        f"dgamma/dbeta shapes {dgamma.shape}, {dbeta.shape}, expected (4,)"
    np.testing.assert_allclose(dx, [[0.5, -0.5, 0.0, 0.0], [0.0, 0.5, 0.0, -0.5]], rtol=1e-6, atol=1e-9,
                               err_msg="dx")
    np.testing.assert_allclose(dgamma, [-1.0, 1.0, 0.0, 0.0], rtol=1e-6, atol=1e-9, err_msg="dgamma")
    np.testing.assert_allclose(dbeta, [1.0, 1.0, 0.0, 0.0], rtol=1e-6, atol=1e-9, err_msg="dbeta")
