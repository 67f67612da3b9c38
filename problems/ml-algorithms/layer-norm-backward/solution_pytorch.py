import torch


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """Layer-norm forward pass over the last axis with torch ops (PyTorch reference, CPU)."""
    x = torch.as_tensor(x, dtype=torch.float64)
    gamma = torch.as_tensor(gamma, dtype=torch.float64)
    beta = torch.as_tensor(beta, dtype=torch.float64)
    mu = x.mean(dim=-1, keepdim=True)
    xc = x - mu
    var = (xc * xc).mean(dim=-1, keepdim=True)      # biased, from centred values
    inv_std = 1.0 / torch.sqrt(var + eps)
    x_hat = xc * inv_std
    out = gamma * x_hat + beta
    return out, (x_hat, inv_std, gamma)


def layer_norm_backward(dout, cache):
    """Gradients w.r.t. x, gamma, beta given dL/dout, by hand (no autograd)."""
    x_hat, inv_std, gamma = (torch.as_tensor(t, dtype=torch.float64) for t in cache)
    dout = torch.as_tensor(dout, dtype=torch.float64)
    d = x_hat.shape[-1]
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat
                    - dx_hat.mean(dim=-1, keepdim=True)
                    - x_hat * (dx_hat * x_hat).mean(dim=-1, keepdim=True))
    dgamma = (dout * x_hat).reshape(-1, d).sum(dim=0)
    dbeta = dout.reshape(-1, d).sum(dim=0)
    return dx, dgamma, dbeta
