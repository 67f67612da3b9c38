import numpy as np


def log_loss(y_true, y_prob, eps=1e-15):
    y = np.asarray(y_true).ravel()
    p = np.asarray(y_prob, dtype=np.float64)
    if y.shape[0] == 0:
        raise ValueError("empty input")
    if p.ndim == 1:
        if p.shape[0] != y.shape[0]:
            raise ValueError("y_true and y_prob must have the same length")
        p = np.clip(p, eps, 1 - eps)
        yf = y.astype(np.float64)
        losses = -(yf * np.log(p) + (1.0 - yf) * np.log(1.0 - p))
    elif p.ndim == 2:
        if p.shape[0] != y.shape[0] or p.shape[1] < 2:
            raise ValueError("y_prob must have shape (n, K) with K >= 2")
        picked = p[np.arange(p.shape[0]), y.astype(np.intp)]
        losses = -np.log(np.clip(picked, eps, 1 - eps))
    else:
        raise ValueError("y_prob must be 1-D or 2-D")
    return float(losses.mean())
