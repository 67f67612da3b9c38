import torch


def info_nce_loss(a, b, temperature=0.07):
    """Symmetric InfoNCE (CLIP) loss between paired embeddings, with torch tensors.

    Args:
        a, b: float64 tensors (N, d); a[i] and b[i] are a positive pair, all other rows negatives.
        temperature: float > 0; similarities are cos(a_i, b_j) / temperature.

    Returns:
        0-d float64 tensor (or float): (mean_i CE over row i of S with target i + mean_j CE over
        column j with target j) / 2, with S = rownorm(a) @ rownorm(b).T / temperature.
        Stable for temperature 1e-4. Raises ValueError on different / non-2-D shapes, N = 0,
        a zero row, temperature <= 0. Inputs are not modified.
    """
    raise NotImplementedError
