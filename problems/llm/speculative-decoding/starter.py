import numpy as np


def speculative_accept(draft_tokens, q, p, rng):
    """Verify k draft tokens against the target model (speculative sampling).

    Args:
        draft_tokens: (k,) integer array; draft_tokens[i] was drawn from q[i].
        q: (k, V) float64, the draft model's distributions (q[i, draft_tokens[i]] > 0).
        p: (k + 1, V) float64, the target model's distributions; row k is for the bonus token.
        rng: np.random.Generator, the only source of randomness.

    Returns:
        int64 array of length n, 1 <= n <= k + 1: the accepted prefix of draft_tokens, then one
        more token: resampled from normalize(max(0, p[i] - q[i])) at the first rejection i, or,
        if all k drafts are accepted, a bonus token drawn from p[k]. Inputs must not be modified.
    """
    raise NotImplementedError
