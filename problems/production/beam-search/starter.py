import numpy as np


def beam_search(step_fn, start, beam_width, max_len, end_token):
    """Beam search for a sequence model.

    Args:
        step_fn: callable(sequence: list[int]) -> 1-D np.ndarray of shape (V,) holding the
            (finite) log-probabilities of the next token 0..V-1 given the sequence so far.
        start: int, the start token; every hypothesis begins with it (it adds no score).
        beam_width: int >= 1.
        max_len: int >= 0, the maximum number of GENERATED tokens (end_token included,
            start excluded).
        end_token: int; a hypothesis whose last token is end_token is finished.

    Returns:
        list of (sequence, score) pairs, sequence a list[int] that starts with `start`,
        score a float = sum of the log-probs of the generated tokens. Best first (higher
        score); equal scores: lexicographically smaller sequence first. At most beam_width
        pairs: the finished hypotheses plus those still alive when the search stops.

    At every step, all alive hypotheses are extended by every token; keep the best
    (beam_width - number_finished) candidates (ties: smaller sequence); kept candidates
    ending in end_token are set aside as finished and never expanded again.
    """
    raise NotImplementedError
