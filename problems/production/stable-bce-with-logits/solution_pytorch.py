import torch


def bce_with_logits(logits, targets):
    """Mean binary cross-entropy from logits with torch ops (PyTorch reference, CPU), without overflow:
    max(z, 0) - z*y + log1p(exp(-|z|)). torch.nn.functional.binary_cross_entropy_with_logits computes
    the same; the shape check is ours (torch would broadcast or raise RuntimeError)."""
    z = torch.as_tensor(logits).to(torch.float64)
    y = torch.as_tensor(targets).to(torch.float64)
    if z.shape != y.shape:
        raise ValueError(f"shape mismatch: logits {tuple(z.shape)} vs targets {tuple(y.shape)}")
    if z.numel() == 0:
        raise ValueError("empty input")
    loss = torch.clamp(z, min=0.0) - z * y + torch.log1p(torch.exp(-z.abs()))
    return float(loss.mean())
