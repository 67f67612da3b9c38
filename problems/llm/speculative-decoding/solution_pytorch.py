import torch


def speculative_accept(draft_tokens, q, p, rng):
    """Accept / resample step of speculative sampling with torch ops (reference).

    draft_tokens: (k,) int64 tensor; q: (k, V) and p: (k + 1, V) float64 tensors; rng: torch.Generator.
    Returns an int64 tensor of length 1..k+1.
    """
    k = q.shape[0]
    out = []
    for i in range(k):
        x = int(draft_tokens[i])
        u = torch.rand((), generator=rng, dtype=torch.float64)
        if u < torch.clamp(p[i, x] / q[i, x], max=1.0):
            out.append(x)
            continue
        residual = torch.clamp(p[i] - q[i], min=0.0)
        dist = residual if residual.sum() > 0 else p[i]
        out.append(int(torch.multinomial(dist, 1, generator=rng)))
        return torch.tensor(out, dtype=torch.int64)
    out.append(int(torch.multinomial(p[k], 1, generator=rng)))
    return torch.tensor(out, dtype=torch.int64)
