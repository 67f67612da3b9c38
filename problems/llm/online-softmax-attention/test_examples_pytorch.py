import torch

from solution import online_softmax_attention

Q = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
K = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]], dtype=torch.float64)
V = torch.tensor([[1.0], [2.0], [3.0]], dtype=torch.float64)
EXPECTED = torch.tensor([[2.2919799354741017]], dtype=torch.float64)


def test_example_blocks_of_two():
    out = online_softmax_attention(Q, K, V, block_size=2)
    assert isinstance(out, torch.Tensor) and out.dtype == torch.float64, f"expected a float64 tensor, got {out!r}"
    assert tuple(out.shape) == (1, 1), f"expected shape (n_q, d_v) = (1, 1), got {tuple(out.shape)}"
    torch.testing.assert_close(out, EXPECTED, rtol=1e-6, atol=1e-9)


def test_example_same_result_for_every_block_size():
    for b in (1, 2, 3, 128):
        torch.testing.assert_close(online_softmax_attention(Q, K, V, block_size=b), EXPECTED, rtol=1e-6, atol=1e-9,
                                   msg=f"block_size={b}")
