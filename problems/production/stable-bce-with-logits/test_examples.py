import numpy as np

from solution import bce_with_logits


def test_example_small():
    got = float(bce_with_logits([2.0, -1.0, 0.0], [1, 0, 1]))
    expected = (np.log1p(np.exp(-2.0)) + np.log1p(np.exp(-1.0)) + np.log(2.0)) / 3
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-12)


def test_example_extreme_logits():
    with np.errstate(all="raise"):
        got = float(bce_with_logits([1e4, -1e4], [0, 0]))
    np.testing.assert_allclose(got, 5000.0, rtol=1e-6, atol=1e-12)
