import numpy as np

from solution import apply_rope, rope_attention


def test_example_two_positions():
    x = np.array([[1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]])
    out = np.asarray(apply_rope(x, np.array([0, 1])))
    assert out.shape == (2, 4), f"expected shape (2, 4), got {out.shape}"
    np.testing.assert_allclose(out, [[1.0, 0.0, 1.0, 0.0],
                                     [0.5403023058681398, 0.8414709848078965, 0.9999500004166653, 0.009999833334166664]],
                               rtol=1e-7, atol=1e-9)


def test_example_counter_clockwise():
    out = np.asarray(apply_rope(np.array([[0.0, 1.0]]), np.array([2])))
    np.testing.assert_allclose(out, [[-0.9092974268256817, -0.4161468365471424]], rtol=1e-7, atol=1e-9)


def test_example_attention():
    q = np.array([[1.0, 0.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[1.0, 2.0], [3.0, 4.0]])
    out = np.asarray(rope_attention(q, k, v, np.array([1]), np.array([0, 1])))
    assert out.shape == (1, 2), f"expected shape (1, 2), got {out.shape}"
    np.testing.assert_allclose(out, [[1.8112644277767638, 2.8112644277767638]], rtol=1e-7, atol=1e-9)
    out = np.asarray(rope_attention(q, k, v, np.array([0]), np.array([0, 1])))
    np.testing.assert_allclose(out, [[1.0, 2.0]], rtol=1e-7, atol=1e-9)
