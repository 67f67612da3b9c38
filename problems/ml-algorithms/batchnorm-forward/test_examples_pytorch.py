import torch

from solution import batchnorm_forward


def t(values):
    return torch.tensor(values, dtype=torch.float64)


def test_example_training():
    x = t([[1.0, 2.0], [3.0, 6.0]])
    out, rm, rv = batchnorm_forward(x, gamma=torch.ones(2, dtype=torch.float64), beta=torch.zeros(2, dtype=torch.float64), eps=0.0)
    assert tuple(out.shape) == (2, 2), f"out shape {tuple(out.shape)}, expected (2, 2)"
    torch.testing.assert_close(out, t([[-1.0, -1.0], [1.0, 1.0]]), rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(rm, t([0.2, 0.4]), rtol=1e-6, atol=1e-9, msg="running mean")
    torch.testing.assert_close(rv, t([1.0, 1.3]), rtol=1e-6, atol=1e-9, msg="running var")


def test_example_inference():
    out, rm, rv = batchnorm_forward(t([[2.2, 0.4]]), gamma=t([2.0, 1.0]), beta=t([0.5, 0.0]), eps=0.0,
                                    running_mean=t([0.2, 0.4]), running_var=t([4.0, 1.0]), training=False)
    assert tuple(out.shape) == (1, 2), f"out shape {tuple(out.shape)}, expected (1, 2)"
    torch.testing.assert_close(out, t([[2.5, 0.0]]), rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(rm, t([0.2, 0.4]), rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(rv, t([4.0, 1.0]), rtol=1e-6, atol=1e-9)
