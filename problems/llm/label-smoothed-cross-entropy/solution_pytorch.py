import torch
import torch.nn.functional as F


def label_smoothed_cross_entropy(logits, targets, epsilon=0.0, ignore_index=-100):
    """Mean label-smoothed cross-entropy with torch (reference, CPU): F.cross_entropy has the same
    conventions (eps / V smoothing, ignored positions out of the mean) except that it returns nan
    when no position is kept, where the statement asks for 0.0.

    logits: (N, V) float64 tensor; targets: (N,) int64 tensor. Raises ValueError on bad shapes."""
    if logits.dim() != 2 or targets.dim() != 1 or targets.shape[0] != logits.shape[0]:
        raise ValueError("expected logits (N, V) and targets (N,)")
    if not bool((targets != ignore_index).any()):
        return torch.zeros((), dtype=logits.dtype)
    return F.cross_entropy(logits, targets.long(), ignore_index=ignore_index,
                           label_smoothing=float(epsilon), reduction="mean")
