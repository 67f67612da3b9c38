import torch


def label_smoothed_cross_entropy(logits, targets, epsilon=0.0, ignore_index=-100):
    """Mean token cross-entropy with label smoothing and an ignore index, with torch tensors.

    Args:
        logits: float64 tensor (N, V), unnormalised scores; N may be 0.
        targets: int64 tensor (N,), class ids in 0..V-1 or ignore_index.
        epsilon: label smoothing in [0, 1]; target distribution (1 - eps) * onehot + eps / V.
        ignore_index: positions with this target are excluded from the loss and the mean.

    Returns:
        0-d float64 tensor (or float): mean over kept positions of
        -(1-eps) log p[t] - (eps/V) sum_j log p[j]; 0.0 when no position is kept.
        Stable for logits of ±1e4. Raises ValueError if logits is not 2-D or targets is not
        1-D of length N. Inputs are not modified.
    """
    raise NotImplementedError
