import numpy as np
from solution import mlp_forward

W1 = np.array([[1.0, -1.0], [2.0, 0.0]])
b1 = np.array([0.0, 0.5])
W2 = np.eye(2)
b2 = np.array([0.0, 1.0])


def test_two_layer_example():
    x = np.array([[1.0, 1.0], [0.0, 0.0]])
    p = np.asarray(mlp_forward(x, [W1, W2], [b1, b2]))
    assert p.shape == (2, 2), f"output shape {p.shape}, expected (2, 2)"
    e2 = np.exp(2.0)
    e15 = np.exp(1.5)
    expected = np.array([[e2 / (e2 + 1), 1 / (e2 + 1)], [1 / (1 + e15), e15 / (1 + e15)]])
    np.testing.assert_allclose(p, expected, rtol=1e-6, atol=1e-12)


def test_single_layer_example_no_relu():
    p = np.asarray(mlp_forward(np.array([[1.0, 1.0]]), [W1], [b1]))
    e35 = np.exp(3.5)
    np.testing.assert_allclose(p, [[e35 / (e35 + 1), 1 / (e35 + 1)]], rtol=1e-6, atol=1e-12,
                               err_msg="with L=1 the logits [3, -0.5] must not go through ReLU")
