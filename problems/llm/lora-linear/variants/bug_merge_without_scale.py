"""Bug variant: merge adds B @ A without the alpha / r scale (the forward pass scales correctly), so merged outputs differ. Caught by test_merged_weight_gives_the_same_outputs and the example."""
import numpy as np


def lora_forward(x, W, b, A, B, alpha):
    """LoRA linear layer (Hu et al., 2021): y = x W^T + b + (alpha / r) x A^T B^T (reference).

    x: (..., d_in); W: (d_out, d_in); b: (d_out,) or None; A: (r, d_in); B: (d_out, r).
    Returns a new float64 array of shape (..., d_out). The low-rank path costs O(r (d_in + d_out)) per row.
    """
    x = np.asarray(x, dtype=np.float64)
    scale = alpha / A.shape[0]
    y = x @ W.T + scale * ((x @ A.T) @ B.T)
    if b is not None:
        y = y + b
    return y


def lora_merge(W, A, B, alpha):
    """W + (alpha / r) B A as a new (d_out, d_in) float64 array; W is not modified (reference)."""
    return W + B @ A


def lora_unmerge(W_merged, A, B, alpha):
    """W_merged - (alpha / r) B A as a new array: recovers the base weight (reference)."""
    return W_merged - (alpha / A.shape[0]) * (B @ A)
