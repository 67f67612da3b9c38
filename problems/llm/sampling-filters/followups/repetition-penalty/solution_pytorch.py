import torch


def _penalise(z, repetition_penalty, prev_tokens):
    """CTRL repetition penalty (Keskar et al., 2019; as in Hugging Face transformers) with torch
    ops: every token id that occurs in prev_tokens (a list or an int tensor; once or many times)
    has its logit divided by the penalty if the logit is positive, multiplied by it otherwise.
    Returns a new float64 tensor; raises ValueError for an id outside 0..V-1."""
    z = torch.as_tensor(z, dtype=torch.float64).clone()
    if repetition_penalty != 1.0 and prev_tokens is not None:
        ids = torch.unique(torch.as_tensor(prev_tokens, dtype=torch.int64).reshape(-1))   # once per id
        if ids.numel():
            if int(ids.min()) < 0 or int(ids.max()) >= z.shape[0]:
                raise ValueError("prev_tokens must be token ids in 0..V-1")
            sel = z[ids]
            z[ids] = torch.where(sel > 0, sel / repetition_penalty, sel * repetition_penalty)
    return z


def filter_probs(logits, temperature=1.0, top_k=None, top_p=None, min_p=None,
                 repetition_penalty=1.0, prev_tokens=None):
    """Next-token distribution with torch ops (PyTorch reference, parts 1 and 2): repetition penalty
    on the logits, then temperature, top-k, top-p and min-p, in that order.

    logits: (V,) float tensor (not modified). Returns a new (V,) float64 tensor summing to 1 with
    exact zeros for removed tokens; temperature == 0 gives the one-hot of the argmax of the
    penalised logits (lowest id on ties). Raises ValueError for repetition_penalty <= 0."""
    if not repetition_penalty > 0:
        raise ValueError("repetition_penalty must be > 0")
    z = _penalise(logits, repetition_penalty, prev_tokens)
    V = z.shape[0]
    if temperature == 0:
        out = torch.zeros_like(z)
        out[int(torch.argmax(z))] = 1.0                    # first maximum on ties
        return out
    probs = torch.softmax(z / temperature, dim=-1)
    order = torch.sort(probs, descending=True, stable=True).indices   # ties: lower id first
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


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None, min_p=None,
                 repetition_penalty=1.0, prev_tokens=None):
    """One token id (a Python int) drawn with `rng` (a torch.Generator) from filter_probs(...)."""
    probs = filter_probs(logits, temperature, top_k, top_p, min_p, repetition_penalty, prev_tokens)
    return int(torch.multinomial(probs, 1, generator=rng).item())
