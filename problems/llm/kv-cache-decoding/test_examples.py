import numpy as np

from solution import KVCacheAttention

I = np.eye(2)


def test_example_prefill_then_step():
    layer = KVCacheAttention(I, I, I, I, np.zeros((4, 2)), n_heads=1)
    assert np.shape(layer.k_cache) == (1, 0, 2), f"empty cache should have shape (1, 0, 2), got {np.shape(layer.k_cache)}"
    out = np.asarray(layer.prefill(np.array([[1.0, 0.0]])))
    assert out.shape == (1, 2), f"prefill of one token: expected shape (1, 2), got {out.shape}"
    np.testing.assert_allclose(out, [[1.0, 0.0]], rtol=1e-6, atol=1e-9)
    out = np.asarray(layer.step(np.array([0.0, 1.0])))
    assert out.shape == (2,), f"step: expected shape (2,), got {out.shape}"
    np.testing.assert_allclose(out, [0.3302384506733431, 0.6697615493266569], rtol=1e-6, atol=1e-9)
    assert np.shape(layer.k_cache) == (1, 2, 2), f"after 2 tokens: expected k_cache shape (1, 2, 2), got {np.shape(layer.k_cache)}"


def test_example_step_equals_prefill_of_the_whole_sequence():
    rng = np.random.default_rng(0)
    Wq, Wk, Wv = rng.normal(size=(3, 4, 4))
    Wo, P = rng.normal(size=(4, 4)), rng.normal(size=(8, 4))
    x = rng.normal(size=(5, 4))
    full = np.asarray(KVCacheAttention(Wq, Wk, Wv, Wo, P, 2).prefill(x))
    layer = KVCacheAttention(Wq, Wk, Wv, Wo, P, 2)
    layer.prefill(x[:3])
    for t in (3, 4):
        np.testing.assert_allclose(np.asarray(layer.step(x[t])), full[t], rtol=1e-6, atol=1e-9)
