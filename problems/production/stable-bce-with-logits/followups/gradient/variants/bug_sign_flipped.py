"""Bug: returns y - sigmoid(z), the negative gradient (the direction to step, not the gradient). Caught by test_matches_finite_differences and test_gradient_step_lowers_the_loss."""
import numpy as np


def bce_with_logits(logits, targets, pos_weight=None, reduction="mean"):
    """Binary cross-entropy from logits, without overflow, with an optional weight on the
    positive term (PyTorch's BCEWithLogitsLoss convention) and a reduction.

    loss_i = -(pos_weight * y_i * log sigmoid(z_i) + (1 - y_i) * log(1 - sigmoid(z_i)))
           = (1 - y_i) * z_i + (1 + (pos_weight - 1) * y_i) * softplus(-z_i)
    pos_weight: None (1), a scalar, or shape (C,) broadcast along the last axis. reduction:
    'mean' (over all elements, divided by their number), 'sum', or 'none' (float64 array)."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError("reduction must be 'mean', 'sum' or 'none', got %r" % (reduction,))
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    if z.shape != y.shape:
        raise ValueError(f"shape mismatch: logits {z.shape} vs targets {y.shape}")
    if z.size == 0:
        raise ValueError("empty input")
    if pos_weight is None:
        w = np.float64(1.0)
    else:
        w = np.asarray(pos_weight, dtype=np.float64)
        if w.ndim > 1 or (w.ndim == 1 and (z.ndim == 0 or w.shape[0] != z.shape[-1])):
            raise ValueError("pos_weight must be a scalar or have shape (logits.shape[-1],)")
        if np.any(w < 0):
            raise ValueError("pos_weight must be >= 0")
    with np.errstate(under="ignore"):
        softplus_neg = np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z)))    # -log sigmoid(z)
    loss = (1.0 - y) * z + (1.0 + (w - 1.0) * y) * softplus_neg
    if reduction == "none":
        return loss
    return float(loss.sum()) if reduction == "sum" else float(loss.mean())


def bce_with_logits_grad(logits, targets, pos_weight=None, reduction="mean"):
    """Gradient of bce_with_logits(logits, targets, pos_weight, reduction) with respect to the
    logits, same shape as logits (float64). reduction 'mean' or 'sum' (of the scalar loss).

    Per element d loss_i / d z_i = (1 + (w - 1) * y_i) * sigmoid(z_i) - w * y_i (sigmoid(z) - y when
    w = 1); 'mean' divides by the number of elements. The sigmoid is computed without overflow."""
    if reduction not in ("mean", "sum"):
        raise ValueError("reduction must be 'mean' or 'sum', got %r" % (reduction,))
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    if z.shape != y.shape:
        raise ValueError(f"shape mismatch: logits {z.shape} vs targets {y.shape}")
    if z.size == 0:
        raise ValueError("empty input")
    if pos_weight is None:
        w = np.float64(1.0)
    else:
        w = np.asarray(pos_weight, dtype=np.float64)
        if w.ndim > 1 or (w.ndim == 1 and (z.ndim == 0 or w.shape[0] != z.shape[-1])):
            raise ValueError("pos_weight must be a scalar or have shape (logits.shape[-1],)")
        if np.any(w < 0):
            raise ValueError("pos_weight must be >= 0")
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))                                   # in (0, 1]: never overflows
    sig = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    grad = w * y - (1.0 + (w - 1.0) * y) * sig
    grad = np.broadcast_to(grad, z.shape).astype(np.float64)
    return grad / z.size if reduction == "mean" else grad
