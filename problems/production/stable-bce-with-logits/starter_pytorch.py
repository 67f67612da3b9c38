import torch


def bce_with_logits(logits, targets):
    """Mean binary cross-entropy from raw logits, with torch ops.

    Args:
        logits: float tensor, any shape, not empty (CPU; float32 or float64).
        targets: tensor of values in [0, 1] (hard 0/1 labels, possibly int64, or soft labels), same shape.

    Returns:
        float (or a 0-d tensor): mean over all elements of
            -( y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)) ),
        computed in float64 without overflow, inf or nan, even for |z| = 1e4.
        Different shapes or empty input raise ValueError. Do not modify the inputs.
    """
    raise NotImplementedError
