import torch

from solution import layer_norm_backward, layer_norm_forward


def t(values):
    return torch.tensor(values, dtype=torch.float64)


def _example():
    return t([[0.0, 0.0, 2.0, 2.0], [1.0, 5.0, 1.0, 5.0]]), t([1.0, 2.0, 0.5, -1.0]), t([0.0, 1.0, 0.0, 0.5])


def test_example_forward():
    x, gamma, beta = _example()
    out, _ = layer_norm_forward(x, gamma, beta, eps=0.0)
    assert tuple(out.shape) == (2, 4), f"out shape {tuple(out.shape)}, expected (2, 4)"
    torch.testing.assert_close(out, t([[-1.0, -1.0, 0.5, -0.5], [-1.0, 3.0, -0.5, -0.5]]), rtol=1e-6, atol=1e-9)


def test_example_backward():
    x, gamma, beta = _example()
    _, cache = layer_norm_forward(x, gamma, beta, eps=0.0)
    dx, dgamma, dbeta = layer_norm_backward(t([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]]), cache)
    assert tuple(dx.shape) == (2, 4), f"dx shape {tuple(dx.shape)}, expected (2, 4)"
    assert tuple(dgamma.shape) == (4,) and tuple(dbeta.shape) == (4,), \
        f"dgamma/dbeta shapes {tuple(dgamma.shape)}, {tuple(dbeta.shape)}, expected (4,)"
    torch.testing.assert_close(dx, t([[0.5, -0.5, 0.0, 0.0], [0.0, 0.5, 0.0, -0.5]]), rtol=1e-6, atol=1e-9, msg="dx")
    torch.testing.assert_close(dgamma, t([-1.0, 1.0, 0.0, 0.0]), rtol=1e-6, atol=1e-9, msg="dgamma")
    torch.testing.assert_close(dbeta, t([1.0, 1.0, 0.0, 0.0]), rtol=1e-6, atol=1e-9, msg="dbeta")
