"""Bug variant: no guard for an all-zero row: scale 0 and 0 / 0 (nan, a FloatingPointError under np.errstate). Caught by test_int8_all_zero_row_under_errstate and test_int4_all_zero_group_under_errstate."""
import numpy as np


def _scales(absmax, qmax):
    """absmax / qmax, with 1.0 where absmax is 0 (an all-zero row or group)."""
    return absmax / qmax


def quantize_int8(W):
    """Symmetric per-output-channel int8 quantisation (reference).

    W: (d_out, d_in) float array. Returns (codes, scales): codes int8 (d_out, d_in) in [-127, 127],
    scales float64 (d_out,) = max |W[row]| / 127 (1.0 for an all-zero row). Rounding: half to even.
    """
    W = np.asarray(W, dtype=np.float64)
    scales = _scales(np.abs(W).max(axis=1), 127.0)
    codes = np.clip(np.rint(W / scales[:, None]), -127, 127).astype(np.int8)
    return codes, scales


def dequantize_int8(codes, scales):
    """codes * scales per row, as float64 (reference)."""
    return codes.astype(np.float64) * np.asarray(scales, dtype=np.float64)[:, None]


def quantize_int4(W, group_size):
    """Symmetric group-wise int4 quantisation along the input dimension (reference).

    Groups are consecutive runs of group_size columns. Returns (codes, scales): codes int8
    (d_out, d_in) in [-7, 7], scales float64 (d_out, d_in // group_size) = max |group| / 7
    (1.0 for an all-zero group). Raises ValueError if d_in is not a multiple of group_size.
    """
    W = np.asarray(W, dtype=np.float64)
    d_out, d_in = W.shape
    if group_size < 1 or d_in % group_size != 0:
        raise ValueError("d_in = %d is not a multiple of group_size = %d" % (d_in, group_size))
    G = W.reshape(d_out, d_in // group_size, group_size)
    scales = _scales(np.abs(G).max(axis=2), 7.0)
    codes = np.clip(np.rint(G / scales[:, :, None]), -7, 7).astype(np.int8)
    return codes.reshape(d_out, d_in), scales


def dequantize_int4(codes, scales, group_size):
    """codes * the scale of each element's group, as float64 (reference)."""
    d_out, d_in = codes.shape
    G = codes.reshape(d_out, d_in // group_size, group_size).astype(np.float64)
    return (G * np.asarray(scales, dtype=np.float64)[:, :, None]).reshape(d_out, d_in)
