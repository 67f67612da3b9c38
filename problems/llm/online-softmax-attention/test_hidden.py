import math
import tracemalloc

import numpy as np

from mlprep_harness.checks import as_array as _as_array
from mlprep_harness.frameworks import framework, user_function
from solution import online_softmax_attention as _user_attn

_attn = user_function(_user_attn)

RTOL, ATOL = 1e-6, 1e-9
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")


def attn(Q, K, V, *args, **kwargs):
    """Your online_softmax_attention (arguments passed on as given, so the default block_size is
    tested), with its result checked to be a float array of shape (n_q, d_v) before use."""
    return _as_array(_attn(Q, K, V, *args, **kwargs), (np.shape(Q)[0], np.shape(V)[1]), "online_softmax_attention result")


def _ref(Q, K, V):
    """Full attention: the whole score matrix, a max-subtracted softmax per row."""
    s = Q @ K.T / math.sqrt(Q.shape[1])
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ V


def _qkv(seed, n_q, n_k, d, d_v, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_q, d)) * scale, rng.normal(size=(n_k, d)) * scale, rng.normal(size=(n_k, d_v))


def test_matches_full_attention():
    Q, K, V = _qkv(1, 7, 50, 8, 5)
    np.testing.assert_allclose(attn(Q, K, V, 16), _ref(Q, K, V), rtol=RTOL, atol=ATOL,
                               err_msg="n_q=7, n_k=50, block_size=16 (last block of 2 keys): differs from full attention")


def test_default_block_size_and_any_block_size_give_the_same_result():
    Q, K, V = _qkv(2, 9, 300, 6, 4)
    expected = _ref(Q, K, V)
    np.testing.assert_allclose(attn(Q, K, V), expected, rtol=RTOL, atol=ATOL,
                               err_msg="default block_size (128, n_k=300: blocks of 128, 128, 44) differs from full attention")
    for b in (1, 7, 299, 300, 1000):
        np.testing.assert_allclose(attn(Q, K, V, b), expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"block_size={b} differs from full attention (n_k=300)")


def test_running_max_rises_in_every_block():
    # Scores grow block after block, so the running maximum changes at every block: the old sum
    # and the old output accumulator must both be rescaled by exp(m_old - m_new).
    n_k, d = 40, 4
    Q = np.ones((3, d)) * np.array([[1.0], [0.5], [-0.25]])
    K = np.outer(np.linspace(-3, 6, n_k), np.ones(d))
    V = np.random.default_rng(3).normal(size=(n_k, 3))
    expected = _ref(Q, K, V)
    for b in (4, 5):
        np.testing.assert_allclose(attn(Q, K, V, b), expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"scores increasing across blocks (block_size={b}): rescale the running sum and "
                                           f"the accumulator when the maximum changes")
    K2 = K[::-1].copy()
    V2 = V[::-1].copy()
    np.testing.assert_allclose(attn(Q, K2, V2, 4), expected, rtol=RTOL, atol=ATOL,
                               err_msg="scores decreasing across blocks (block_size=4) differ from full attention")


def test_large_scores_are_stable():
    # scores from about -4000 to +4000, the largest in the last blocks
    Q, K, V = _qkv(4, 6, 64, 4, 3)
    K = K * np.linspace(1, 60, 64)[:, None]
    Q = Q * 40
    expected = _ref(Q, K, V)
    for b in (8, 64):
        with np.errstate(**STRICT):
            out = attn(Q, K, V, b)
        assert np.all(np.isfinite(out)), f"non-finite output for large scores (block_size={b})"
        np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL,
                                   err_msg=f"wrong result for scores of several thousand (block_size={b}): keep a running maximum")


def test_single_key_and_single_query():
    Q, K, V = _qkv(5, 1, 1, 3, 2)
    np.testing.assert_allclose(attn(Q, K, V, 4), V, rtol=RTOL, atol=ATOL, err_msg="one key: the output is its value")
    Q, K, V = _qkv(6, 1, 33, 3, 2)
    np.testing.assert_allclose(attn(Q, K, V, 8), _ref(Q, K, V), rtol=RTOL, atol=ATOL, err_msg="one query, 33 keys")


def test_scores_scaled_by_sqrt_d():
    d = 16
    Q = np.zeros((1, d)); Q[0, 0] = 2.0
    K = np.zeros((2, d)); K[0, 0] = 3.0                  # scores 6 / 4 = 1.5 and 0
    V = np.array([[1.0], [0.0]])
    w = 1 / (1 + math.exp(-1.5))
    np.testing.assert_allclose(attn(Q, K, V, 1), [[w]], rtol=RTOL, atol=ATOL,
                               err_msg="scores must be Q K^T / sqrt(d) with d = Q.shape[1]")


def test_block_size_below_one_raises_value_error():
    Q, K, V = _qkv(7, 2, 5, 3, 2)
    for b in (0, -3):
        try:
            _attn(Q, K, V, b)
        except ValueError:
            continue
        except Exception as e:  # noqa: BLE001 - name what was raised instead
            raise AssertionError(f"block_size={b} must raise ValueError, got {type(e).__name__}: {e}")
        raise AssertionError(f"block_size={b} must raise ValueError, nothing was raised")


def test_does_not_modify_inputs():
    Q, K, V = _qkv(8, 5, 20, 4, 3)
    saved = [a.copy() for a in (Q, K, V)]
    attn(Q, K, V, 6)
    for name, a, s in zip("QKV", (Q, K, V), saved):
        np.testing.assert_array_equal(a, s, err_msg=f"online_softmax_attention modified {name} in place")


N, DIM, BLOCK = 2048, 32, 64
LIMIT_MIB = 12          # the full 2048 x 2048 float64 score matrix is 32 MiB; one block of scores is 1 MiB


def _largest_torch_tensor(call):
    """Runs call() recording the element count of every tensor torch operations return (a
    TorchFunctionMode); returns (result, largest count). Fails if the fused
    scaled_dot_product_attention is called (the point is to write the blocks)."""
    import torch
    from torch.overrides import TorchFunctionMode

    largest = [0]
    fused = []

    class Record(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            if "scaled_dot_product_attention" in getattr(func, "__name__", ""):
                fused.append(func.__name__)
            out = func(*args, **(kwargs or {}))
            for t in (out if isinstance(out, (tuple, list)) else (out,)):
                if isinstance(t, torch.Tensor):
                    largest[0] = max(largest[0], t.numel())
            return out

    with Record():
        result = call()
    assert not fused, "scaled_dot_product_attention was called: write the blocks of keys yourself"
    return result, largest[0]


def test_memory_stays_linear_in_sequence_length():
    Q, K, V = _qkv(9, N, N, DIM, DIM)
    if framework() == "pytorch":
        # tracemalloc does not see torch's allocator: count the elements of every tensor made instead
        out, largest = _largest_torch_tensor(lambda: attn(Q, K, V, BLOCK))
        limit = N * N // 8
        assert largest <= limit, (
            f"n_q = n_k = {N}, block_size = {BLOCK}: a tensor of {largest:,} elements was created; at most "
            f"{limit:,} (1/8 of the {N}x{N} score matrix) is allowed: work one block of keys at a time")
    else:
        tracemalloc.start()
        try:
            out = attn(Q, K, V, BLOCK)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak <= LIMIT_MIB * 2**20, (
            f"n_q = n_k = {N}, d = {DIM}, block_size = {BLOCK}: peak memory during the call was {peak / 2**20:.1f} MiB, "
            f"the limit is {LIMIT_MIB} MiB (the full score matrix is 32 MiB, one block of scores 1 MiB): "
            f"never build the full (n_q, n_k) matrix")
    rows = np.arange(0, N, 97)
    np.testing.assert_allclose(out[rows], _ref(Q[rows], K, V), rtol=RTOL, atol=ATOL,
                               err_msg=f"n = {N}: the output differs from full attention")
