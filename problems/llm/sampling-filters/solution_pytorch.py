import torch


def filter_probs(logits, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """Next-token distribution after temperature, top-k, top-p and min-p, with torch ops (reference).

    logits: (V,) float tensor. Returns a new (V,) tensor of the logits' dtype summing to 1.
    """
    V = logits.shape[0]
    if temperature == 0:
        out = torch.zeros_like(logits)
        out[int(torch.argmax(logits))] = 1.0               # first maximum on ties
        return out
    probs = torch.softmax(logits / temperature, dim=-1)
    order = torch.sort(probs, descending=True, stable=True).indices
    if top_k is not None and top_k < V:
        probs[order[top_k:]] = 0.0
        probs = probs / probs.sum()
    if top_p is not None and top_p < 1.0:
        sorted_p = probs[order]
        before = torch.cumsum(sorted_p, 0) - sorted_p
        probs[order[before >= top_p]] = 0.0
        probs = probs / probs.sum()
    if min_p is not None and min_p > 0:
        probs[probs < min_p * probs.max()] = 0.0
        probs = probs / probs.sum()
    return probs


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """One token id drawn with `rng` (torch.Generator) from filter_probs(...) (reference)."""
    probs = filter_probs(logits, temperature, top_k, top_p, min_p)
    return int(torch.multinomial(probs, 1, generator=rng).item())
