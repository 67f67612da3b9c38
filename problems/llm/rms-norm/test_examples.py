import numpy as np

from solution import rms_norm, rms_norm_backward

X = np.array([[1.0, 7.0], [3.0, -3.0]])
GAIN = np.array([1.0, 0.5])


def test_example_forward():
    y = np.asarray(rms_norm(X, GAIN, eps=0.0))
    assert y.shape == (2, 2), f"expected shape (2, 2), got {y.shape}"
    np.testing.assert_allclose(y, [[0.2, 0.7], [1.0, -0.5]], rtol=1e-6, atol=1e-9)


def test_example_backward():
    dx, dgain = rms_norm_backward(np.array([[1.0, 0.0], [0.0, 1.0]]), X, GAIN, eps=0.0)
    np.testing.assert_allclose(np.asarray(dx), [[0.196, -0.028], [1 / 12, 1 / 12]], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.asarray(dgain), [0.2, -1.0], rtol=1e-6, atol=1e-9)


def test_example_eps_inside_sqrt():
    y = np.asarray(rms_norm(np.array([0.3, -0.4]), np.ones(2), eps=0.25))
    rms = np.sqrt((0.09 + 0.16) / 2 + 0.25)
    np.testing.assert_allclose(y, [0.3 / rms, -0.4 / rms], rtol=1e-6, atol=1e-9)
