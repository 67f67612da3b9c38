import numpy as np


def dropout(x, p, training=True, seed=0):
    """Inverted dropout forward pass.

    Args:
        x: np.ndarray of floats, any shape. Must not be modified.
        p: float in [0, 1], the probability of DROPPING an element.
        training: if False, dropout is the identity (out == x, mask all True).
        seed: int; use rng = np.random.default_rng(seed) for the mask.

    Returns:
        (out, mask):
          out  - new float64 array, shape of x: x * mask / (1 - p) in training mode
                 (all zeros when p == 1, equal to x when p == 0).
          mask - bool array, shape of x, True = kept (each kept with prob 1 - p).
    """
    raise NotImplementedError
