"""Bug: searches the new n-gram as a substring of the comma-joined earlier tokens, so token 1 after token 11 counts as a repeat. Caught by test_overlapping_repeats_and_multi_digit_tokens."""
import numpy as np


def length_penalty(n_generated, alpha):
    """GNMT length penalty (Wu et al., 2016): ((5 + n_generated) / 6) ** alpha; 1 when alpha = 0."""
    return ((5.0 + n_generated) / 6.0) ** alpha


def repeats_ngram(seq, n):
    """True when the last n tokens of seq (an n-gram ending at its last token) already occur as a
    contiguous n-gram earlier in seq (the occurrences may overlap); False for n = 0 or len(seq) <= n."""
    if n <= 0 or len(seq) <= n:
        return False
    last = seq[-n:]
    # BUG: substring search on the joined tokens: '1' is found inside '11'
    return ",".join(map(str, last)) in ",".join(map(str, seq[:-1]))


def beam_search(step_fn, start, beam_width, max_len, end_token, alpha=0.0, no_repeat_ngram_size=0):
    """Beam search over log-probabilities; finished hypotheses keep their beam slot (parts 1-3).

    Every ranking (pruning and the result) uses the normalised score
    sum_logp / length_penalty(len(sequence) - 1, alpha), higher first, equal scores by the
    lexicographically smaller sequence; the result carries the normalised scores. alpha = 0 is
    part 1 (penalty 1).

    no_repeat_ngram_size = n > 0 (part 3): a candidate whose last n tokens already occur as an
    n-gram earlier in its sequence (start token included) is removed before pruning; when fewer
    candidates remain than free slots, all of them are kept. 0 disables it.
    """
    if beam_width < 1:
        raise ValueError("beam_width must be >= 1")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if isinstance(no_repeat_ngram_size, bool) or not isinstance(no_repeat_ngram_size, (int, np.integer)) \
            or no_repeat_ngram_size < 0:
        raise ValueError("no_repeat_ngram_size must be an int >= 0")
    n_block = int(no_repeat_ngram_size)

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
                cand = seq + [tok]
                if not repeats_ngram(cand, n_block):
                    candidates.append((cand, score + float(logp[tok])))
        candidates.sort(key=key)
        alive = []
        for seq, score in candidates[:slots]:
            if seq[-1] == end_token:
                finished.append((seq, score))
            else:
                alive.append((seq, score))
    result = sorted(finished + alive, key=key)
    return [(seq, raw / length_penalty(len(seq) - 1, alpha)) for seq, raw in result]
