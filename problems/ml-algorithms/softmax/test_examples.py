import numpy as np

from solution import softmax


def test_example_1d():
    out = np.asarray(softmax(np.array([1.0, 2.0, 3.0])))
    assert out.shape == (3,), f"expected shape (3,), got {out.shape}"
    np.testing.assert_allclose(out, [0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
                               rtol=1e-6, atol=1e-12)


def test_example_extreme_logits():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        out = np.asarray(softmax(np.array([1000.0, -1000.0])))
    np.testing.assert_allclose(out, [1.0, 0.0], rtol=1e-6, atol=1e-12)


def test_example_axis_0():
    out = np.asarray(softmax(np.array([[0.0, 0.0], [0.0, np.log(3.0)]]), axis=0))
    assert out.shape == (2, 2), f"expected shape (2, 2), got {out.shape}"
    np.testing.assert_allclose(out, [[0.5, 0.25], [0.5, 0.75]], rtol=1e-6, atol=1e-12)
