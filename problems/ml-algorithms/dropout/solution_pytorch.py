import torch


def dropout(x, p, training=True, seed=0):
    """Inverted dropout forward pass with torch ops (PyTorch reference, CPU), the mask drawn from a
    torch.Generator seeded with `seed` (torch's draws differ from NumPy's: only their law matters)."""
    x = torch.as_tensor(x, dtype=torch.float64)
    if not training or p == 0:
        return x.clone(), torch.ones(x.shape, dtype=torch.bool)
    if p >= 1:
        return torch.zeros(x.shape, dtype=torch.float64), torch.zeros(x.shape, dtype=torch.bool)
    g = torch.Generator().manual_seed(int(seed))
    mask = torch.rand(x.shape, generator=g, dtype=torch.float64) >= p   # kept with probability 1 - p
    out = torch.where(mask, x / (1.0 - p), torch.zeros_like(x))
    return out, mask
