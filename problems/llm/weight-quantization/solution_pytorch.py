import torch


def _scales(absmax, qmax):
    """absmax / qmax, with 1.0 where absmax is 0."""
    return torch.where(absmax > 0, absmax, torch.full_like(absmax, qmax)) / qmax


def quantize_int8(W):
    """Symmetric per-output-channel int8 quantisation with torch ops (reference)."""
    scales = _scales(W.abs().amax(dim=1), 127.0)
    codes = torch.clamp(torch.round(W / scales[:, None]), -127, 127).to(torch.int8)
    return codes, scales


def dequantize_int8(codes, scales):
    """codes * scales per row, as float64 (reference)."""
    return codes.to(torch.float64) * scales.to(torch.float64)[:, None]


def quantize_int4(W, group_size):
    """Symmetric group-wise int4 quantisation along the input dimension with torch ops (reference)."""
    d_out, d_in = W.shape
    if group_size < 1 or d_in % group_size != 0:
        raise ValueError("d_in = %d is not a multiple of group_size = %d" % (d_in, group_size))
    G = W.reshape(d_out, d_in // group_size, group_size)
    scales = _scales(G.abs().amax(dim=2), 7.0)
    codes = torch.clamp(torch.round(G / scales[:, :, None]), -7, 7).to(torch.int8)
    return codes.reshape(d_out, d_in), scales


def dequantize_int4(codes, scales, group_size):
    """codes * the scale of each element's group, as float64 (reference)."""
    d_out, d_in = codes.shape
    G = codes.reshape(d_out, d_in // group_size, group_size).to(torch.float64)
    return (G * scales.to(torch.float64)[:, :, None]).reshape(d_out, d_in)
