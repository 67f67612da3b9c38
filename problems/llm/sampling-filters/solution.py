import numpy as np


def filter_probs(logits, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """Next-token distribution after temperature, top-k, top-p and min-p, in that order (reference).

    logits: (V,) float array. Returns a new (V,) float64 array summing to 1 with exact zeros for
    removed tokens. temperature == 0 gives the one-hot of the argmax (lowest id on ties).
    """
    z = np.asarray(logits, dtype=np.float64)
    V = z.shape[0]
    if temperature == 0:
        out = np.zeros(V)
        out[int(np.argmax(z))] = 1.0                      # argmax returns the first maximum
        return out
    z = z / temperature
    e = np.exp(z - z.max())
    probs = e / e.sum()
    order = np.argsort(-probs, kind="stable")             # descending, ties by lower id
    if top_k is not None and top_k < V:
        probs[order[top_k:]] = 0.0
        probs /= probs.sum()
    if top_p is not None and top_p < 1.0:
        sorted_p = probs[order]
        before = np.cumsum(sorted_p) - sorted_p            # mass ranked strictly before each token
        probs[order[before >= top_p]] = 0.0
        probs /= probs.sum()
    if min_p is not None and min_p > 0:
        probs[probs < min_p * probs.max()] = 0.0
        probs /= probs.sum()
    return probs


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """One token id drawn with `rng` (np.random.Generator) from filter_probs(...) (reference)."""
    probs = filter_probs(logits, temperature, top_k, top_p, min_p)
    return int(rng.choice(probs.shape[0], p=probs))
