import torch


def lora_forward(x, W, b, A, B, alpha):
    """Forward pass of a linear layer with a LoRA adapter.

    Args:
        x: (..., d_in) float64 tensor (any number of leading dimensions, possibly none).
        W: (d_out, d_in) float64 tensor, the frozen base weight.
        b: (d_out,) float64 tensor or None (no bias).
        A: (r, d_in) float64 tensor (down-projection); r = A.shape[0].
        B: (d_out, r) float64 tensor (up-projection).
        alpha: float, the LoRA scaling numerator.

    Returns:
        New (..., d_out) float64 tensor: x W^T + b + (alpha / r) x A^T B^T. Inputs must not be modified.
    """
    raise NotImplementedError


def lora_merge(W, A, B, alpha):
    """Merged weight W + (alpha / r) B A as a NEW (d_out, d_in) tensor; W must not be modified."""
    raise NotImplementedError


def lora_unmerge(W_merged, A, B, alpha):
    """Inverse of lora_merge: W_merged - (alpha / r) B A as a NEW tensor."""
    raise NotImplementedError
