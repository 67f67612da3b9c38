import torch

from solution import apply_rope, rope_attention


def _t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def test_example_two_positions():
    x = _t([[1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]])
    out = apply_rope(x, torch.tensor([0, 1]))
    assert tuple(out.shape) == (2, 4), f"expected shape (2, 4), got {tuple(out.shape)}"
    torch.testing.assert_close(out, _t([[1.0, 0.0, 1.0, 0.0],
                                        [0.5403023058681398, 0.8414709848078965, 0.9999500004166653, 0.009999833334166664]]),
                               rtol=1e-7, atol=1e-9)


def test_example_counter_clockwise():
    out = apply_rope(_t([[0.0, 1.0]]), torch.tensor([2]))
    torch.testing.assert_close(out, _t([[-0.9092974268256817, -0.4161468365471424]]), rtol=1e-7, atol=1e-9)


def test_example_attention():
    q = _t([[1.0, 0.0]])
    k = _t([[1.0, 0.0], [0.0, 1.0]])
    v = _t([[1.0, 2.0], [3.0, 4.0]])
    out = rope_attention(q, k, v, torch.tensor([1]), torch.tensor([0, 1]))
    assert tuple(out.shape) == (1, 2), f"expected shape (1, 2), got {tuple(out.shape)}"
    torch.testing.assert_close(out, _t([[1.8112644277767638, 2.8112644277767638]]), rtol=1e-7, atol=1e-9)
    out = rope_attention(q, k, v, torch.tensor([0]), torch.tensor([0, 1]))
    torch.testing.assert_close(out, _t([[1.0, 2.0]]), rtol=1e-7, atol=1e-9)
