"""Buggy variant: decodes with errors='strict', so bytes that are not valid UTF-8 raise instead of giving U+FFFD. Caught by test_decode_invalid_utf8_uses_replacement_character."""
import numpy as np


def _ranks(merges):
    """{(a, b): k} for the merge table; merge k creates id 256 + k."""
    table = np.asarray(merges, dtype=np.int64).reshape(-1, 2)
    return {(int(a), int(b)): k for k, (a, b) in enumerate(table.tolist())}


def encode(text, merges):
    """Token ids of `text` under byte-level BPE `merges` (reference).

    Args:
        text: str (no lone surrogates). Encoded as UTF-8; every byte is a base token 0-255.
        merges: int array of shape (m, 2); row k is the pair merged into id 256 + k.

    Returns:
        int64 array of shape (n,). Repeatedly merges the adjacent pair of lowest rank (all its
        non-overlapping occurrences, left to right) until no adjacent pair is in `merges`.
    """
    ranks = _ranks(merges)
    ids = list(text.encode("utf-8"))
    while len(ids) >= 2:
        pairs = set(zip(ids, ids[1:]))
        best = min(pairs, key=lambda p: ranks.get(p, float("inf")))
        if best not in ranks:
            break
        new_id, out, i = 256 + ranks[best], [], 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == best[0] and ids[i + 1] == best[1]:
                out.append(new_id)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out
    return np.array(ids, dtype=np.int64)


def decode(ids, merges):
    """The text of token `ids` (reference): the tokens' bytes joined, then decoded as UTF-8 with
    invalid sequences replaced by U+FFFD.

    Args:
        ids: 1-D integer array of token ids.
        merges: int array of shape (m, 2), as for `encode`.

    Returns:
        str.

    Raises:
        ValueError: if an id is negative or >= 256 + m.
    """
    table = np.asarray(merges, dtype=np.int64).reshape(-1, 2).tolist()
    vocab = [bytes([b]) for b in range(256)]
    for a, b in table:
        vocab.append(vocab[a] + vocab[b])
    out = []
    for t in np.asarray(ids).reshape(-1).tolist():
        if not 0 <= t < len(vocab):
            raise ValueError("unknown token id %d (valid ids are 0..%d)" % (t, len(vocab) - 1))
        out.append(vocab[t])
    return b"".join(out).decode("utf-8")   # BUG: strict
