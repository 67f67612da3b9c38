import torch

from solution import attention

Q = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
K = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
V = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)


def t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def test_example_no_mask():
    out, w = attention(Q, K, V)
    assert tuple(out.shape) == (1, 2) and tuple(w.shape) == (1, 2), f"shapes {tuple(out.shape)}, {tuple(w.shape)}, expected (1, 2) and (1, 2)"
    torch.testing.assert_close(w, t([[0.6697615493266569, 0.3302384506733431]]), rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(out, t([[1.6604769013466862, 2.660476901346686]]), rtol=1e-6, atol=1e-9)


def test_example_mask_true_means_keep():
    out, w = attention(Q, K, V, mask=torch.tensor([[True, False]]))
    torch.testing.assert_close(w, t([[1.0, 0.0]]), rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(out, t([[1.0, 2.0]]), rtol=1e-6, atol=1e-9)


def test_example_fully_masked_row():
    out, w = attention(Q, K, V, mask=torch.tensor([[False, False]]))
    torch.testing.assert_close(w, t([[0.0, 0.0]]), rtol=0, atol=1e-12)
    torch.testing.assert_close(out, t([[0.0, 0.0]]), rtol=0, atol=1e-12)
