import numpy as np


def speculative_accept(draft_tokens, q, p, rng):
    """Accept / resample step of speculative sampling (Leviathan et al. 2023; Chen et al. 2023) (reference).

    draft_tokens: (k,) int array drawn from the rows of q; q: (k, V) draft probabilities;
    p: (k + 1, V) target probabilities; rng: np.random.Generator.
    Returns an int64 array of length 1..k+1: the accepted draft prefix plus one token that is either
    resampled from normalize(max(0, p[i] - q[i])) at the first rejection i, or a bonus token from p[k].
    """
    draft_tokens = np.asarray(draft_tokens)
    q = np.asarray(q, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    k, V = q.shape
    out = []
    for i in range(k):
        x = int(draft_tokens[i])
        if rng.random() < min(1.0, p[i, x] / q[i, x]):
            out.append(x)
            continue
        residual = np.maximum(p[i] - q[i], 0.0)
        total = residual.sum()
        dist = residual / total if total > 0 else p[i]
        out.append(int(rng.choice(V, p=dist)))
        return np.array(out, dtype=np.int64)
    out.append(int(rng.choice(V, p=p[k])))                  # every draft accepted: bonus token
    return np.array(out, dtype=np.int64)
