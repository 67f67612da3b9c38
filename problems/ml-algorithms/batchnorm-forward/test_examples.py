import numpy as np

from solution import batchnorm_forward


def test_example_training():
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    out, rm, rv = batchnorm_forward(x, gamma=np.ones(2), beta=np.zeros(2), eps=0.0)
    out, rm, rv = np.asarray(out), np.asarray(rm), np.asarray(rv)
    assert out.shape == (2, 2), f"out shape {out.shape}, expected (2, 2)"
    np.testing.assert_allclose(out, [[-1.0, -1.0], [1.0, 1.0]], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(rm, [0.2, 0.4], rtol=1e-6, atol=1e-9, err_msg="running mean")
    np.testing.assert_allclose(rv, [1.0, 1.3], rtol=1e-6, atol=1e-9, err_msg="running var")


def test_example_inference():
    out, rm, rv = batchnorm_forward(np.array([[2.2, 0.4]]), gamma=np.array([2.0, 1.0]), beta=np.array([0.5, 0.0]),
                                    eps=0.0, running_mean=np.array([0.2, 0.4]), running_var=np.array([4.0, 1.0]),
                                    training=False)
    out = np.asarray(out)
    assert out.shape == (1, 2), f"out shape {out.shape}, expected (1, 2)"
    np.testing.assert_allclose(out, [[2.5, 0.0]], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.asarray(rm), [0.2, 0.4], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(np.asarray(rv), [4.0, 1.0], rtol=1e-6, atol=1e-9)
