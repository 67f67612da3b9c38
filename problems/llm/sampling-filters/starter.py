import numpy as np


def filter_probs(logits, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """Filtered, renormalised next-token distribution.

    Args:
        logits: (V,) float64 array. Must not be modified.
        temperature: >= 0; 0 means greedy (one-hot of the argmax, lowest id on ties).
        top_k: None or int >= 1 (ties ranked by lower token id).
        top_p: None or float in (0, 1]; keep the smallest prefix of the ranking whose mass is >= top_p.
        min_p: None or float in [0, 1]; keep p >= min_p * max(p).

    Returns:
        New (V,) float64 array summing to 1, exact 0.0 for removed tokens. Order: temperature,
        top-k, top-p, min-p, renormalising after each filter.
    """
    raise NotImplementedError


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None, min_p=None):
    """One token id (Python int) drawn with rng (np.random.Generator) from filter_probs(...)."""
    raise NotImplementedError
