import numpy as np


def conv2d(x, w, b, stride=1, padding=0):
    """Forward pass of a 2-D convolution layer (cross-correlation, kernel NOT flipped).

    Args:
        x: (N, C, H, W) float array.
        w: (F, C, KH, KW) float array of filters.
        b: (F,) float array, one bias per filter.
        stride: int >= 1, step in both spatial directions.
        padding: int >= 0, zeros added on every side (top, bottom, left, right).

    Returns:
        (N, F, H_out, W_out) float64 array with
        H_out = (H + 2*padding - KH) // stride + 1, W_out = (W + 2*padding - KW) // stride + 1,
        out[n, f, i, j] = b[f] + sum_{c,u,v} xpad[n, c, i*stride + u, j*stride + v] * w[f, c, u, v].
        Must be vectorised enough for x of shape (64, 3, 64, 64) with 16 3x3 filters.
        Inputs must not be modified.
    """
    raise NotImplementedError
