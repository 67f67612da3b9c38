"""Tensor contract of the PyTorch variant: `text` and decode's result are Python strings (text is
not a tensor); `merges` is an int64 tensor of shape (m, 2), `ids` a 1-D int64 tensor, and encode
returns a 1-D int64 tensor (torch.empty(0, dtype=torch.int64) for the empty string). Neither
function may modify its tensor arguments.

Both can be tensor work over the whole sequence: write every adjacent pair (a, b) as the key
a * width + b (width = 256 + m is larger than every id), look the keys up among the sorted merge
keys with torch.searchsorted to get their ranks, and merge the lowest rank everywhere at once
(mind runs like "aaa"). For decode, expand ids >= 256 into their two halves until only bytes are
left, then decode the bytes once. Plain Python on merges.tolist() passes the same tests too
(do not use 0-d tensors as dict keys: they hash by identity).
"""
import torch


def encode(text, merges):
    """Token ids of `text` under byte-level BPE.

    Args:
        text: str. Encoded as UTF-8; each byte value 0-255 is a base token id.
        merges: int64 tensor of shape (m, 2); row k is the pair (a, b) merged into id 256 + k
            (rank k: lower ranks are applied first). Must not be modified.

    Returns:
        torch.Tensor of int64, shape (n,). Repeatedly pick, among the adjacent pairs of the current
        ids, the one with the lowest rank; replace all its occurrences (left to right, no
        overlap) by its id; stop when no adjacent pair is in `merges`.
    """
    raise NotImplementedError


def decode(ids, merges):
    """Text of token ids: join the tokens' bytes, then decode as UTF-8 with errors="replace".

    Args:
        ids: 1-D int64 tensor of token ids.
        merges: as for `encode`.

    Returns:
        str.

    Raises:
        ValueError: if any id is negative or >= 256 + len(merges).
    """
    raise NotImplementedError
