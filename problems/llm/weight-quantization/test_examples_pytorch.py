import torch

from solution import dequantize_int4, dequantize_int8, quantize_int4, quantize_int8


def _t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def test_example_int8():
    codes, scales = quantize_int8(_t([[0.5, -1.27, 0.254], [0.0, 0.0, 0.0]]))
    assert codes.dtype == torch.int8, f"codes dtype {codes.dtype}, expected torch.int8"
    assert codes.tolist() == [[50, -127, 25], [0, 0, 0]], f"codes {codes.tolist()}"
    torch.testing.assert_close(scales, _t([0.01, 1.0]), rtol=1e-9, atol=1e-12)
    torch.testing.assert_close(dequantize_int8(codes, scales), _t([[0.5, -1.27, 0.25], [0.0, 0.0, 0.0]]),
                               rtol=1e-9, atol=1e-12)


def test_example_ties_to_even():
    codes, _ = quantize_int8(_t([[127.0, 2.5, -2.5, 1.5]]))
    assert codes.tolist() == [[127, 2, -2, 2]], f"codes {codes.tolist()}"


def test_example_int4_groups():
    codes, scales = quantize_int4(_t([[0.7, -0.3, 0.1, 0.02, 2.0, 14.0, -3.2, 0.9]]), group_size=4)
    assert codes.dtype == torch.int8, f"codes dtype {codes.dtype}, expected torch.int8"
    assert codes.tolist() == [[7, -3, 1, 0, 1, 7, -2, 0]], f"codes {codes.tolist()}"
    torch.testing.assert_close(scales, _t([[0.1, 2.0]]), rtol=1e-9, atol=1e-12)
    torch.testing.assert_close(dequantize_int4(codes, scales, group_size=4),
                               _t([[0.7, -0.3, 0.1, 0.0, 2.0, 14.0, -4.0, 0.0]]), rtol=1e-9, atol=1e-12)
