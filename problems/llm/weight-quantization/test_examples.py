import numpy as np

from solution import dequantize_int4, dequantize_int8, quantize_int4, quantize_int8


def test_example_int8():
    codes, scales = quantize_int8(np.array([[0.5, -1.27, 0.254], [0.0, 0.0, 0.0]]))
    codes, scales = np.asarray(codes), np.asarray(scales)
    assert codes.dtype == np.int8, f"codes dtype {codes.dtype}, expected int8"
    np.testing.assert_array_equal(codes, [[50, -127, 25], [0, 0, 0]])
    np.testing.assert_allclose(scales, [0.01, 1.0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.asarray(dequantize_int8(codes, scales)), [[0.5, -1.27, 0.25], [0.0, 0.0, 0.0]],
                               rtol=1e-9, atol=1e-12)


def test_example_ties_to_even():
    codes, _ = quantize_int8(np.array([[127.0, 2.5, -2.5, 1.5]]))
    np.testing.assert_array_equal(np.asarray(codes), [[127, 2, -2, 2]])


def test_example_int4_groups():
    codes, scales = quantize_int4(np.array([[0.7, -0.3, 0.1, 0.02, 2.0, 14.0, -3.2, 0.9]]), group_size=4)
    codes, scales = np.asarray(codes), np.asarray(scales)
    assert codes.dtype == np.int8, f"codes dtype {codes.dtype}, expected int8"
    np.testing.assert_array_equal(codes, [[7, -3, 1, 0, 1, 7, -2, 0]])
    np.testing.assert_allclose(scales, [[0.1, 2.0]], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.asarray(dequantize_int4(codes, scales, group_size=4)),
                               [[0.7, -0.3, 0.1, 0.0, 2.0, 14.0, -4.0, 0.0]], rtol=1e-9, atol=1e-12)
