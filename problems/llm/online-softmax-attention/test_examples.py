import numpy as np

from solution import online_softmax_attention

Q = np.array([[1.0, 0.0]])
K = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])
V = np.array([[1.0], [2.0], [3.0]])


def test_example_blocks_of_two():
    out = np.asarray(online_softmax_attention(Q, K, V, block_size=2))
    assert out.shape == (1, 1), f"expected shape (n_q, d_v) = (1, 1), got {out.shape}"
    np.testing.assert_allclose(out, [[2.2919799354741017]], rtol=1e-6, atol=1e-9)


def test_example_same_result_for_every_block_size():
    for b in (1, 2, 3, 128):
        np.testing.assert_allclose(np.asarray(online_softmax_attention(Q, K, V, block_size=b)), [[2.2919799354741017]],
                                   rtol=1e-6, atol=1e-9, err_msg=f"block_size={b}")
