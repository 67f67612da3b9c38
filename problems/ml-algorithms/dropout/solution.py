import numpy as np


def dropout(x, p, training=True, seed=0):
    """Inverted dropout forward pass (reference)."""
    x = np.asarray(x, dtype=np.float64)
    if not training or p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    if p >= 1:
        return np.zeros(x.shape, dtype=np.float64), np.zeros(x.shape, dtype=bool)
    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) >= p          # kept with probability 1 - p
    out = np.where(mask, x / (1.0 - p), 0.0)
    return out, mask
