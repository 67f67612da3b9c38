import torch


def softmax(z, axis=-1):
    """Numerically stable softmax of `z` along `axis`, with torch operations.

    Args:
        z: torch.Tensor of real numbers, any shape with ndim >= 1, on the CPU
           (an integer tensor is treated as float64). Must not be modified.
        axis: dimension to normalise over (int, negative counts from the end). Default -1.

    Returns:
        torch.Tensor of float64, same shape as z; every slice along `axis` is >= 0
        and sums to 1. Must not overflow for logits like [1000, -1000] (underflow
        to 0.0 is fine).
    """
    raise NotImplementedError
