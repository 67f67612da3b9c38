import torch


def _inputs(logits, targets, pos_weight):
    """logits, targets and the positive weight as float64 tensors, checked: same shape, non-empty,
    pos_weight None (1), a scalar, or shape (logits.shape[-1],), never negative."""
    z = torch.as_tensor(logits, dtype=torch.float64)
    y = torch.as_tensor(targets, dtype=torch.float64)
    if z.shape != y.shape:
        raise ValueError(f"shape mismatch: logits {tuple(z.shape)} vs targets {tuple(y.shape)}")
    if z.numel() == 0:
        raise ValueError("empty input")
    if pos_weight is None:
        return z, y, torch.tensor(1.0, dtype=torch.float64)
    w = torch.as_tensor(pos_weight, dtype=torch.float64)
    if w.ndim > 1 or (w.ndim == 1 and (z.ndim == 0 or w.shape[0] != z.shape[-1])):
        raise ValueError("pos_weight must be a scalar or have shape (logits.shape[-1],)")
    if bool((w < 0).any()):
        raise ValueError("pos_weight must be >= 0")
    return z, y, w


def bce_with_logits(logits, targets, pos_weight=None, reduction="mean"):
    """Binary cross-entropy from logits with torch ops (PyTorch reference, parts 1 and 2), without
    overflow, with an optional weight on the positive term and a reduction.

    loss_i = -(w * y_i * log sigmoid(z_i) + (1 - y_i) * log(1 - sigmoid(z_i)))
           = (1 - y_i) * z_i + (1 + (w - 1) * y_i) * softplus(-z_i),
    softplus(-z) = max(-z, 0) + log1p(exp(-|z|)): the exponent is never positive, so nothing
    overflows (torch does not warn on underflow). pos_weight: None (1), a scalar, or a tensor of
    shape (C,) along the last axis, as torch.nn.BCEWithLogitsLoss. reduction: 'mean' (divided by
    the number of elements), 'sum' (Python floats) or 'none' (a float64 tensor of the logits' shape).

    Raises ValueError for an unknown reduction, different shapes, empty input, or a bad pos_weight."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError("reduction must be 'mean', 'sum' or 'none', got %r" % (reduction,))
    z, y, w = _inputs(logits, targets, pos_weight)
    softplus_neg = torch.clamp(-z, min=0.0) + torch.log1p(torch.exp(-z.abs()))    # -log sigmoid(z)
    loss = (1.0 - y) * z + (1.0 + (w - 1.0) * y) * softplus_neg
    if reduction == "none":
        return loss
    return float(loss.sum()) if reduction == "sum" else float(loss.mean())
