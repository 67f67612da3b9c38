import numpy as np


def encode(text, merges):
    """Token ids of `text` under byte-level BPE.

    Args:
        text: str. Encoded as UTF-8; each byte value 0-255 is a base token id.
        merges: int64 array of shape (m, 2); row k is the pair (a, b) merged into id 256 + k
            (rank k: lower ranks are applied first). Must not be modified.

    Returns:
        np.ndarray of int64, shape (n,). Repeatedly pick, among the adjacent pairs of the current
        ids, the one with the lowest rank; replace all its occurrences (left to right, no
        overlap) by its id; stop when no adjacent pair is in `merges`.
    """
    raise NotImplementedError


def decode(ids, merges):
    """Text of token ids: join the tokens' bytes, then decode as UTF-8 with errors="replace".

    Args:
        ids: 1-D integer array of token ids.
        merges: as for `encode`.

    Returns:
        str.

    Raises:
        ValueError: if any id is negative or >= 256 + len(merges).
    """
    raise NotImplementedError
