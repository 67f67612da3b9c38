import numpy as np


def _rank_key(hyp):
    seq, score = hyp
    return (-score, seq)


def beam_search(step_fn, start, beam_width, max_len, end_token):
    """Beam search over log-probabilities; finished hypotheses keep their beam slot."""
    if beam_width < 1:
        raise ValueError("beam_width must be >= 1")
    alive = [([int(start)], 0.0)]
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
        candidates.sort(key=_rank_key)
        alive = []
        for seq, score in candidates[:slots]:
            if seq[-1] == end_token:
                finished.append((seq, score))
            else:
                alive.append((seq, score))
    result = finished + alive
    result.sort(key=_rank_key)
    return result
