import torch


def dropout(x, p, training=True, seed=0):
    """Inverted dropout forward pass, with torch ops.

    Args:
        x: float64 tensor, any shape (CPU). Must not be modified.
        p: float in [0, 1], the probability of DROPPING an element.
        training: if False, dropout is the identity (out == x, mask all True).
        seed: int; draw the mask from g = torch.Generator().manual_seed(seed)
              (e.g. torch.rand(x.shape, generator=g, dtype=torch.float64)).

    Returns:
        (out, mask):
          out  - new float64 tensor, shape of x: x * mask / (1 - p) in training mode
                 (all zeros when p == 1, equal to x when p == 0).
          mask - bool tensor, shape of x, True = kept (each kept with prob 1 - p).
    """
    raise NotImplementedError
