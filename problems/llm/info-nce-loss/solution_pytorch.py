import torch
import torch.nn.functional as F


def info_nce_loss(a, b, temperature=0.07):
    """Symmetric InfoNCE / CLIP loss with torch ops (reference, CPU).

    a, b: (N, d) float64 tensors. Returns a 0-d tensor: the mean of the row-wise and the
    column-wise cross-entropy of S = normalize(a) @ normalize(b).T / temperature, targets on the
    diagonal. Raises ValueError on bad shapes, a zero row or temperature <= 0."""
    if a.dim() != 2 or a.shape != b.shape or a.shape[0] == 0:
        raise ValueError("expected a and b of the same shape (N, d) with N >= 1")
    if not temperature > 0:
        raise ValueError("temperature must be positive")
    if bool((a.norm(dim=1) == 0).any()) or bool((b.norm(dim=1) == 0).any()):
        raise ValueError("zero embedding row")
    s = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / temperature
    targets = torch.arange(a.shape[0])
    return 0.5 * (F.cross_entropy(s, targets) + F.cross_entropy(s.T, targets))
