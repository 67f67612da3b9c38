import torch


def speculative_accept(draft_tokens, q, p, rng):
    """Verify k draft tokens against the target model (speculative sampling).

    Args:
        draft_tokens: (k,) int64 tensor; draft_tokens[i] was drawn from q[i].
        q: (k, V) float64 tensor, the draft model's distributions (q[i, draft_tokens[i]] > 0).
        p: (k + 1, V) float64 tensor, the target model's distributions; row k is for the bonus token.
        rng: torch.Generator, the only source of randomness (torch.rand(..., generator=rng),
            torch.multinomial(..., generator=rng)).

    Returns:
        int64 tensor of length n, 1 <= n <= k + 1: the accepted prefix of draft_tokens, then one
        more token: resampled from normalize(max(0, p[i] - q[i])) at the first rejection i, or,
        if all k drafts are accepted, a bonus token drawn from p[k]. Inputs must not be modified.
    """
    raise NotImplementedError
