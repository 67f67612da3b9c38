"""Bug: divides by L ** alpha (plain length normalisation) instead of GNMT's ((5 + L) / 6) ** alpha. Caught by test_scores_use_generated_length_gnmt_formula."""
import numpy as np


def length_penalty(n_generated, alpha):
    """GNMT length penalty (Wu et al., 2016): ((5 + n_generated) / 6) ** alpha; 1 when alpha = 0."""
    return max(n_generated, 1) ** alpha


def beam_search(step_fn, start, beam_width, max_len, end_token, alpha=0.0):
    """Beam search over log-probabilities; finished hypotheses keep their beam slot (parts 1-2).

    Every ranking (pruning and the result) uses the normalised score
    sum_logp / length_penalty(len(sequence) - 1, alpha), higher first, equal scores by the
    lexicographically smaller sequence; the result carries the normalised scores. alpha = 0 is
    part 1 (penalty 1).
    """
    if beam_width < 1:
        raise ValueError("beam_width must be >= 1")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")

    def key(hyp):
        seq, raw = hyp
        return (-(raw / length_penalty(len(seq) - 1, alpha)), seq)

    alive = [([int(start)], 0.0)]          # (sequence, raw sum of log-probs)
    finished = []
    for _ in range(max_len):
        slots = beam_width - len(finished)
        if slots <= 0 or not alive:
            break
        candidates = []
        for seq, score in alive:
            logp = np.asarray(step_fn(list(seq)), dtype=np.float64).reshape(-1)
            for tok in range(logp.shape[0]):
                candidates.append((seq + [tok], score + float(logp[tok])))
        candidates.sort(key=key)
        alive = []
        for seq, score in candidates[:slots]:
            if seq[-1] == end_token:
                finished.append((seq, score))
            else:
                alive.append((seq, score))
    result = sorted(finished + alive, key=key)
    return [(seq, raw / length_penalty(len(seq) - 1, alpha)) for seq, raw in result]
