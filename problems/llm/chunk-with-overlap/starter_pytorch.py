import torch


def chunk_tokens(tokens, max_tokens, overlap, boundary_tokens=None, boundary_window=0):
    """Split a sequence of token ids into chunks of at most `max_tokens` tokens, consecutive
    chunks sharing exactly `overlap` tokens.

    Args:
        tokens: 1-D int64 tensor of n >= 0 token ids. Must not be modified.
        max_tokens: int >= 1, the budget of one chunk.
        overlap: int, 0 <= overlap < max_tokens, tokens shared by consecutive chunks.
        boundary_tokens: None, or a 1-D int64 tensor of the ids that end a sentence (e.g. the
            id of "."); None or an empty tensor means "no boundaries".
        boundary_window: int, 0 <= boundary_window <= max_tokens - overlap. A chunk that does not
            reach the end of the sequence ends right after the LAST boundary token among its last
            `boundary_window` positions of the full-size chunk, if there is one.

    Returns:
        int64 tensor of shape (m, 2): row i = (start, end), the half-open span tokens[start:end]
        of chunk i, in order; shape (0, 2) for an empty sequence.

    Raises:
        ValueError: max_tokens < 1, overlap < 0, overlap >= max_tokens, or boundary_window
            outside [0, max_tokens - overlap] (checked before anything else, also for n == 0).

    Tip: torch.isin(tokens, boundary_tokens) marks the boundaries in one call.
    """
    raise NotImplementedError
