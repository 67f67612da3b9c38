import torch


def quantize_int8(W):
    """Symmetric per-output-channel int8 quantisation.

    Args:
        W: (d_out, d_in) float64 tensor (one row per output channel). Must not be modified.

    Returns:
        (codes, scales): codes int8 (d_out, d_in) in [-127, 127], round-half-to-even of W / scale;
        scales float64 (d_out,) = max |W[row]| / 127, or 1.0 for an all-zero row.
    """
    raise NotImplementedError


def dequantize_int8(codes, scales):
    """codes * scales[:, None] as a float64 (d_out, d_in) tensor."""
    raise NotImplementedError


def quantize_int4(W, group_size):
    """Symmetric group-wise int4 quantisation along the input dimension.

    Args:
        W: (d_out, d_in) float64 tensor. Must not be modified.
        group_size: columns per group (consecutive); d_in must be a multiple, else ValueError.

    Returns:
        (codes, scales): codes int8 (d_out, d_in) in [-7, 7]; scales float64
        (d_out, d_in // group_size) = max |group| / 7, or 1.0 for an all-zero group.
    """
    raise NotImplementedError


def dequantize_int4(codes, scales, group_size):
    """Each code times its group's scale, as a float64 (d_out, d_in) tensor."""
    raise NotImplementedError
