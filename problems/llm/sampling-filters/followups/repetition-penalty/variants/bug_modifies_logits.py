"""Bug: np.asarray does not copy a float64 array, so the penalty is written into the caller's logits. Caught by test_logits_and_prev_tokens_not_modified."""
import numpy as np


def _penalise(z, repetition_penalty, prev_tokens):
    """CTRL repetition penalty (Keskar et al., 2019; as in Hugging Face transformers): every token id
    that occurs in prev_tokens (once or many times) has its logit divided by the penalty if the
    logit is positive, multiplied by it otherwise. Returns a new array."""
    z = np.asarray(z, dtype=np.float64)
    if repetition_penalty != 1.0 and prev_tokens is not None:
        ids = np.unique(np.asarray(prev_tokens, dtype=np.int64).reshape(-1))
        if ids.size:
            if ids.min() < 0 or ids.max() >= z.shape[0]:
                raise ValueError("prev_tokens must be token ids in 0..V-1")
            sel = z[ids]
            z[ids] = np.where(sel > 0, sel / repetition_penalty, sel * repetition_penalty)
    return z


def filter_probs(logits, temperature=1.0, top_k=None, top_p=None, min_p=None,
                 repetition_penalty=1.0, prev_tokens=None):
    """Next-token distribution: repetition penalty on the logits, then temperature, top-k, top-p and
    min-p, in that order. Returns a new (V,) float64 array summing to 1 with exact zeros for
    removed tokens. temperature == 0 gives the one-hot of the argmax of the penalised logits."""
    if not repetition_penalty > 0:
        raise ValueError("repetition_penalty must be > 0")
    z = _penalise(logits, repetition_penalty, prev_tokens)
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


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None, min_p=None,
                 repetition_penalty=1.0, prev_tokens=None):
    """One token id drawn with `rng` (np.random.Generator) from filter_probs(...)."""
    probs = filter_probs(logits, temperature, top_k, top_p, min_p, repetition_penalty, prev_tokens)
    return int(rng.choice(probs.shape[0], p=probs))
