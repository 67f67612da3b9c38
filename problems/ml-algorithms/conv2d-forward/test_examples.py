import numpy as np

from solution import conv2d

x = np.arange(16.0).reshape(1, 1, 4, 4)
w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
b = np.array([0.5])


def test_example_stride_1_no_padding():
    out = np.asarray(conv2d(x, w, b))
    assert out.shape == (1, 1, 3, 3), f"output shape {out.shape}, expected (1, 1, 3, 3)"
    np.testing.assert_allclose(out, np.full((1, 1, 3, 3), -4.5), rtol=1e-6, atol=1e-9,
                               err_msg="cross-correlation: the kernel must not be flipped")


def test_example_stride_2_padding_1():
    out = np.asarray(conv2d(x, w, b, stride=2, padding=1))
    assert out.shape == (1, 1, 3, 3), f"output shape {out.shape}, expected (1, 1, 3, 3)"
    expected = [[[[0.5, -1.5, 0.5], [-7.5, -4.5, 7.5], [0.5, 13.5, 15.5]]]]
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-9)
