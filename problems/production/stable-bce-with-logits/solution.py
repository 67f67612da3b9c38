import numpy as np


def bce_with_logits(logits, targets):
    """Mean binary cross-entropy computed from logits, without overflow."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    if z.shape != y.shape:
        raise ValueError(f"shape mismatch: logits {z.shape} vs targets {y.shape}")
    if z.size == 0:
        raise ValueError("empty input")
    # max(z, 0) - z*y + log(1 + exp(-|z|)); exp(-|z|) may underflow to 0, which is harmless
    with np.errstate(under="ignore"):
        loss = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(loss.mean())
