def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    """Split a token sequence into chunks of at most `max_tokens` tokens, consecutive chunks
    sharing exactly `overlap` tokens.

    Args:
        tokens: list or tuple of tokens (ints or strings), length n >= 0. Must not be modified.
        max_tokens: int >= 1, the budget of one chunk.
        overlap: int, 0 <= overlap < max_tokens, tokens shared by consecutive chunks.
        boundary_tokens: optional collection of tokens that end a sentence (e.g. {".", "?"}).
        boundary_window: int, 0 <= boundary_window <= max_tokens - overlap. A chunk that does not
            reach the end of the sequence ends right after the LAST boundary token among its last
            `boundary_window` positions of the full-size chunk, if there is one.

    Returns:
        list of (start, end) tuples of ints, half-open spans tokens[start:end], in order.
        [] for an empty sequence.

    Raises:
        ValueError: max_tokens < 1, overlap < 0, overlap >= max_tokens, or boundary_window
            outside [0, max_tokens - overlap] (checked before anything else, also for n == 0).
    """
    raise NotImplementedError
