import torch


def lora_forward(x, W, b, A, B, alpha):
    """LoRA linear layer with torch ops: y = x W^T + b + (alpha / r) x A^T B^T (reference)."""
    scale = alpha / A.shape[0]
    y = torch.nn.functional.linear(x, W, b)
    return y + scale * ((x @ A.T) @ B.T)


def lora_merge(W, A, B, alpha):
    """W + (alpha / r) B A as a new tensor (reference)."""
    return W + (alpha / A.shape[0]) * (B @ A)


def lora_unmerge(W_merged, A, B, alpha):
    """W_merged - (alpha / r) B A as a new tensor (reference)."""
    return W_merged - (alpha / A.shape[0]) * (B @ A)
