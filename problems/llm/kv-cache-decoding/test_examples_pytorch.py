import torch

from solution import KVCacheAttention

I = torch.eye(2, dtype=torch.float64)


def test_example_prefill_then_step():
    layer = KVCacheAttention(I, I, I, I, torch.zeros((4, 2), dtype=torch.float64), n_heads=1)
    assert tuple(layer.k_cache.shape) == (1, 0, 2), f"empty cache should have shape (1, 0, 2), got {tuple(layer.k_cache.shape)}"
    out = layer.prefill(torch.tensor([[1.0, 0.0]], dtype=torch.float64))
    assert tuple(out.shape) == (1, 2), f"prefill of one token: expected shape (1, 2), got {tuple(out.shape)}"
    torch.testing.assert_close(out, torch.tensor([[1.0, 0.0]], dtype=torch.float64), rtol=1e-6, atol=1e-9)
    out = layer.step(torch.tensor([0.0, 1.0], dtype=torch.float64))
    assert tuple(out.shape) == (2,), f"step: expected shape (2,), got {tuple(out.shape)}"
    torch.testing.assert_close(out, torch.tensor([0.3302384506733431, 0.6697615493266569], dtype=torch.float64), rtol=1e-6, atol=1e-9)
    assert tuple(layer.k_cache.shape) == (1, 2, 2), f"after 2 tokens: expected k_cache shape (1, 2, 2), got {tuple(layer.k_cache.shape)}"


def test_example_step_equals_prefill_of_the_whole_sequence():
    g = torch.Generator().manual_seed(0)
    Wq, Wk, Wv = torch.randn((3, 4, 4), generator=g, dtype=torch.float64)
    Wo, P = torch.randn((4, 4), generator=g, dtype=torch.float64), torch.randn((8, 4), generator=g, dtype=torch.float64)
    x = torch.randn((5, 4), generator=g, dtype=torch.float64)
    full = KVCacheAttention(Wq, Wk, Wv, Wo, P, 2).prefill(x)
    layer = KVCacheAttention(Wq, Wk, Wv, Wo, P, 2)
    layer.prefill(x[:3])
    for t in (3, 4):
        torch.testing.assert_close(layer.step(x[t]), full[t], rtol=1e-6, atol=1e-9)
